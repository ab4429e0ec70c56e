/**
 * The whole-term calendar of a lifecycle as the web shows it: the planner run on the agreement
 * the lifecycle holds, with the facts its view reports (notice, renewal meeting, census years
 * answered), from the first day of the term — the past included, unlike the lifecycle's own plan.
 * Computed once per loaded state (entries are replaced when the lifecycle changes).
 *
 * @module
 */
import { planCalendar } from '../../domain/calendar';
import type { Calendar, CalendarFacts } from '../../domain/calendar-types';
import type { LifecycleEntry } from './lifecycle-entry';

const calendars = new WeakMap<LifecycleEntry, Calendar>();

export function factsOf(entry: Pick<LifecycleEntry, 'view'>): CalendarFacts {
  const { view } = entry;
  return {
    ...(view.notice ? { notice: view.notice } : {}),
    ...(view.renewal.meetingHeldOn ? { renewalMeetingHeldOn: view.renewal.meetingHeldOn } : {}),
    censusAnsweredYears: view.census.filter((c) => c.answeredOn).map((c) => c.year),
  };
}

export function calendarOf(entry: LifecycleEntry): Calendar {
  let calendar = calendars.get(entry);
  if (!calendar) {
    calendar = planCalendar(entry.agreement, factsOf(entry));
    calendars.set(entry, calendar);
  }
  return calendar;
}
