/**
 * An agreement's next deadline as of an instant: the earliest calendar entry still ahead, or the
 * due date of a project sheet not yet sent. One rule for the lifecycle, which publishes it as the
 * `NextDeadline` search attribute, and for the start, which sets it first so that the lifecycle's
 * first task has nothing to write (docs/contracts.md « Search attributes »).
 *
 * @module
 */
import type { Calendar } from './calendar-types';

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
