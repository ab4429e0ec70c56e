/**
 * What an amendment changes in the calendar, shown before it is confirmed: the events of the
 * public plan (docs/contracts.md#plan-json) added, removed and moved, an event being the same
 * when its id is (meetings are `<type>-<original date>`, one-off events keep their own id).
 * Moved: same event, another day or time, or another span or window.
 *
 * Pure.
 *
 * @module
 */
import type { Plan, PlannedEvent } from '../../domain/plan';

export interface PlanChanges {
  added: PlannedEvent[];
  removed: PlannedEvent[];
  moved: { before: PlannedEvent; after: PlannedEvent }[];
  /** Same date and time, but reminders sent at other instants or to other people. */
  remindersChanged: { before: PlannedEvent; after: PlannedEvent }[];
}

const when = (e: PlannedEvent) => [e.date, e.at, e.end ?? '', e.window ?? '', e.allDay ? 'all-day' : ''].join('|');
const reminders = (e: PlannedEvent) =>
  JSON.stringify(e.reminders.map((r) => [r.at, [...r.to].sort()]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));

export function planChanges(before: Plan, after: Plan): PlanChanges {
  const old = new Map(before.events.map((e) => [e.id, e]));
  const next = new Map(after.events.map((e) => [e.id, e]));
  const changes: PlanChanges = { added: [], removed: [], moved: [], remindersChanged: [] };
  for (const e of after.events) {
    const was = old.get(e.id);
    if (!was) changes.added.push(e);
    else if (when(was) !== when(e)) changes.moved.push({ before: was, after: e });
    else if (reminders(was) !== reminders(e)) changes.remindersChanged.push({ before: was, after: e });
  }
  for (const e of before.events) if (!next.has(e.id)) changes.removed.push(e);
  return changes;
}

export function hasChanges(c: PlanChanges): boolean {
  return c.added.length + c.removed.length + c.moved.length + c.remindersChanged.length > 0;
}
