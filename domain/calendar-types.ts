/**
 * The planner's full output, richer than the public `pacte plan --json` contract
 * ({@link Plan}): the workflow and the reminder e-mails need titles, places, attendees and
 * why each reminder is sent. `toPublicPlan` projects it onto the contract.
 *
 * @module
 */
import type { LocalDate } from './agreement';

/** Why a reminder is sent: selects the e-mail template. */
export type ReminderPurpose =
  | 'meeting' // a meeting to prepare (tracking table, agenda...)
  | 'indicators' // art. 8 indicators asked from the training contacts before the annual review
  | 'census-open' // the census opens: send the training requests
  | 'census-launch' // art. 9: the CNFPT referent launches the census (the day it opens)
  | 'census-deadline' // the census closes soon
  | 'census-retained' // art. 9: the census closed, the CNFPT referent notifies the retained projects
  | 'renewal-window' // art. 12: hold the renewal meeting
  | 'renewal-followup' // art. 12: the renewal meeting is still not held (9 and 6 months before the end)
  | 'meeting-followup' // a meeting past `followUpAfter`: record it as held, share its minutes
  | 'tracking-table' // COT: an axis's project leads update the tracking table before the meeting (`leadsReportBefore`)
  | 'event' // a dated one-off event
  | 'event-undated'; // a one-off event without a date: fix one

export interface CalendarReminder {
  /** Stable across re-plannings: `<entry id>/<purpose>/<local date of the reminder>`. */
  id: string;
  purpose: ReminderPurpose;
  /** ISO instant with offset. */
  at: string;
  /** Local date of `at`. */
  date: LocalDate;
  /** Person ids, sorted, without duplicates. */
  to: string[];
  /** `tracking-table` only: the axis whose project leads it goes to (its id is in `id` too). */
  axis?: string;
}

export interface CalendarEntry {
  /** Stable per occurrence: `<type>-<original local date>` for meetings, census and term events; the event id for one-off events. */
  id: string;
  type: string;
  title: string;
  date: LocalDate;
  /**
   * ISO instant with offset (start). For a one-off event without a time (`allDay`) and for an
   * undated one (`window`) it is `date` at `reminders.time` (an undated event's own `time` if written): the instant the entry sorts at and
   * the workflow counts from, not a time of the event.
   */
  at: string;
  /** ISO instant with offset, meetings only. */
  endsAt?: string;
  /** One-off events with a date and no `time`: the event takes the whole day(s), no time is claimed. */
  allDay?: true;
  /** Multi-day one-off events (`start` + `end`): the last day, inclusive; `date` is the first. */
  end?: LocalDate;
  movedFrom?: LocalDate;
  /** Why it moved, in words, e.g. `lundi de Pâques` or `dimanche`. */
  movedBecause?: string;
  article?: string;
  place?: string;
  /** Person ids concerned. */
  attendees: string[];
  /** True for a one-off event whose date is still to be fixed (`window`). */
  undated?: boolean;
  /**
   * Undated events: the window as written (`2024-H2`, `2024-Q3`, `2024-09`). Their `date` is then
   * a placeholder for sorting (calendar rule 11), never a day to show as the event's.
   */
  window?: string;
  /** Census entries: the census year (the year it opens: the key operations and child workflows use). */
  censusYear?: number;
  /**
   * Census entries: the programme year the census feeds, which labels it. A census opening in
   * the second half of year N (autumn) feeds the programme of N + 1; one opening in the first
   * half feeds the programme of N (art. 9: « la liste des projets … à mettre en œuvre au titre de l’année »).
   */
  programmeYear?: number;
  /** Meetings with `indicatorsDueBefore` (art. 8): the date the training contacts' indicators are due. */
  indicatorsDueOn?: LocalDate;
  reminders: CalendarReminder[];
}

/** What happened so far, as recorded in the lifecycle: the planner takes it into account. */
export interface CalendarFacts {
  /** Reminders and occurrences strictly before this instant are left out (ISO instant). */
  now?: string;
  /** Notice given (rule 8). */
  notice?: { givenOn: LocalDate; byParty: string };
  /** Renewal meeting held (rule 6): follow-ups stop. */
  renewalMeetingHeldOn?: LocalDate;
  /** Census years whose answer was recorded (rule 5): their reminders stop. */
  censusAnsweredYears?: number[];
}

/** How much of the calendar to plan: a choice of the caller, not something that happened. */
export interface PlanScope {
  /**
   * Meeting occurrences after this date are not planned: a partial calendar, cheap to compute,
   * for what only needs the near future (the first deadline at a start, domain/next-deadline.ts).
   */
  meetingsUntil?: LocalDate;
}

export interface Calendar {
  agreement: string;
  timezone: string;
  /** Last day of the lifecycle: `endsOn`, or the effective date of a notice. */
  effectiveEnd: LocalDate;
  /** Sorted by `at`, then id. */
  entries: CalendarEntry[];
}
