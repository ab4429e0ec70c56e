/**
 * The planned calendar of an agreement: the public contract of `pacte plan --json`
 * (docs/contracts.md#plan-json) and what the lifecycle workflow follows.
 *
 * @module
 */

export const BUILTIN_EVENT_TYPES = ['census-open', 'census-deadline', 'renewal-window', 'expiry', 'event'] as const;

export interface PlannedReminder {
  /** ISO instant with the zone's UTC offset, e.g. `2025-06-03T09:00:00.000+02:00`. */
  at: string;
  /** Person ids. */
  to: string[];
}

export interface PlannedEvent {
  /** Stable per occurrence: `<type>-<original date>` for meetings, the event id for one-off events. */
  id: string;
  /** A meeting key, or one of {@link BUILTIN_EVENT_TYPES}. */
  type: string;
  /** Local date `YYYY-MM-DD`. */
  date: string;
  /**
   * ISO instant with offset. For an `allDay` or undated (`window`) event: `date` at
   * `reminders.time` (an undated event's own `time` if written), the instant the event sorts at,
   * not a time of the event.
   */
  at: string;
  /** One-off events with a date and no time: `true`; absent otherwise. */
  allDay?: true;
  /** Multi-day one-off events: last day `YYYY-MM-DD`, inclusive (`date` is the first day). */
  end?: string;
  /**
   * Undated one-off events: `YYYY-H1|H2`, `YYYY-Q1..Q4` or `YYYY-MM`. `date` and `at` are then a
   * sorting placeholder (calendar rule 11), not the event's day.
   */
  window?: string;
  /** Original local date when the occurrence was moved off a non-business day. */
  movedFrom?: string;
  /** Article of the agreement that asks for it, e.g. `art. 9`. */
  article?: string;
  reminders: PlannedReminder[];
}

export interface Plan {
  agreement: string;
  timezone: string;
  events: PlannedEvent[];
}
