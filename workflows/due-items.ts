/**
 * What the lifecycle still has to send: every planned reminder (calendar entries, project sheets,
 * escalations, disputes) that is not yet delivered, as a flat list of {@link DueItem}s. Pure: the
 * workflow calls it after every change and sleeps until the earliest item.
 *
 * Dedupe keys make "never twice" hold across re-plannings: calendar reminders keep their id,
 * except meeting reminders, keyed by occurrence and by rank before the meeting, so that a meeting
 * moved by an amendment does not get the reminders its attendees already received.
 *
 * @module
 */
import type { Agreement, LocalDate } from '../domain/agreement';
import type { Calendar, CalendarEntry, CalendarReminder } from '../domain/calendar-types';
import type { Invitation, MessageItem, MessagePurpose, Recipient } from '../contracts/reminder-message';
import type { LifecycleState, SheetRecord } from '../contracts/lifecycle-state';
import { planDispute } from '../domain/calendar';
import { applySnoozes } from './snoozes';
import { obligationOf } from '../domain/obligations';
import { axisDetails, axisTrackingRecipients, pilotsOnly } from '../domain/tracking-recipients';

export interface DueItem {
  /** Delivered at most once per person under this key. */
  key: string;
  reminderId: string;
  purpose: MessagePurpose;
  /** ISO instant with offset. */
  at: string;
  day: LocalDate;
  /** Person ids still to receive it. */
  to: string[];
  subject: MessageItem['subject'];
  details?: MessageItem['details'];
  /**
   * Meeting reminders and updates only: the occurrence the invitation describes. Other reminders
   * of a meeting's entry (the indicators due before the annual review) are deadlines, not
   * invitations, and carry none.
   */
  meeting?: CalendarEntry;
  /** A ready invitation (cancellations, whose occurrence is gone from the calendar). */
  invitation?: Invitation;
  /**
   * Written to this contact rather than to the person the agreement now names under `to`'s id:
   * the cancellation for someone who left or whose e-mail changed (person-changes.ts).
   */
  formerContact?: Recipient;
  /** Sent after its planned day: the message says so (late-reminders.ts). */
  late?: { plannedOn: LocalDate };
}

const MEETING_PURPOSES = new Set<string>(['meeting']);

/** Reminders only runs with the `census-loop` patch send (`state.censusLoop`). */
const CENSUS_LOOP_PURPOSES = new Set<string>(['census-launch', 'census-retained']);

/** False for a reminder this run must not send: one whose patch this run lacks, or already done. */
function wanted(state: LifecycleState, entry: CalendarEntry, reminder: CalendarReminder): boolean {
  if (reminder.purpose === 'meeting-followup') {
    if (!state.meetingFollowUps) return false;
    // Recorded as held with its minutes: nothing left to follow up.
    return !state.meetings.some((m) => m.entryId === entry.id && m.minutesUrl !== undefined);
  }
  // Recorded as sent (`recordIndicators`, which alone sets `state.indicators`: no history recorded
  // before it holds one, so no patch): the indicators' reminders stop, the meeting's do not.
  if (reminder.purpose === 'indicators') return !(state.indicators ?? []).some((r) => r.entryId === entry.id);
  if (!CENSUS_LOOP_PURPOSES.has(reminder.purpose)) return true;
  if (!state.censusLoop) return false;
  // Once the retained projects are notified, the reminder to notify them has no object.
  if (reminder.purpose === 'census-retained')
    return !state.census.some((c) => c.year === entry.censusYear && c.projectsNotifiedOn !== undefined);
  return true;
}

export function referentIds(agreement: Agreement): string[] {
  return agreement.people
    .filter((p) => p.roles.includes('referent'))
    .map((p) => p.id)
    .sort();
}

export function occurrenceKey(state: Pick<LifecycleState, 'uidAliases'>, entryId: string): string {
  return state.uidAliases[entryId] ?? entryId;
}

export function deliveredKey(key: string, personId: string): string {
  return `${key}|${personId}`;
}

function isMeeting(entry: CalendarEntry, agreement: Agreement): boolean {
  return entry.type in agreement.meetings;
}

export function subjectOf(entry: CalendarEntry): MessageItem['subject'] {
  return {
    id: entry.id,
    type: entry.type,
    title: entry.title,
    date: entry.date,
    at: entry.at,
    ...(entry.endsAt ? { endsAt: entry.endsAt } : {}),
    ...(entry.place ? { place: entry.place } : {}),
    ...(entry.article ? { article: entry.article } : {}),
    ...(entry.movedFrom ? { movedFrom: entry.movedFrom } : {}),
    ...(entry.movedBecause ? { movedBecause: entry.movedBecause } : {}),
    ...(entry.undated ? { undated: true } : {}),
    ...(entry.allDay ? { allDay: true as const } : {}),
    ...(entry.end ? { end: entry.end } : {}),
    ...(entry.window ? { window: entry.window } : {}),
  };
}

/** The dedupe keys of an entry's reminders (what `deliveredKeys` holds, before `|person`). */
export function entryReminderKeys(state: LifecycleState, entry: CalendarEntry): string[] {
  const meeting = isMeeting(entry, state.agreement);
  return entry.reminders.map((reminder) => reminderKey(state, entry, reminder, meeting));
}

/** Rank from the meeting backwards: the last reminder before a meeting is #0 whatever its date. */
function reminderKey(
  state: LifecycleState,
  entry: CalendarEntry,
  reminder: CalendarReminder,
  meeting: boolean,
): string {
  if (!meeting || !MEETING_PURPOSES.has(reminder.purpose)) return reminder.id;
  const same = entry.reminders
    .filter((r) => r.purpose === reminder.purpose)
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const rank = same.findIndex((r) => r.id === reminder.id);
  return `${occurrenceKey(state, entry.id)}/${reminder.purpose}/#${rank}`;
}

function withoutDelivered(done: ReadonlySet<string>, key: string, to: string[]): string[] {
  return to.filter((person) => !done.has(deliveredKey(key, person)));
}

/** What the templates show beside the entry: the date the recipient must act by. */
function detailsOf(
  state: LifecycleState,
  agreement: Agreement,
  calendar: Calendar,
  entry: CalendarEntry,
  reminder: CalendarReminder,
): Pick<DueItem, 'details'> {
  const details: NonNullable<DueItem['details']> = {};
  if (entry.censusYear !== undefined) {
    details.censusYear = entry.censusYear;
    if (entry.programmeYear !== undefined) details.programmeYear = entry.programmeYear;
    // Rule 5 opens the last autumn's census inside the term; the year it feeds is not.
    if (entry.programmeYear !== undefined && entry.programmeYear > Number(agreement.term.endsOn.slice(0, 4)))
      details.termEndsOn = agreement.term.endsOn;
    const deadline = calendar.entries.find((e) => e.type === 'census-deadline' && e.censusYear === entry.censusYear);
    if (deadline) details.dueOn = deadline.date;
  }
  if (reminder.purpose === 'indicators' && entry.indicatorsDueOn) details.dueOn = entry.indicatorsDueOn;
  if (reminder.purpose === 'meeting-followup') {
    const held = state.meetings.find((m) => m.entryId === entry.id);
    if (held) details.heldOn = held.heldOn;
  }
  if (reminder.purpose === 'tracking-table' && reminder.axis) {
    const axis = agreement.axes.find((a) => a.id === reminder.axis);
    if (axis) details.axis = axisDetails(agreement, axis, entry.date);
  }
  if (reminder.purpose === 'renewal-window' || reminder.purpose === 'renewal-followup')
    details.dueOn = agreement.term.endsOn;
  return Object.keys(details).length > 0 ? { details } : {};
}

function calendarItems(state: LifecycleState, calendar: Calendar, done: ReadonlySet<string>): DueItem[] {
  const from = Date.parse(state.plannedFrom);
  const items: DueItem[] = [];
  for (const entry of calendar.entries) {
    const meeting = isMeeting(entry, state.agreement);
    for (const reminder of entry.reminders) {
      if (Date.parse(reminder.at) < from || !wanted(state, entry, reminder)) continue;
      const key = reminderKey(state, entry, reminder, meeting);
      const to = withoutDelivered(done, key, reminder.to);
      if (to.length === 0) continue;
      items.push({
        key,
        reminderId: reminder.id,
        purpose: reminder.purpose,
        at: reminder.at,
        day: reminder.date,
        to,
        subject: subjectOf(entry),
        ...detailsOf(state, state.agreement, calendar, entry, reminder),
        ...(meeting && MEETING_PURPOSES.has(reminder.purpose) ? { meeting: entry } : {}),
      });
    }
  }
  return items;
}

function sheetSubject(sheet: SheetRecord, article: string | undefined): MessageItem['subject'] {
  return {
    id: `sheet-${sheet.censusYear}-${sheet.projectId}`,
    type: 'project-sheet',
    title: sheet.title,
    date: sheet.dueOn,
    at: sheet.dueAt,
    ...(article ? { article } : {}),
  };
}

/** What a project lead's reminder shows: the due date, the fields, the threshold, the model. */
function sheetDetails(agreement: Agreement, sheet: SheetRecord): NonNullable<DueItem['details']> {
  const census = agreement.census;
  return {
    dueOn: sheet.dueOn,
    censusYear: sheet.censusYear,
    ...(census ? { minParticipants: census.minParticipants } : {}),
    ...(census?.sheetTemplate ? { sheetTemplate: census.sheetTemplate } : {}),
  };
}

/**
 * The project leads told at once that their project is retained (art. 9, patch `census-loop`):
 * the reminders' message, with the sheet's fields and due date, on the day of the notification.
 */
export function retainedItem(agreement: Agreement, sheet: SheetRecord, now: { at: string; day: LocalDate }): DueItem {
  const key = `sheet-${sheet.censusYear}-${sheet.projectId}/project-sheet/retained`;
  return {
    key,
    reminderId: key,
    purpose: 'project-sheet',
    at: now.at,
    day: now.day,
    to: [...sheet.leads],
    subject: sheetSubject(sheet, agreement.census?.article),
    details: sheetDetails(agreement, sheet),
  };
}

/**
 * A meeting recorded with its tracking table late (patch `meeting-followups`), on the day it is
 * recorded. Before v8 (`axes` undefined): one item to every pilot and every project lead. From v8
 * (patch `leads-by-axis`): one item per axis named, to its pilots and project leads
 * (domain/tracking-recipients.ts), or one to the pilots alone when none is named: nobody hears of
 * another axis's table.
 */
export function trackingTableItems(
  agreement: Agreement,
  entry: CalendarEntry,
  now: { at: string; day: LocalDate },
  axes?: readonly string[],
): DueItem[] {
  const item = (key: string, to: string[], details?: DueItem['details']): DueItem[] =>
    to.length === 0
      ? []
      : [
          {
            key,
            reminderId: key,
            purpose: 'tracking-table-late',
            at: now.at,
            day: now.day,
            to,
            subject: subjectOf(entry),
            ...(details ? { details } : {}),
          },
        ];
  const base = `${entry.id}/tracking-table-late`;
  if (axes === undefined) return item(`${base}/${now.day}`, everyPilotAndLead(agreement));
  if (axes.length === 0) return item(`${base}/${now.day}`, pilotsOnly(agreement));
  return agreement.axes
    .filter((axis) => axes.includes(axis.id))
    .flatMap((axis) =>
      item(`${base}/${axis.id}/${now.day}`, axisTrackingRecipients(agreement, axis, entry.date), {
        axis: axisDetails(agreement, axis, entry.date),
      }),
    );
}

/** Before v8: the pilots who keep the table and every project lead of every axis. */
function everyPilotAndLead(agreement: Agreement): string[] {
  const pilots = agreement.people.filter((p) => p.roles.includes('pilot')).map((p) => p.id);
  const leads = agreement.axes.flatMap((axis) => axis.projects.flatMap((project) => project.leads));
  return [...new Set([...pilots, ...leads])].filter((id) => agreement.people.some((p) => p.id === id)).sort();
}

/**
 * A sheet under the participant threshold, outside regulated trainings (art. 9: « un groupe d’au
 * moins 15 »), reported to the referents of both parties on the day it is recorded.
 */
export function belowMinimumItem(
  agreement: Agreement,
  sheet: SheetRecord,
  participants: number,
  now: { at: string; day: LocalDate },
): DueItem {
  const key = `sheet-${sheet.censusYear}-${sheet.projectId}/project-sheet-below-minimum/${now.day}`;
  return {
    key,
    reminderId: key,
    purpose: 'project-sheet-below-minimum',
    at: now.at,
    day: now.day,
    to: referentIds(agreement),
    subject: { ...sheetSubject(sheet, agreement.census?.article), date: now.day, at: now.at },
    details: {
      censusYear: sheet.censusYear,
      participants,
      ...(agreement.census ? { minParticipants: agreement.census.minParticipants } : {}),
      projects: [
        {
          id: sheet.projectId,
          title: sheet.title,
          dueOn: sheet.dueOn,
          responsible: sheet.leads.map((id) => agreement.people.find((p) => p.id === id)?.name ?? id),
        },
      ],
    },
  };
}

/** A reminder someone received, as a declaration names it (`declineReminder`): its subject and recipients. */
export interface DeclinableReminder {
  subject: MessageItem['subject'];
  /** Everyone this reminder goes to. */
  to: string[];
}

/** The reminder of `purpose` about `subjectId` (a calendar entry id, `sheet-<year>-<project id>`), if any. */
export function declinableReminder(
  state: LifecycleState,
  calendar: Calendar,
  purpose: string,
  subjectId: string,
): DeclinableReminder | undefined {
  if (purpose === 'project-sheet') {
    const sheet = state.sheets.filter((s) => `sheet-${s.censusYear}-${s.projectId}` === subjectId).at(-1);
    return sheet ? { subject: sheetSubject(sheet, state.agreement.census?.article), to: sheet.leads } : undefined;
  }
  const entry = calendar.entries.find((e) => e.id === subjectId);
  const reminders = entry?.reminders.filter((r) => r.purpose === purpose) ?? [];
  if (!entry || reminders.length === 0) return undefined;
  // The article of this reminder's obligation (the indicators cite theirs, not the meeting's).
  const { article: _entryArticle, ...subject } = subjectOf(entry);
  const { article } = obligationOf(state.agreement, purpose, entry.type, entry.article);
  return {
    subject: { ...subject, ...(article ? { article } : {}) },
    to: [...new Set(reminders.flatMap((r) => r.to))].sort(),
  };
}

/**
 * « Ce rappel ne me concerne plus »: the referents of both parties told, on the day it is said,
 * who says which reminder no longer concerns them and why; they decide whether to change the person.
 */
export function declinedItem(
  agreement: Agreement,
  declared: { purpose: string; personId: string; reason?: string },
  reminder: DeclinableReminder,
  now: { at: string; day: LocalDate },
): DueItem {
  const key = `${declared.purpose}:${reminder.subject.id}/reminder-declined/${declared.personId}`;
  const personName = agreement.people.find((p) => p.id === declared.personId)?.name ?? declared.personId;
  return {
    key,
    reminderId: key,
    purpose: 'reminder-declined',
    at: now.at,
    day: now.day,
    to: referentIds(agreement),
    subject: reminder.subject,
    details: {
      declined: {
        personName,
        purpose: declared.purpose,
        ...(declared.reason ? { reason: declared.reason } : {}),
      },
    },
  };
}

function sheetItems(state: LifecycleState, effectiveEndMs: number, done: ReadonlySet<string>): DueItem[] {
  const agreement = state.agreement;
  const article = agreement.census?.article;
  const items: DueItem[] = [];
  const pending = state.sheets.filter((s) => !s.submittedOn);
  for (const sheet of pending) {
    for (const reminder of sheet.reminders) {
      if (Date.parse(reminder.at) >= effectiveEndMs) continue;
      const key = `sheet-${sheet.censusYear}-${sheet.projectId}/project-sheet/${reminder.date}`;
      const to = withoutDelivered(done, key, sheet.leads);
      if (to.length === 0) continue;
      items.push({
        key,
        reminderId: reminder.id,
        purpose: 'project-sheet',
        at: reminder.at,
        day: reminder.date,
        to,
        subject: sheetSubject(sheet, article),
        details: sheetDetails(agreement, sheet),
      });
    }
  }
  // Escalation (art. 9): one list of the sheets overdue at that moment, to the referents of both parties.
  const byInstant = new Map<string, SheetRecord[]>();
  for (const sheet of pending.filter((s) => !s.escalatedOn && Date.parse(s.escalateAt) < effectiveEndMs)) {
    byInstant.set(sheet.escalateAt, [...(byInstant.get(sheet.escalateAt) ?? []), sheet]);
  }
  for (const [at, sheets] of byInstant) {
    const day = sheets[0]!.escalateAt.slice(0, 10);
    const key = `escalation-${day}`;
    const to = withoutDelivered(done, key, referentIds(agreement));
    if (to.length === 0) continue;
    const overdue = state.sheets.filter((s) => !s.submittedOn && Date.parse(s.dueAt) <= Date.parse(at));
    items.push({
      key,
      reminderId: key,
      purpose: 'project-sheet-escalation',
      at,
      day,
      to,
      subject: {
        id: key,
        type: 'project-sheet-escalation',
        title: 'Fiches projet en retard',
        date: day,
        at,
        ...(article ? { article } : {}),
      },
      details: {
        projects: overdue.map((s) => ({
          id: s.projectId,
          title: s.title,
          dueOn: s.dueOn,
          // Who answers for each late sheet, so that the referents know whom to call.
          responsible: s.leads.map((id) => agreement.people.find((p) => p.id === id)?.name ?? id),
        })),
      },
    });
  }
  return items;
}

function disputeItems(state: LifecycleState, done: ReadonlySet<string>): DueItem[] {
  return state.disputes.flatMap((dispute) => {
    const key = `dispute-${dispute.notifiedOn}/dispute`;
    const to = withoutDelivered(done, key, referentIds(state.agreement));
    if (to.length === 0) return [];
    // Recomputed, not read from the record: records made before the art. 641 CPC fix hold the
    // last day of the amicable period as `courtFrom`. The reminder instant stays the recorded one.
    const plan = planDispute(state.agreement, dispute.notifiedOn);
    const item: DueItem = {
      key,
      reminderId: key,
      purpose: 'dispute',
      at: dispute.reminderAt,
      day: dispute.reminderAt.slice(0, 10),
      to,
      subject: {
        id: `dispute-${dispute.notifiedOn}`,
        type: 'dispute',
        title: dispute.subject ?? 'Différend',
        date: plan.courtFrom,
        at: dispute.reminderAt,
      },
      details: {
        dueOn: plan.courtFrom,
        amicableEndsOn: plan.amicableEndsOn,
        notifiedOn: dispute.notifiedOn,
        ...(dispute.subject ? { disputeSubject: dispute.subject } : {}),
      },
    };
    return [item];
  });
}

/** Everything not yet delivered, with the recipients' snoozes applied (snoozes.ts). */
export function snoozedItems(
  state: LifecycleState,
  calendar: Calendar,
  effectiveEndMs: number,
): ReturnType<typeof applySnoozes> {
  const done = new Set(state.deliveredKeys);
  const items = [
    ...calendarItems(state, calendar, done),
    ...sheetItems(state, effectiveEndMs, done),
    ...disputeItems(state, done),
  ];
  return applySnoozes(items, state.snoozes ?? [], (key, person) => done.has(deliveredKey(key, person)));
}

/** Everything not yet delivered, sorted by instant then key. */
export function dueItems(state: LifecycleState, calendar: Calendar, effectiveEndMs: number): DueItem[] {
  return snoozedItems(state, calendar, effectiveEndMs).items.sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || a.key.localeCompare(b.key),
  );
}
