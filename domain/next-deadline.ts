/**
 * An agreement's next deadline as of an instant: the earliest calendar entry still ahead, or the
 * due date of a project sheet not yet sent. One rule for the lifecycle, which publishes it as the
 * `NextDeadline` search attribute, and for the start, which sets it first so that the lifecycle's
 * first task has nothing to write (docs/contracts.md « Search attributes »).
 *
 * @module
 */
import type { Agreement } from './agreement';
import { planCalendar } from './calendar';
import type { Calendar } from './calendar-types';
import { addDays } from './durations';

/**
 * How far ahead the start looks for the first deadline, and the margin kept before that limit:
 * an occurrence beyond the limit may move back to a business day, never by anything near this.
 */
const START_LOOKAHEAD_DAYS = 120;
const START_MARGIN_DAYS = 30;

/** Epoch milliseconds, or undefined when nothing is ahead. */
export function nextDeadlineMs(
  calendar: Calendar,
  sheetDueDates: readonly string[],
  nowMs: number,
): number | undefined {
  let next: number | undefined;
  const consider = (at: number) => {
    if (at >= nowMs && (next === undefined || at < next)) next = at;
  };
  for (const entry of calendar.entries) consider(Date.parse(entry.at));
  for (const due of sheetDueDates) consider(Date.parse(due));
  return next;
}

/**
 * The first deadline of an agreement being started, as {@link nextDeadlineMs} gives it for its
 * whole calendar with nothing done yet, planning only the meetings of the next few months when
 * the deadline lies well within them (planning three years of meetings is most of a plan's cost,
 * and a bulk start pays it once per agreement). Tests check it against the whole plan; the
 * lifecycle's first task reckons the deadline again from the whole plan in any case.
 */
export function firstDeadlineMs(agreement: Agreement, nowMs: number): number | undefined {
  const today = new Date(nowMs).toISOString().slice(0, 10);
  const from = today > agreement.term.startsOn ? today : agreement.term.startsOn;
  const until = addDays(from, START_LOOKAHEAD_DAYS);
  const near = nextDeadlineMs(planCalendar(agreement, {}, { meetingsUntil: until }), [], nowMs);
  if (near !== undefined && near <= Date.parse(`${addDays(until, -START_MARGIN_DAYS)}T00:00:00Z`)) return near;
  return nextDeadlineMs(planCalendar(agreement), [], nowMs);
}
