/**
 * The lifecycle of one agreement (docs/calendar-rules.md, docs/contracts.md): workflow id
 * `agreement-<id>`. Its main loop follows the planned calendar with durable timers, sends the
 * reminders due at each wake-up (lifecycle-delivery.ts), records what coordinators report through
 * validated updates (operations.ts), runs each census campaign and project sheet as a child
 * workflow (lifecycle-children.ts), keeps its search attributes and Web UI details current, and
 * continues as new every year.
 *
 * The calendar is never stored: it is re-planned from (agreement, facts) after every change, by
 * the same pure planner `pacte plan` uses. What must survive is the state: facts, the log of
 * deliveries and the invitations sent.
 *
 * @module
 */
import * as wf from '@temporalio/workflow';
import {
  agreementQuery,
  campaignClosed,
  sheetClosed,
  sheetEscalated,
  snapshotQuery,
  stateQuery,
} from '../contracts/messages';
import {
  initialLifecycleState,
  RUN_EVENT_LIMIT,
  type LifecycleInput,
  type LifecycleResult,
  type LifecycleState,
} from '../contracts/lifecycle-state';
import { AgreementId, AgreementPhase, NextDeadline, agreementSearchAttributes } from '../contracts/search-attributes';
import { sheetWorkflowId } from '../contracts/workflow-ids';
import { planCalendar } from '../domain/calendar';
import type { Calendar } from '../domain/calendar-types';
import { deliveredKey, dueItems, type DueItem } from './due-items';
import { anyLate, catchUp, LATE_AFTER_MS, missedAtStart } from './late-reminders';
import { signalChildren, startChildren } from './lifecycle-children';
import {
  childSignal,
  LifecycleClock,
  type ChildSignal,
  type ChildStart,
  type LifecycleContext,
} from './lifecycle-context';
import { LifecycleDelivery } from './lifecycle-delivery';
import { currentDetails, lifecycleView } from './lifecycle-view';
import { registerOperations } from './operations';
import { applyPersonChangeToLifecycle } from './person-changes';
import type { PersonChangeRecord } from '../domain/person-changes';
import {
  PATCH_BOUNDED_STATE,
  PATCH_CENSUS_LOOP,
  PATCH_CLEAR_NEXT_DEADLINE,
  PATCH_LATE_REMINDERS,
  PATCH_MEETING_FOLLOWUPS,
  PATCH_LEADS_BY_AXIS,
  RunPatches,
} from './patches';
import { compactState } from './state-compaction';

class AgreementLifecycle implements LifecycleContext {
  readonly clock: LifecycleClock;
  state: LifecycleState;
  calendar: Calendar;
  /** Set by handlers: the main loop wakes up and re-plans its next step. */
  changed = false;
  /** Items to send at once (notice, amendment): queued by handlers, sent by the main loop. */
  immediate: DueItem[] = [];
  childStarts: ChildStart[] = [];
  childSignals: ChildSignal[] = [];
  /** Census campaigns are opened by the operations (a census answer) and by the calendar alike. */
  private readonly operations: ReturnType<typeof registerOperations>;
  private readonly runStartedMs: number;
  private readonly runEventLimit: number | undefined;
  /** A new lifecycle, not a continued run: it catches up on reminders planned before it started. */
  private readonly fresh: boolean;
  /** The last sleep ended long after its planned wake-up: a worker was away (no worker, no time). */
  private wokeLate = false;
  private published: { phase?: string; nextDeadline?: string } = {};
  /** {@link endMs} for the plan it was reckoned from. */
  private end: { calendar: Calendar; ms: number } | undefined;
  /** Asked first, before any other command of the run (patches.ts). */
  readonly patches = new RunPatches();
  private readonly delivery = new LifecycleDelivery(this);

  constructor(input: LifecycleInput) {
    this.runEventLimit = input.runEventLimit;
    this.clock = new LifecycleClock(input.agreement.timezone);
    this.runStartedMs = this.clock.nowMs();
    this.fresh = input.state === undefined;
    this.state = input.state
      ? { ...input.state, runs: input.state.runs + 1 }
      : initialLifecycleState(input, this.clock.nowIso());
    // v6: the art. 9 loop in full (due-items.ts, operations.ts), from the first run recorded with it.
    if (this.patches.has(PATCH_CENSUS_LOOP)) this.state.censusLoop = true;
    // v6: meetings followed up (due-items.ts, operations.ts), likewise.
    if (this.patches.has(PATCH_MEETING_FOLLOWUPS)) this.state.meetingFollowUps = true;
    // v8: a late tracking table goes to the axes named only (due-items.ts `trackingTableItem`).
    if (this.patches.has(PATCH_LEADS_BY_AXIS)) this.state.leadsByAxis = true;
    this.calendar = this.replan();
    this.operations = registerOperations(this);
  }

  replan(): Calendar {
    this.calendar = planCalendar(this.state.agreement, this.state.facts);
    return this.calendar;
  }

  /** The end of the calendar's last day, reckoned once per plan: every wake-up asks it several times. */
  endMs(): number {
    if (this.end?.calendar !== this.calendar)
      this.end = { calendar: this.calendar, ms: this.clock.endOfDayMs(this.calendar.effectiveEnd) };
    return this.end.ms;
  }

  pending(): DueItem[] {
    return dueItems(this.state, this.calendar, this.endMs());
  }

  wake(): void {
    this.changed = true;
  }

  async run(): Promise<LifecycleResult> {
    // v7: the start sets the memo (client/lifecycle-start-options.ts) and continue-as-new carries
    // it; it is written here only for a lifecycle started without one.
    if (this.state.runs === 1 && (!this.patches.lean || wf.workflowInfo().memo?.title === undefined))
      wf.upsertMemo({ title: this.state.agreement.title, parties: this.state.agreement.parties });
    if (this.patches.lean) this.published = publishedAtStart();
    this.publish();
    if (this.fresh) {
      // v5: started after reminders' times, the latest missed one of each item ahead goes at once, late.
      const missed = missedAtStart(this.state, this.calendar, this.endMs(), this.clock.nowMs());
      if (missed.length > 0 && this.patches.has(PATCH_LATE_REMINDERS)) this.immediate.push(...missed);
    }
    for (;;) {
      await this.flushChildren();
      const now = this.clock.nowMs();
      if (this.immediate.length > 0) {
        const items = this.immediate.splice(0);
        await this.delivery.deliver(items);
        this.publish();
        continue;
      }
      if (this.applyScheduledPersonChanges(now)) continue;
      if (this.advanceMilestones(now)) continue;
      if (now >= this.endMs()) return await this.finish();
      // Everything not yet delivered, computed once per turn: the state does not change before
      // the wake-up instant is reckoned from it below (a delivery starts a new turn).
      const pending = this.pending();
      const due = pending.filter((item) => Date.parse(item.at) <= now);
      if (due.length > 0) {
        let send = due;
        // v5: back after a long gap, only the latest missed reminder of each item ahead, late.
        if (this.wokeLate && anyLate(due, now) && this.patches.has(PATCH_LATE_REMINDERS)) {
          const caught = catchUp(due, now);
          for (const item of caught.drop)
            this.state.deliveredKeys.push(...item.to.map((person) => deliveredKey(item.key, person)));
          send = caught.send;
        }
        this.wokeLate = false;
        if (send.length > 0) await this.delivery.deliver(send);
        this.markEscalated(send);
        this.publish();
        continue;
      }
      if (this.timeToContinue(now)) {
        await wf.condition(wf.allHandlersFinished);
        if (this.immediate.length === 0 && this.childStarts.length === 0 && this.childSignals.length === 0) {
          // v4: the next run carries this year's records only (state-compaction.ts).
          const state = this.patches.has(PATCH_BOUNDED_STATE)
            ? compactState(this.state, this.calendar, now, this.clock.nowIso(), Number(this.clock.today().slice(0, 4)))
            : this.state;
          return await wf.continueAsNew<typeof agreementLifecycle>({
            agreement: state.agreement,
            state,
            ...(this.runEventLimit !== undefined ? { runEventLimit: this.runEventLimit } : {}),
          });
        }
        continue;
      }
      const next = this.nextWakeMs(now, pending);
      this.changed = false;
      await wf.condition(() => this.changed, Math.max(1, next - now));
      this.wokeLate = this.clock.nowMs() - next > LATE_AFTER_MS;
      // v8: woken by the end, the lifecycle publishes once, when it finishes.
      if (!(this.patches.long && this.clock.nowMs() >= this.endMs())) this.publish();
    }
  }

  /** v8: when the run's history is large (server's suggestion, or the limit); before, also each 1 January. */
  private timeToContinue(now: number): boolean {
    const info = wf.workflowInfo();
    if (info.continueAsNewSuggested) return true;
    if (!this.patches.long) return now >= this.clock.nextYearMs(this.runStartedMs);
    return info.historyLength >= (this.runEventLimit ?? RUN_EVENT_LIMIT);
  }

  /** The earliest instant something is due: a reminder, a milestone, the end (before v8, a new year). */
  private nextWakeMs(now: number, pending: DueItem[]): number {
    const candidates = [this.endMs()];
    if (!this.patches.long) candidates.push(this.clock.nextYearMs(this.runStartedMs));
    const firstDue = pending[0];
    if (firstDue) candidates.push(Date.parse(firstDue.at));
    for (const change of this.scheduledPersonChanges()) candidates.push(this.personChangeMs(change));
    for (const entry of this.calendar.entries) {
      const at = Date.parse(entry.at);
      if (at <= now) continue;
      if (entry.type === 'renewal-window' && this.state.phase === 'active') candidates.push(at);
      if (entry.type === 'census-open' && !this.censusStarted(entry.censusYear)) candidates.push(at);
    }
    return Math.min(...candidates);
  }

  /** Changes of person recorded ahead of their day, not applied yet. */
  private scheduledPersonChanges(): PersonChangeRecord[] {
    return (this.state.personChanges ?? []).filter((change) => !change.appliedOn);
  }

  /** A change takes effect on its day at the reminders' time: its e-mails go out then, not at midnight. */
  private personChangeMs(change: PersonChangeRecord): number {
    return this.clock.atMs(change.effectiveOn, this.state.agreement.reminders.time);
  }

  /** Applies the changes of person whose time has come, as of that time. True when any. */
  private applyScheduledPersonChanges(now: number): boolean {
    const due = this.scheduledPersonChanges().filter((c) => this.personChangeMs(c) <= now);
    for (const change of due) applyPersonChangeToLifecycle(this, change, this.clock.isoAt(this.personChangeMs(change)));
    if (due.length) this.publish();
    return due.length > 0;
  }

  private censusStarted(year: number | undefined): boolean {
    return this.state.census.some((c) => c.year === year && c.workflowId !== undefined);
  }

  /** Phase changes and census campaigns that time alone brings. True when something changed. */
  private advanceMilestones(now: number): boolean {
    let moved = false;
    const startedMs = Date.parse(this.state.startedAt);
    for (const entry of this.calendar.entries) {
      if (Date.parse(entry.at) > now) continue;
      if (entry.type === 'renewal-window' && this.state.phase === 'active') {
        this.state.phase = 'renewal-window';
        moved = true;
      }
      if (entry.type === 'census-open' && entry.censusYear !== undefined && !this.censusStarted(entry.censusYear)) {
        const deadline = this.calendar.entries.find(
          (e) => e.type === 'census-deadline' && e.censusYear === entry.censusYear,
        );
        if (deadline && Date.parse(deadline.at) < startedMs) continue; // over before the lifecycle began
        this.operations.ensureCensus(entry.censusYear);
        moved = true;
      }
    }
    if (moved) this.publish();
    return moved || this.childStarts.length > 0;
  }

  private async flushChildren(): Promise<void> {
    await startChildren(this.childStarts.splice(0), this.state.agreement.id);
    await signalChildren(this.childSignals.splice(0));
  }

  /** Sheets listed in an escalation are marked, once, and their child workflows told. */
  private markEscalated(items: DueItem[]): void {
    for (const item of items.filter((i) => i.purpose === 'project-sheet-escalation')) {
      for (const project of item.details?.projects ?? []) {
        const sheet = this.state.sheets.find((s) => s.projectId === project.id && !s.submittedOn && !s.escalatedOn);
        if (!sheet) continue;
        sheet.escalatedOn = item.day;
        this.childSignals.push(
          childSignal(sheetWorkflowId(this.state.agreement.id, sheet.censusYear, sheet.projectId), sheetEscalated, {
            on: item.day,
          }),
        );
      }
    }
  }

  private async finish(): Promise<LifecycleResult> {
    const phase: LifecycleResult['phase'] = this.state.facts.notice
      ? 'terminated'
      : this.state.renewal.successorId
        ? 'renewed'
        : 'expired';
    this.state.phase = phase;
    const today = this.clock.today();
    for (const census of this.state.census.filter((c) => c.workflowId && !c.closed)) {
      census.closed = true;
      this.childSignals.push(childSignal(census.workflowId!, campaignClosed, { on: today, reason: phase }));
    }
    for (const sheet of this.state.sheets.filter((s) => !s.submittedOn)) {
      this.childSignals.push(
        childSignal(sheetWorkflowId(this.state.agreement.id, sheet.censusYear, sheet.projectId), sheetClosed, {
          on: today,
          reason: phase,
        }),
      );
    }
    await this.flushChildren();
    this.publish();
    await wf.condition(wf.allHandlersFinished);
    return {
      agreementId: this.state.agreement.id,
      phase,
      endedOn: today,
      ...(this.state.renewal.successorId ? { successorId: this.state.renewal.successorId } : {}),
      sent: this.state.sent.length + (this.state.pastYears ?? []).reduce((n, y) => n + y.sent, 0),
      failures: this.state.failures.length + (this.state.pastYears ?? []).reduce((n, y) => n + y.failures, 0),
    };
  }

  /** Search attributes (only when they change: each upsert is a history event) and UI details. */
  publish(): void {
    const view = lifecycleView(this.state, this.calendar, this.clock.nowMs());
    const next = view.nextDeadline;
    if (this.published.phase !== view.phase || !sameInstant(this.published.nextDeadline, next)) {
      // v2: a lifecycle with nothing left ahead clears NextDeadline instead of keeping a stale one.
      const clear = !next && this.published.nextDeadline !== undefined && this.patches.has(PATCH_CLEAR_NEXT_DEADLINE);
      wf.upsertSearchAttributes([
        ...(this.state.runs === 1 && this.published.phase === undefined
          ? agreementSearchAttributes(this.state.agreement, view.phase)
          : []),
        { key: AgreementPhase, value: view.phase },
        ...(next ? [{ key: NextDeadline, value: new Date(next) }] : clear ? [{ key: NextDeadline, value: null }] : []),
      ]);
      this.published = { phase: view.phase, ...(next ? { nextDeadline: next } : {}) };
    }
    wf.setCurrentDetails(currentDetails(view));
  }
}

/** Two optional ISO instants, compared as instants (the search attribute comes back in UTC). */
function sameInstant(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined ? a === b : Date.parse(a) === Date.parse(b);
}

/**
 * v7: what the start (or the run before, through continue-as-new) already set, read from the
 * run's own search attributes, so that publish() upserts only what changes. Before v7 every run
 * upserted its phase and deadline at its first task, and the first run the agreement's own
 * attributes as well, although the start had set them.
 */
function publishedAtStart(): { phase?: string; nextDeadline?: string } {
  const attributes = wf.workflowInfo().typedSearchAttributes;
  const phase = attributes.get(AgreementPhase);
  const nextDeadline = attributes.get(NextDeadline);
  // A lifecycle started without its attributes gets them all at its first publish, as before v7.
  if (phase === undefined || attributes.get(AgreementId) === undefined) return {};
  return { phase, ...(nextDeadline ? { nextDeadline: nextDeadline.toISOString() } : {}) };
}

export async function agreementLifecycle(input: LifecycleInput): Promise<LifecycleResult> {
  const lifecycle = new AgreementLifecycle(input);
  const view = () => lifecycleView(lifecycle.state, lifecycle.calendar, lifecycle.clock.nowMs(), lifecycle.pending());
  wf.setHandler(stateQuery, view);
  wf.setHandler(agreementQuery, () => lifecycle.state.agreement);
  wf.setHandler(snapshotQuery, () => ({ view: view(), agreement: lifecycle.state.agreement }));
  return await lifecycle.run();
}

export type { AgreementLifecycle };
