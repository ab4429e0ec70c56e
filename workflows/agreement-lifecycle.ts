/**
 * The lifecycle of one agreement (docs/calendar-rules.md, docs/contracts.md): workflow id
 * `agreement-<id>`. It follows the planned calendar with durable timers, sends the reminders due at
 * each wake-up through the batch delivery activity (one e-mail per person per day, one outcome per
 * e-mail; before the patch `deliver-by-day`, one activity per e-mail), records what coordinators
 * report through validated updates, runs each census campaign and project sheet as a child
 * workflow, and continues as new every year.
 *
 * The calendar is never stored: it is re-planned from (agreement, facts) after every change, by
 * the same pure planner `pacte plan` uses. What must survive is the state: facts, the log of
 * deliveries and the invitations sent.
 *
 * @module
 */
import * as wf from '@temporalio/workflow';
import { ActivityFailure, ApplicationFailure, ParentClosePolicy, TimeoutFailure } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { createActivities } from '../activities';
import { INVALID_REMINDER_MESSAGE, PERMANENT_DELIVERY_FAILURE } from '../contracts/errors';
import type { ReminderMessage } from '../contracts/reminder-message';
import { progressOutcomes, type DeliveryOutcome } from '../contracts/delivery-batch';
import type { Calendar } from '../domain/calendar-types';
import { planCalendar } from '../domain/calendar';
import { censusCampaign } from './census-campaign';
import { composeMessages, type OutgoingMessage } from './compose-messages';
import { batchMessages, waves } from './delivery-batches';
import { deliveredKey, dueItems, type DueItem } from './due-items';
import {
  initialLifecycleState,
  type LifecycleInput,
  type LifecycleResult,
  type LifecycleState,
} from '../contracts/lifecycle-state';
import { currentDetails, lifecycleView } from './lifecycle-view';
import {
  childSignal,
  LifecycleClock,
  type ChildSignal,
  type ChildStart,
  type LifecycleContext,
} from './lifecycle-context';
import { registerOperations } from './operations';
import { projectSheet } from './project-sheet';
import { AgreementPhase, NextDeadline, agreementSearchAttributes } from '../contracts/search-attributes';
import { campaignClosed, sheetClosed, sheetEscalated, stateQuery } from '../contracts/messages';
import { sheetWorkflowId } from '../contracts/workflow-ids';

type Activities = ReturnType<typeof createActivities>;

/** Patches: each guards a change of commands so recorded lifecycles still replay. */
const PATCH_CLEAR_NEXT_DEADLINE = 'clear-next-deadline';
/** v3: a wake-up's e-mails go in batches (`deliverDay`), no longer one activity per e-mail. */
const PATCH_DELIVER_BY_DAY = 'deliver-by-day';

/** Transient SMTP trouble is retried for about four hours; a refused recipient never is. */
const DELIVERY_OPTIONS: wf.ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 minute',
    backoffCoefficient: 2,
    maximumInterval: '1 hour',
    maximumAttempts: 8,
    nonRetryableErrorTypes: [PERMANENT_DELIVERY_FAILURE],
  },
};
/**
 * A batch: the same retry policy; a heartbeat after each e-mail, so a crashed worker is noticed
 * within a minute and the retry skips what was accepted.
 */
const BATCH_OPTIONS: wf.ActivityOptions = {
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { ...DELIVERY_OPTIONS.retry, nonRetryableErrorTypes: [INVALID_REMINDER_MESSAGE] },
};
const { deliverReminder, deliverDay } = wf.proxyActivities<Activities>(DELIVERY_OPTIONS);

/** What a failed batch had settled: from the final failure's details, or the last heartbeat of a timed-out attempt. */
function outcomesOfFailedBatch(err: ActivityFailure): DeliveryOutcome[] {
  const cause = err.cause;
  if (cause instanceof ApplicationFailure) return progressOutcomes(cause.details?.[0]);
  if (cause instanceof TimeoutFailure) return progressOutcomes(cause.lastHeartbeatDetails);
  return [];
}

function batchSummary(messages: ReminderMessage[]): string {
  const days = [...new Set(messages.map((m) => m.day))].join(', ');
  const purposes = [...new Set(messages.flatMap((m) => m.items.map((i) => i.purpose)))].join(', ');
  return `${messages.length} e-mail(s) · ${days} · ${purposes}`.slice(0, 400);
}

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
  private published: { phase?: string; nextDeadline?: string } = {};

  constructor(input: LifecycleInput) {
    this.clock = new LifecycleClock(input.agreement.timezone);
    this.runStartedMs = this.clock.nowMs();
    this.state = input.state
      ? { ...input.state, runs: input.state.runs + 1 }
      : initialLifecycleState(input, this.clock.nowIso());
    this.calendar = this.replan();
    this.operations = registerOperations(this);
  }

  replan(): Calendar {
    this.calendar = planCalendar(this.state.agreement, this.state.facts);
    return this.calendar;
  }

  endMs(): number {
    return this.clock.endOfDayMs(this.calendar.effectiveEnd);
  }

  pending(): DueItem[] {
    return dueItems(this.state, this.calendar, this.endMs());
  }

  wake(): void {
    this.changed = true;
  }

  async run(): Promise<LifecycleResult> {
    if (this.state.runs === 1)
      wf.upsertMemo({ title: this.state.agreement.title, parties: this.state.agreement.parties });
    this.publish();
    for (;;) {
      await this.flushChildren();
      const now = this.clock.nowMs();
      if (this.immediate.length > 0) {
        const items = this.immediate.splice(0);
        await this.deliver(items);
        this.publish();
        continue;
      }
      if (this.advanceMilestones(now)) continue;
      if (now >= this.endMs()) return await this.finish();
      const due = this.pending().filter((item) => Date.parse(item.at) <= now);
      if (due.length > 0) {
        await this.deliver(due);
        this.markEscalated(due);
        this.publish();
        continue;
      }
      if (wf.workflowInfo().continueAsNewSuggested || now >= this.clock.nextYearMs(this.runStartedMs)) {
        await wf.condition(wf.allHandlersFinished);
        if (this.immediate.length === 0 && this.childStarts.length === 0 && this.childSignals.length === 0) {
          return await wf.continueAsNew<typeof agreementLifecycle>({
            agreement: this.state.agreement,
            state: this.state,
          });
        }
        continue;
      }
      const next = this.nextWakeMs(now);
      this.changed = false;
      await wf.condition(() => this.changed, Math.max(1, next - now));
      this.publish();
    }
  }

  /** The earliest instant something is due: a reminder, a milestone, the end, a new year. */
  private nextWakeMs(now: number): number {
    const candidates = [this.endMs(), this.clock.nextYearMs(this.runStartedMs)];
    const firstDue = this.pending()[0];
    if (firstDue) candidates.push(Date.parse(firstDue.at));
    for (const entry of this.calendar.entries) {
      const at = Date.parse(entry.at);
      if (at <= now) continue;
      if (entry.type === 'renewal-window' && this.state.phase === 'active') candidates.push(at);
      if (entry.type === 'census-open' && !this.censusStarted(entry.censusYear)) candidates.push(at);
    }
    return Math.min(...candidates);
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
    for (const start of this.childStarts.splice(0)) {
      try {
        if (start.kind === 'census') {
          await wf.startChild(censusCampaign, {
            workflowId: start.workflowId,
            args: [start.census],
            parentClosePolicy: ParentClosePolicy.ABANDON,
            staticSummary: `Recensement ${start.census.year} · ${this.state.agreement.id}`,
          });
        } else if (start.kind === 'sheet') {
          await wf.startChild(projectSheet, {
            workflowId: start.workflowId,
            args: [start.sheet],
            parentClosePolicy: ParentClosePolicy.ABANDON,
            staticSummary: `Fiche projet ${start.sheet.projectId} · ${this.state.agreement.id}`,
          });
        } else {
          await wf.startChild(agreementLifecycle, {
            workflowId: start.workflowId,
            args: [{ agreement: start.successor, predecessorId: this.state.agreement.id }],
            parentClosePolicy: ParentClosePolicy.ABANDON,
            taskQueue: wf.workflowInfo().taskQueue,
            typedSearchAttributes: agreementSearchAttributes(start.successor, 'active'),
            memo: { title: start.successor.title, parties: start.successor.parties },
            staticSummary: start.successor.title.slice(0, 180),
          });
        }
      } catch (err) {
        // Already started by an earlier run of this lifecycle (continue-as-new): nothing to do.
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
    }
    for (const signal of this.childSignals.splice(0)) {
      try {
        await signal.send(wf.getExternalWorkflowHandle(signal.workflowId));
      } catch (err) {
        wf.log.warn('could not signal child workflow', { workflowId: signal.workflowId, error: String(err) });
      }
    }
  }

  /** Sends the items, one message per person per day, and records every outcome. */
  async deliver(items: DueItem[]): Promise<void> {
    const messages = composeMessages(this.state, items);
    if (wf.patched(PATCH_DELIVER_BY_DAY)) {
      for (const wave of waves(batchMessages(messages)))
        await Promise.all(wave.map((batch) => this.sendBatch(batch, items)));
    } else {
      await Promise.all(messages.map((outgoing) => this.sendOne(outgoing, items)));
    }
  }

  /** v3: one activity for a batch of messages, one outcome per message. */
  private async sendBatch(batch: OutgoingMessage[], items: DueItem[]): Promise<void> {
    const messages = batch.map((outgoing) => outgoing.message);
    let outcomes: DeliveryOutcome[];
    let failure = '';
    try {
      outcomes = await deliverDay.executeWithOptions({ ...BATCH_OPTIONS, summary: batchSummary(messages) }, [
        { messages },
      ]);
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      outcomes = outcomesOfFailedBatch(err);
      failure = err.cause?.message ?? err.message;
    }
    const byId = new Map(outcomes.map((outcome) => [outcome.messageId, outcome]));
    for (const outgoing of batch) {
      const outcome = byId.get(outgoing.message.messageId);
      if (outcome?.status === 'sent') this.recordSent(outgoing.message, items);
      else if (outcome?.status === 'refused') this.recordFailure(outgoing.message, 'permanent', outcome.reason);
      else this.recordFailure(outgoing.message, 'exhausted', outcome?.reason ?? failure);
      this.markDelivered(outgoing);
    }
  }

  /** v1–v2: one activity per message (kept for lifecycles recorded before `deliver-by-day`). */
  private async sendOne(outgoing: OutgoingMessage, items: DueItem[]): Promise<void> {
    const { message } = outgoing;
    const person = message.recipient.id;
    const purposes = [...new Set(message.items.map((i) => i.purpose))];
    try {
      await deliverReminder.executeWithOptions(
        { ...DELIVERY_OPTIONS, summary: `${person} · ${message.day} · ${purposes.join(', ')}` },
        [message],
      );
      this.recordSent(message, items);
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      const cause = err.cause;
      const permanent = cause instanceof ApplicationFailure && cause.type === PERMANENT_DELIVERY_FAILURE;
      this.recordFailure(message, permanent ? 'permanent' : 'exhausted', cause?.message ?? err.message);
    }
    this.markDelivered(outgoing);
  }

  /** Delivered or given up on: either way never sent again (a failure is in the state, for people to see). */
  private markDelivered({ message, keys }: OutgoingMessage): void {
    this.state.deliveredKeys.push(...keys.map((key) => deliveredKey(key, message.recipient.id)));
  }

  private recordSent(message: ReminderMessage, items: DueItem[]): void {
    const person = message.recipient.id;
    const purposes = [...new Set(message.items.map((i) => i.purpose))];
    const reminderIds = message.items.map((i) => i.reminderId);
    this.state.sent.push({
      messageId: message.messageId,
      day: message.day,
      sentAt: new Date(this.clock.nowMs()).toISOString(),
      to: person,
      purposes,
      reminderIds,
    });
    for (const item of message.items) {
      const invitation = item.invitation;
      if (!invitation || invitation.method !== 'REQUEST') continue;
      const meeting = items.find((i) => i.reminderId === item.reminderId)?.meeting;
      const known = this.state.invitations[invitation.uid];
      this.state.invitations[invitation.uid] = {
        uid: invitation.uid,
        entryId: meeting?.id ?? known?.entryId ?? item.subject.id,
        type: meeting?.type ?? known?.type ?? item.subject.type,
        sequence: invitation.sequence,
        start: invitation.start,
        end: invitation.end,
        summary: invitation.summary,
        ...(invitation.location ? { location: invitation.location } : {}),
        sentTo: [...new Set([...(known?.sentTo ?? []), person])].sort(),
      };
    }
  }

  private recordFailure(message: ReminderMessage, kind: 'permanent' | 'exhausted', reason: string): void {
    this.state.failures.push({
      messageId: message.messageId,
      day: message.day,
      failedAt: new Date(this.clock.nowMs()).toISOString(),
      to: message.recipient.id,
      reminderIds: message.items.map((i) => i.reminderId),
      kind,
      reason,
    });
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
      sent: this.state.sent.length,
      failures: this.state.failures.length,
    };
  }

  /** Search attributes (only when they change: each upsert is a history event) and UI details. */
  publish(): void {
    const view = lifecycleView(this.state, this.calendar, this.clock.nowMs());
    const next = view.nextDeadline;
    if (this.published.phase !== view.phase || this.published.nextDeadline !== next) {
      // v2: a lifecycle with nothing left ahead clears NextDeadline instead of keeping a stale one.
      const clear = !next && this.published.nextDeadline !== undefined && wf.patched(PATCH_CLEAR_NEXT_DEADLINE);
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

export async function agreementLifecycle(input: LifecycleInput): Promise<LifecycleResult> {
  const lifecycle = new AgreementLifecycle(input);
  wf.setHandler(stateQuery, () => lifecycleView(lifecycle.state, lifecycle.calendar, lifecycle.clock.nowMs()));
  return await lifecycle.run();
}

export type { AgreementLifecycle };
