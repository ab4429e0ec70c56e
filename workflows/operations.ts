/**
 * What coordinators record in a running lifecycle: one update per operation, each with a
 * synchronous validator (an async validator's rejection would be ignored by the SDK). A validator throws
 * an `InvalidOperation` failure whose message names the field; a rejected update never enters
 * the history, so nothing changes. Handlers apply the change to the state and wake the main loop,
 * which sends what has to be sent.
 *
 * @module
 */
import * as wf from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationFailure } from '@temporalio/workflow';
import type { z } from 'zod';
import type { Agreement } from '../domain/agreement';
import type { RecordedBy } from '../domain/operations';
import { planDispute, planProjectSheet } from '../domain/calendar';
import { INVALID_OPERATION } from '../contracts/errors';
import { agreementParser, operationSchemas, personChangeRules } from './operation-schemas';
import {
  belowMinimumItem,
  declinableReminder,
  declinedItem,
  referentIds,
  retainedItem,
  trackingTableItems,
  type DueItem,
} from './due-items';
import { childSignal, type LifecycleContext } from './lifecycle-context';
import type { CensusRecord } from '../contracts/lifecycle-state';
import { meetingChanges } from './meeting-changes';
import { applyPersonChangeToLifecycle } from './person-changes';
import { applyPersonChange, type PersonChangeRecord } from '../domain/person-changes';
import * as messages from '../contracts/messages';
import { censusWorkflowId, lifecycleWorkflowId, sheetWorkflowId } from '../contracts/workflow-ids';
import { snoozeUntil, threadOf } from '../domain/reminder-thread';

function invalid(problems: string[]): never {
  throw ApplicationFailure.create({ type: INVALID_OPERATION, message: problems.join('\n'), nonRetryable: true });
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) invalid(operationSchemas().describeZodError(result.error));
  return result.data;
}

function parseAgreementFile(input: unknown): Agreement {
  const { agreement } = parse(operationSchemas().AgreementFileInput, input);
  const parsed = agreementParser().parseAgreement(agreement);
  if (!parsed.ok) invalid(parsed.problems.map((p) => `agreement.${p}`));
  return parsed.agreement;
}

class OperationHandlers {
  constructor(private readonly lc: LifecycleContext) {}

  private get state() {
    return this.lc.state;
  }

  private day(date: string | undefined, field: string): string {
    const today = this.lc.clock.today();
    if (date === undefined) return today;
    if (date > today) invalid([`${field}: ${date} is in the future (today is ${today})`]);
    if (date < this.state.agreement.term.signedOn)
      invalid([`${field}: ${date} is before the signature (${this.state.agreement.term.signedOn})`]);
    return date;
  }

  private ensureRunning(): void {
    if (['terminated', 'expired'].includes(this.state.phase)) invalid([`phase: the lifecycle is ${this.state.phase}`]);
  }

  private knownParty(id: string, field: string): void {
    const parties = this.state.agreement.parties.map((p) => p.id);
    if (!parties.includes(id)) invalid([`${field}: unknown party '${id}' (parties: ${parties.join(', ')})`]);
  }

  private censusYears(): number[] {
    return this.lc.calendar.entries.filter((e) => e.type === 'census-open').map((e) => e.censusYear!);
  }

  private knownCensusYear(year: number): void {
    if (!this.state.agreement.census) invalid(['year: this agreement has no census']);
    const years = this.censusYears();
    if (!years.includes(year)) invalid([`year: no census in ${year} (census years: ${years.join(', ') || 'none'})`]);
  }

  /** Creates the census record and queues its child workflow, once. */
  ensureCensus(year: number): CensusRecord {
    let record = this.state.census.find((c) => c.year === year);
    if (!record) {
      record = { year };
      this.state.census.push(record);
    }
    if (!record.workflowId) {
      const open = this.lc.calendar.entries.find((e) => e.type === 'census-open' && e.censusYear === year);
      const close = this.lc.calendar.entries.find((e) => e.type === 'census-deadline' && e.censusYear === year);
      record.openedOn = open?.date ?? this.lc.clock.today();
      record.workflowId = censusWorkflowId(this.state.agreement.id, year);
      this.lc.childStarts.push({
        kind: 'census',
        workflowId: record.workflowId,
        census: {
          agreementId: this.state.agreement.id,
          year,
          opensOn: record.openedOn,
          closesOn: close?.date ?? record.openedOn,
        },
      });
    }
    return record;
  }

  /** The answer of an operation: the phase after it, the agreement's language, what it did. */
  private result(outcome: messages.OperationOutcome): messages.OperationResult {
    return { phase: this.state.phase, locale: this.state.agreement.locale, outcome };
  }

  /** Keeps an accepted operation in the journal (the validator has checked `recordedBy`). */
  private journal(operation: string, input: unknown, summary: messages.OperationOutcome): void {
    const recordedBy = (input as { recordedBy?: RecordedBy } | undefined)?.recordedBy;
    (this.state.journal ??= []).push({
      at: this.lc.clock.nowIso(),
      operation,
      summary,
      ...(recordedBy
        ? {
            recordedBy: {
              via: recordedBy.via,
              ...(recordedBy.personId ? { personId: recordedBy.personId } : {}),
              ...(recordedBy.account ? { account: recordedBy.account } : {}),
            },
          }
        : {}),
    });
  }

  /** Signals a child, when it was started. */
  private signal<Arg>(workflowId: string | undefined, definition: wf.SignalDefinition<[Arg]>, arg: Arg): void {
    if (workflowId) this.lc.childSignals.push(childSignal(workflowId, definition, arg));
  }

  /** Each update with its synchronous validator: a rejection never enters the history. */
  register(): void {
    const on = <Ret extends messages.OperationResult, Arg>(
      update: UpdateDefinition<Ret, [Arg]>,
      validate: (input: Arg) => unknown,
      apply: (input: Arg) => Ret,
    ) =>
      wf.setHandler(
        update,
        (input: Arg) => {
          const result = apply(input);
          this.journal(update.name, input, result.outcome);
          return result;
        },
        { validator: (input: Arg) => void validate(input) },
      );
    on(
      messages.recordCensusAnswer,
      (i) => this.validateCensusAnswer(i),
      (i) => this.recordCensusAnswer(i),
    );
    on(
      messages.notifyRetainedProjects,
      (i) => this.validateRetainedProjects(i),
      (i) => this.notifyRetainedProjects(i),
    );
    on(
      messages.submitProjectSheet,
      (i) => this.validateSheet(i),
      (i) => this.submitProjectSheet(i),
    );
    on(
      messages.recordMeeting,
      (i) => this.validateMeeting(i),
      (i) => this.recordMeeting(i),
    );
    on(
      messages.amendAgreement,
      (i) => this.validateAmendment(i),
      (i) => this.amend(i),
    );
    on(
      messages.giveNotice,
      (i) => this.validateNotice(i),
      (i) => this.giveNotice(i),
    );
    on(
      messages.recordRenewalMeeting,
      (i) => this.validateRenewalMeeting(i),
      (i) => this.recordRenewalMeeting(i),
    );
    on(
      messages.renewAgreement,
      (i) => this.validateRenewal(i),
      (i) => this.renew(i),
    );
    on(
      messages.recordDispute,
      (i) => this.validateDispute(i),
      (i) => this.recordDispute(i),
    );
    on(
      messages.changePerson,
      (i) => this.validateChangePerson(i),
      (i) => this.changePerson(i),
    );
    on(
      messages.snoozeReminders,
      (i) => this.validateSnooze(i),
      (i) => this.snooze(i),
    );
    on(
      messages.recordIndicators,
      (i) => this.validateIndicators(i),
      (i) => this.recordIndicators(i),
    );
    on(
      messages.declineReminder,
      (i) => this.validateDeclineReminder(i),
      (i) => this.declineReminder(i),
    );
  }

  // --- census (art. 9) -------------------------------------------------------------------------

  private validateCensusAnswer(raw: unknown) {
    this.ensureRunning();
    const input = parse(operationSchemas().CensusAnswerInput, raw);
    this.knownCensusYear(input.year);
    if (this.state.facts.censusAnsweredYears.includes(input.year)) {
      const on = this.state.census.find((c) => c.year === input.year)?.answeredOn;
      invalid([`year: the census answer for ${input.year} is already recorded${on ? ` (on ${on})` : ''}`]);
    }
    return { ...input, answeredOn: this.day(input.answeredOn, 'answeredOn') };
  }

  private recordCensusAnswer(raw: unknown): messages.OperationResult {
    const input = this.validateCensusAnswer(raw);
    const record = this.ensureCensus(input.year);
    record.answeredOn = input.answeredOn;
    this.state.facts.censusAnsweredYears.push(input.year);
    this.signal(record.workflowId, messages.censusAnswered, { answeredOn: input.answeredOn });
    this.lc.replan();
    this.lc.wake();
    return this.result({ kind: 'census-answered', year: input.year, answeredOn: input.answeredOn });
  }

  private validateRetainedProjects(raw: unknown) {
    this.ensureRunning();
    const input = parse(operationSchemas().RetainedProjectsInput, raw);
    this.knownCensusYear(input.year);
    const people = new Set(this.state.agreement.people.map((p) => p.id));
    const problems: string[] = [];
    const seen = new Set<string>();
    input.projects.forEach((project, i) => {
      if (seen.has(project.id)) problems.push(`projects[${i}].id: duplicate project '${project.id}'`);
      seen.add(project.id);
      if (this.state.sheets.some((s) => s.censusYear === input.year && s.projectId === project.id)) {
        problems.push(`projects[${i}].id: project '${project.id}' was already notified for ${input.year}`);
      }
      project.leads.forEach((lead, j) => {
        if (!people.has(lead)) problems.push(`projects[${i}].leads[${j}]: unknown person '${lead}'`);
      });
    });
    if (problems.length) invalid(problems);
    return { ...input, notifiedOn: this.day(input.notifiedOn, 'notifiedOn') };
  }

  private notifyRetainedProjects(raw: unknown): messages.OperationResult {
    const input = this.validateRetainedProjects(raw);
    const census = this.ensureCensus(input.year);
    census.projectsNotifiedOn = input.notifiedOn;
    const agreementId = this.state.agreement.id;
    const notified: { id: string; title: string; dueOn: string }[] = [];
    for (const project of input.projects) {
      const plan = planProjectSheet(this.state.agreement, { projectId: project.id, notifiedOn: input.notifiedOn });
      this.state.sheets.push({
        projectId: project.id,
        title: project.title,
        censusYear: input.year,
        leads: [...new Set(project.leads)].sort(),
        notifiedOn: input.notifiedOn,
        dueOn: plan.dueOn,
        dueAt: plan.dueAt,
        escalateAt: plan.escalateAt,
        reminders: plan.reminders,
      });
      notified.push({ id: project.id, title: project.title, dueOn: plan.dueOn });
      this.lc.childStarts.push({
        kind: 'sheet',
        workflowId: sheetWorkflowId(agreementId, input.year, project.id),
        sheet: { agreementId, censusYear: input.year, projectId: project.id, title: project.title, dueOn: plan.dueOn },
      });
    }
    this.signal(census.workflowId, messages.projectsRetained, { notifiedOn: input.notifiedOn, projects: notified });
    if (this.state.censusLoop) {
      // Each project lead hears at once that the project is retained, with the sheet's fields.
      const now = { at: this.lc.clock.nowIso(), day: this.lc.clock.today() };
      const added = new Set(notified.map((p) => p.id));
      for (const sheet of this.state.sheets.filter((s) => s.censusYear === input.year && added.has(s.projectId)))
        this.lc.immediate.push(retainedItem(this.state.agreement, sheet, now));
    }
    this.lc.wake();
    return {
      ...this.result({
        kind: 'projects-retained',
        year: input.year,
        sheets: notified.map((p) => ({ projectId: p.id, dueOn: p.dueOn })),
      }),
    };
  }

  private validateSheet(raw: unknown) {
    this.ensureRunning();
    const input = parse(operationSchemas().ProjectSheetInput, raw);
    const sheet = this.state.sheets.filter((s) => s.projectId === input.projectId && !s.submittedOn).at(-1);
    if (!sheet) {
      const pending = this.state.sheets.filter((s) => !s.submittedOn).map((s) => s.projectId);
      invalid([
        `projectId: no project sheet is pending for '${input.projectId}' (pending: ${pending.join(', ') || 'none'})`,
      ]);
    }
    return { input, sheet, submittedOn: this.day(input.submittedOn, 'submittedOn') };
  }

  private submitProjectSheet(raw: unknown): messages.OperationResult & { flagged: boolean } {
    const { input, sheet, submittedOn } = this.validateSheet(raw);
    const min = this.state.agreement.census?.minParticipants ?? 0;
    const flagged = !input.regulated && input.participants < min;
    const { projectId: _id, submittedOn: _on, ...fields } = input;
    sheet.submittedOn = submittedOn;
    sheet.sheet = fields;
    sheet.flagged = flagged;
    if (flagged && this.state.censusLoop) {
      // Art. 9: a group under the threshold is the referents' to judge, not only the caller's.
      const now = { at: this.lc.clock.nowIso(), day: this.lc.clock.today() };
      this.lc.immediate.push(belowMinimumItem(this.state.agreement, sheet, input.participants, now));
    }
    const agreementId = this.state.agreement.id;
    this.signal(sheetWorkflowId(agreementId, sheet.censusYear, sheet.projectId), messages.sheetSubmitted, {
      on: submittedOn,
      sheet: fields,
      flagged,
    });
    const census = this.state.census.find((c) => c.year === sheet.censusYear);
    if (
      census &&
      !census.closed &&
      this.state.sheets.filter((s) => s.censusYear === sheet.censusYear).every((s) => s.submittedOn)
    ) {
      census.closed = true;
      this.signal(census.workflowId, messages.campaignClosed, {
        on: submittedOn,
        reason: 'all project sheets submitted',
      });
    }
    this.lc.wake();
    return {
      ...this.result({
        kind: 'sheet-submitted',
        projectId: sheet.projectId,
        submittedOn,
        ...(flagged ? { belowMinimum: { participants: input.participants, minimum: min } } : {}),
      }),
      flagged,
    };
  }

  // --- meetings, amendments ---------------------------------------------------------------------

  private validateMeeting(raw: unknown) {
    this.ensureRunning();
    const input = parse(operationSchemas().MeetingHeldInput, raw);
    const meetingTypes = Object.keys(this.state.agreement.meetings);
    const entry = this.lc.calendar.entries.find((e) => e.id === input.entryId && meetingTypes.includes(e.type));
    if (!entry)
      invalid([
        `entryId: no meeting '${input.entryId}' in the calendar (e.g. ${this.lc.calendar.entries.find((e) => meetingTypes.includes(e.type))?.id ?? 'none'})`,
      ]);
    if (this.state.meetings.some((m) => m.entryId === input.entryId))
      invalid([`entryId: meeting '${input.entryId}' is already recorded`]);
    if (input.axes && input.trackingTable !== 'late')
      invalid(['axes: name axes only for a late tracking table (trackingTable: late)']);
    const axisIds = this.state.agreement.axes.map((axis) => axis.id);
    const unknown = (input.axes ?? []).flatMap((id, i) => (axisIds.includes(id) ? [] : [{ id, i }]));
    if (unknown.length > 0)
      invalid(
        unknown.map(
          ({ id, i }) => `axes[${i}]: no axis '${id}' in the agreement (axes: ${axisIds.join(', ') || 'none'})`,
        ),
      );
    return { input, entry, heldOn: this.day(input.heldOn, 'heldOn') };
  }

  private recordMeeting(raw: unknown): messages.OperationResult {
    const { input, entry, heldOn } = this.validateMeeting(raw);
    this.state.meetings.push({
      entryId: entry.id,
      type: entry.type,
      heldOn,
      ...(input.minutesUrl ? { minutesUrl: input.minutesUrl } : {}),
      ...(input.trackingTable ? { trackingTable: input.trackingTable } : {}),
      recordedAt: new Date(this.lc.clock.nowMs()).toISOString(),
    });
    if (input.trackingTable === 'late' && this.state.meetingFollowUps) {
      // The tracking table is the pilots' (and their project leads'): they are reminded at once;
      // from v8, those of the axes named only (`state.leadsByAxis`).
      const now = { at: this.lc.clock.nowIso(), day: this.lc.clock.today() };
      const axes = this.state.leadsByAxis ? (input.axes ?? []) : undefined;
      this.lc.immediate.push(...trackingTableItems(this.state.agreement, entry, now, axes));
    }
    this.lc.wake();
    return this.result({ kind: 'meeting-held', entryId: entry.id, title: entry.title, date: entry.date, heldOn });
  }

  private validateAmendment(raw: unknown) {
    this.ensureRunning();
    const agreement = parseAgreementFile(raw);
    if (agreement.id !== this.state.agreement.id) {
      invalid([
        `agreement.id: an amendment keeps the agreement id '${this.state.agreement.id}' (got '${agreement.id}')`,
      ]);
    }
    return agreement;
  }

  private amend(raw: unknown): messages.OperationResult & { version: number } {
    const agreement = this.validateAmendment(raw);
    const summary = (raw as { summary?: string }).summary;
    const before = this.lc.calendar;
    this.state.agreement = agreement;
    this.state.version += 1;
    this.state.amendments.push({
      version: this.state.version,
      recordedOn: this.lc.clock.today(),
      ...(summary ? { summary } : {}),
    });
    this.state.plannedFrom = this.lc.clock.nowIso();
    const after = this.lc.replan();
    const changes = meetingChanges(
      this.state,
      before,
      after,
      { at: this.lc.clock.nowIso(), day: this.lc.clock.today() },
      true,
    );
    this.state.invitations = changes.invitations;
    this.state.uidAliases = changes.uidAliases;
    this.lc.immediate.push(...changes.items);
    this.lc.wake();
    const moved = changes.items.filter((i) => i.purpose === 'meeting-update').length;
    const cancelled = changes.items.filter((i) => i.purpose === 'meeting-cancel').length;
    return {
      version: this.state.version,
      ...this.result({
        kind: 'amended',
        version: this.state.version,
        invitationsUpdated: moved,
        invitationsCancelled: cancelled,
      }),
    };
  }

  private validateIndicators(raw: unknown) {
    this.ensureRunning();
    const input = parse(operationSchemas().IndicatorsInput, raw);
    const entries = this.lc.calendar.entries.filter((e) => e.indicatorsDueOn !== undefined);
    const entry = entries.find((e) => e.id === input.entryId);
    if (!entry) invalid([`entryId: no indicators are due for '${input.entryId}' (e.g. ${entries[0]?.id ?? 'none'})`]);
    const done = (this.state.indicators ?? []).find((r) => r.entryId === input.entryId);
    if (done) invalid([`entryId: the indicators of '${input.entryId}' are already recorded (sent on ${done.sentOn})`]);
    return { input, entry, sentOn: this.day(input.sentOn, 'sentOn') };
  }

  private recordIndicators(raw: unknown): messages.OperationResult {
    const { input, entry, sentOn } = this.validateIndicators(raw);
    (this.state.indicators ??= []).push({ entryId: entry.id, sentOn, ...(input.url ? { url: input.url } : {}) });
    // Their reminders stop (due-items.ts `wanted`): the main loop plans again when woken.
    this.lc.wake();
    return this.result({
      kind: 'indicators-recorded',
      entryId: entry.id,
      title: entry.title,
      date: entry.date,
      dueOn: entry.indicatorsDueOn!,
      sentOn,
      ...(input.url ? { url: input.url } : {}),
    });
  }

  private validateDeclineReminder(raw: unknown) {
    this.ensureRunning();
    const input = parse(operationSchemas().DeclineReminderInput, raw);
    if (!this.state.agreement.people.some((p) => p.id === input.personId))
      invalid([`personId: unknown person '${input.personId}'`]);
    const reminder = declinableReminder(this.state, this.lc.calendar, input.purpose, input.subjectId);
    if (!reminder) invalid([`subjectId: no ${input.purpose} reminder about '${input.subjectId}'`]);
    if (!reminder.to.includes(input.personId))
      invalid([`personId: '${input.personId}' receives no ${input.purpose} reminder about '${input.subjectId}'`]);
    const said = (this.state.declinedReminders ?? []).find(
      (d) => d.purpose === input.purpose && d.subjectId === input.subjectId && d.personId === input.personId,
    );
    // Said once is enough: the referents were told then (« déjà signalé »), no second message.
    if (said) invalid([`personId: '${input.personId}' already said so on ${said.declaredOn}; the referents were told`]);
    return { input, reminder };
  }

  private declineReminder(raw: unknown): messages.OperationResult {
    const { input, reminder } = this.validateDeclineReminder(raw);
    const now = { at: this.lc.clock.nowIso(), day: this.lc.clock.today() };
    (this.state.declinedReminders ??= []).push({
      purpose: input.purpose,
      subjectId: input.subjectId,
      personId: input.personId,
      declaredOn: now.day,
    });
    // Nothing else changes: the person keeps receiving the reminder until a referent acts.
    const item = declinedItem(this.state.agreement, input, reminder, now);
    if (item.to.length > 0) this.lc.immediate.push(item);
    this.lc.wake();
    return this.result({
      kind: 'reminder-declined',
      personId: input.personId,
      purpose: input.purpose,
      subjectId: input.subjectId,
      title: reminder.subject.title,
      date: reminder.subject.date,
      declaredOn: now.day,
      referentsTold: referentIds(this.state.agreement).length,
    });
  }

  // --- notice, renewal, dispute (art. 12, 14) -------------------------------------------------

  private validateNotice(raw: unknown) {
    this.ensureRunning();
    const input = parse(operationSchemas().NoticeInput, raw);
    this.knownParty(input.byParty, 'byParty');
    if (this.state.facts.notice)
      invalid([
        `byParty: notice was already given by ${this.state.facts.notice.byParty} on ${this.state.facts.notice.givenOn}`,
      ]);
    return { byParty: input.byParty, givenOn: this.day(input.givenOn, 'givenOn') };
  }

  private giveNotice(raw: unknown): messages.OperationResult & { effectiveOn: string } {
    const notice = this.validateNotice(raw);
    const now = { at: this.lc.clock.nowIso(), day: this.lc.clock.today() };
    const before = this.lc.calendar;
    const pendingBefore = this.lc.pending();
    this.state.facts.notice = notice;
    this.state.phase = 'notice-given';
    const after = this.lc.replan();
    const stillPending = new Set(this.lc.pending().map((i) => i.key));
    const changes = meetingChanges(this.state, before, after, now, false);
    this.state.invitations = changes.invitations;
    // Rule 8: everyone who had reminders pending after the effective date is told once.
    const concerned = [...new Set(pendingBefore.filter((i) => !stillPending.has(i.key)).flatMap((i) => i.to))].sort();
    const noticeItem: DueItem = {
      key: `notice/${notice.givenOn}`,
      reminderId: `notice/${notice.givenOn}`,
      purpose: 'notice',
      at: now.at,
      day: now.day,
      to: concerned,
      subject: {
        id: 'notice',
        type: 'notice',
        title: this.state.agreement.title,
        date: after.effectiveEnd,
        at: now.at,
      },
      details: { noticeEffectiveOn: after.effectiveEnd, noticeByParty: notice.byParty },
    };
    this.lc.immediate.push(...(concerned.length ? [noticeItem] : []), ...changes.items);
    this.lc.wake();
    return {
      effectiveOn: after.effectiveEnd,
      ...this.result({
        kind: 'notice-given',
        byParty: notice.byParty,
        givenOn: notice.givenOn,
        effectiveOn: after.effectiveEnd,
      }),
    };
  }

  private validateRenewalMeeting(raw: unknown) {
    this.ensureRunning();
    const input = parse(operationSchemas().RenewalMeetingInput, raw);
    if (this.state.facts.renewalMeetingHeldOn)
      invalid([`heldOn: the renewal meeting is already recorded (on ${this.state.facts.renewalMeetingHeldOn})`]);
    return this.day(input.heldOn, 'heldOn');
  }

  private recordRenewalMeeting(raw: unknown): messages.OperationResult {
    const heldOn = this.validateRenewalMeeting(raw);
    this.state.facts.renewalMeetingHeldOn = heldOn;
    this.state.renewal.meetingHeldOn = heldOn;
    this.lc.replan();
    this.lc.wake();
    return this.result({ kind: 'renewal-meeting-held', heldOn });
  }

  private validateRenewal(raw: unknown) {
    this.ensureRunning();
    if (this.state.facts.notice)
      invalid([
        `agreement: notice was given on ${this.state.facts.notice.givenOn}; a terminated agreement is not renewed`,
      ]);
    if (this.state.renewal.successorId) invalid([`agreement: already renewed by '${this.state.renewal.successorId}'`]);
    const successor = parseAgreementFile(raw);
    if (successor.id === this.state.agreement.id)
      invalid([`agreement.id: the successor needs its own id (not '${successor.id}')`]);
    return successor;
  }

  private renew(raw: unknown): messages.OperationResult & { successorWorkflowId: string } {
    const successor = this.validateRenewal(raw);
    const today = this.lc.clock.today();
    this.state.renewal.successorId = successor.id;
    if (!this.state.facts.renewalMeetingHeldOn) {
      this.state.facts.renewalMeetingHeldOn = today;
      this.state.renewal.meetingHeldOn = today;
    }
    this.state.phase = 'renewed';
    const workflowId = lifecycleWorkflowId(successor.id);
    this.lc.childStarts.push({ kind: 'successor', workflowId, successor });
    this.lc.replan();
    this.lc.wake();
    return {
      successorWorkflowId: workflowId,
      ...this.result({
        kind: 'renewed',
        successorId: successor.id,
        successorWorkflowId: workflowId,
        endsOn: this.state.agreement.term.endsOn,
      }),
    };
  }

  private validateDispute(raw: unknown) {
    this.ensureRunning();
    const input = parse(operationSchemas().DisputeInput, raw);
    this.knownParty(input.byParty, 'byParty');
    const notifiedOn = this.day(input.notifiedOn, 'notifiedOn');
    if (this.state.disputes.some((d) => d.notifiedOn === notifiedOn))
      invalid([`notifiedOn: a dispute is already recorded on ${notifiedOn}`]);
    return { ...input, notifiedOn };
  }

  private recordDispute(raw: unknown): messages.OperationResult & { courtFrom: string } {
    const input = this.validateDispute(raw);
    const plan = planDispute(this.state.agreement, input.notifiedOn);
    this.state.disputes.push({
      notifiedOn: input.notifiedOn,
      byParty: input.byParty,
      ...(input.subject ? { subject: input.subject } : {}),
      courtFrom: plan.courtFrom,
      reminderAt: plan.reminder.at,
    });
    this.lc.wake();
    return {
      courtFrom: plan.courtFrom,
      ...this.result({
        kind: 'dispute-recorded',
        byParty: input.byParty,
        notifiedOn: input.notifiedOn,
        courtFrom: plan.courtFrom,
      }),
    };
  }

  // --- people (issue 14) ------------------------------------------------------------------------

  private validateChangePerson(raw: unknown): PersonChangeRecord {
    this.ensureRunning();
    const { recordedBy: _by, effectiveOn: on, ...change } = parse(operationSchemas().ChangePersonInput, raw);
    const today = this.lc.clock.today();
    const effectiveOn = on ?? today;
    if (effectiveOn < this.state.agreement.term.signedOn)
      invalid([`effectiveOn: ${effectiveOn} is before the signature (${this.state.agreement.term.signedOn})`]);
    if (effectiveOn > this.lc.calendar.effectiveEnd)
      invalid([`effectiveOn: ${effectiveOn} is after the end of the agreement (${this.lc.calendar.effectiveEnd})`]);
    // Checked against the agreement as it will be once the changes still ahead are applied.
    const ahead = (this.state.personChanges ?? []).filter((c) => !c.appliedOn);
    const projected = ahead.reduce((agreement, c) => applyPersonChange(agreement, c), this.state.agreement);
    const problems = personChangeRules().personChangeProblems(
      projected,
      change,
      this.state.sheets.filter((s) => !s.submittedOn),
    );
    if (problems.length) invalid(problems);
    return { ...change, effectiveOn, recordedOn: today };
  }

  private changePerson(raw: unknown): messages.OperationResult {
    const record = this.validateChangePerson(raw);
    (this.state.personChanges ??= []).push(record);
    const applied = record.effectiveOn <= this.lc.clock.today();
    const counts = applied
      ? applyPersonChangeToLifecycle(this.lc, record, this.lc.clock.nowIso())
      : { invitationsCancelled: 0, invitationsSent: 0 };
    this.lc.wake();
    return this.result({
      kind: 'person-changed',
      change: record.change,
      personId: record.personId,
      ...(record.change === 'add' ? { newPersonId: record.person.id } : {}),
      effectiveOn: record.effectiveOn,
      applied,
      ...counts,
    });
  }

  // --- « me le rappeler dans 3 jours » (issue 16) ------------------------------------------------

  /** The reminders still to come of a thread, the snoozes applied, for one person or all. */
  private threadItems(thread: string, personId?: string): DueItem[] {
    return this.lc
      .pending()
      .filter((item) => threadOf(item) === thread && (personId === undefined || item.to.includes(personId)));
  }

  private validateSnooze(raw: unknown) {
    this.ensureRunning();
    const input = parse(operationSchemas().SnoozeInput, raw);
    if (!this.state.agreement.people.some((p) => p.id === input.personId))
      invalid([`personId: unknown person '${input.personId}'`]);
    if (this.threadItems(input.thread).length === 0)
      invalid([`thread: no reminder of '${input.thread}' is left to send`]);
    if (this.threadItems(input.thread, input.personId).length === 0)
      invalid([`personId: '${input.personId}' has no reminder of '${input.thread}' left to receive`]);
    return input;
  }

  private snooze(raw: unknown): messages.OperationResult {
    const input = this.validateSnooze(raw);
    const keep = this.threadItems(input.thread, input.personId).at(-1)!.key;
    const until = snoozeUntil(this.lc.clock.nowMs(), input.days, this.state.agreement.timezone);
    (this.state.snoozes ??= []).push({
      thread: input.thread,
      personId: input.personId,
      at: this.lc.clock.nowIso(),
      until,
      keep,
    });
    this.lc.wake();
    const ahead = this.threadItems(input.thread, input.personId);
    const next = ahead[0];
    return this.result({
      kind: 'reminders-snoozed',
      thread: input.thread,
      personId: input.personId,
      until,
      ...(next ? { next: next.at, nextIsLast: next === ahead.at(-1) } : {}),
    });
  }
}

/** Registers the operation handlers of a lifecycle; the lifecycle keeps them to open census campaigns. */
export function registerOperations(lifecycle: LifecycleContext): OperationHandlers {
  const handlers = new OperationHandlers(lifecycle);
  handlers.register();
  return handlers;
}
