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
import type { Invitation, MessageItem, MessagePurpose } from '../contracts/reminder-message';
import type { LifecycleState, SheetRecord } from '../contracts/lifecycle-state';
import { planDispute } from '../domain/calendar';

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
}

const MEETING_PURPOSES = new Set<string>(['meeting']);

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

function subjectOf(entry: CalendarEntry): MessageItem['subject'] {
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
  agreement: Agreement,
  calendar: Calendar,
  entry: CalendarEntry,
  reminder: CalendarReminder,
): Pick<DueItem, 'details'> {
  const details: NonNullable<DueItem['details']> = {};
  if (entry.censusYear !== undefined) {
    details.censusYear = entry.censusYear;
    const deadline = calendar.entries.find((e) => e.type === 'census-deadline' && e.censusYear === entry.censusYear);
    if (deadline) details.dueOn = deadline.date;
  }
  if (reminder.purpose === 'indicators' && entry.indicatorsDueOn) details.dueOn = entry.indicatorsDueOn;
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
      if (Date.parse(reminder.at) < from) continue;
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
        ...detailsOf(state.agreement, calendar, entry, reminder),
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
        details: {
          dueOn: sheet.dueOn,
          censusYear: sheet.censusYear,
          ...(agreement.census ? { minParticipants: agreement.census.minParticipants } : {}),
        },
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

/** Everything not yet delivered, sorted by instant then key. */
export function dueItems(state: LifecycleState, calendar: Calendar, effectiveEndMs: number): DueItem[] {
  const done = new Set(state.deliveredKeys);
  return [
    ...calendarItems(state, calendar, done),
    ...sheetItems(state, effectiveEndMs, done),
    ...disputeItems(state, done),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.key.localeCompare(b.key));
}
