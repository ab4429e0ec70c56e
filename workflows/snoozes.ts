/**
 * « Me le rappeler dans 3 jours » over the due items (issue 16): for each snooze, its person is
 * left out of the thread's reminders planned between the snooze and its end, except the thread's
 * last one for that person when the snooze was made (`keep`: the last reminder before the
 * deadline always stays); when the thread goes on after the end, the person gets one reminder at the end instead, a copy of the
 * thread's next one under its own key (delivered once, never re-created). A thread done (census
 * answered, sheet submitted…) has no items left, so nothing is sent, as without a snooze. Pure.
 *
 * @module
 */
import type { SnoozeRecord } from '../contracts/lifecycle-state';
import { threadOf } from '../domain/reminder-thread';
import type { DueItem } from './due-items';

/** A reminder left out for a person by a snooze: the key and person as `deliveredKeys` would hold them. */
export interface Suppressed {
  key: string;
  personId: string;
  /** Index of the snooze in the list given. */
  snooze: number;
}

/** The key of the reminder a snooze brings back at its end. */
export function snoozedKey(snooze: SnoozeRecord): string {
  return `${snooze.thread}/snoozed/${snooze.personId}/${snooze.until.slice(0, 10)}`;
}

const byInstant = (a: DueItem, b: DueItem) => Date.parse(a.at) - Date.parse(b.at) || a.key.localeCompare(b.key);

/**
 * The items once every snooze is applied, in recorded order, and what they left out.
 * `delivered(key, personId)` says whether a reminder already went to that person.
 */
export function applySnoozes(
  items: DueItem[],
  snoozes: readonly SnoozeRecord[],
  delivered: (key: string, personId: string) => boolean,
): { items: DueItem[]; suppressed: Suppressed[] } {
  let current = items;
  const suppressed: Suppressed[] = [];
  snoozes.forEach((snooze, index) => {
    const person = snooze.personId;
    const from = Date.parse(snooze.at);
    const until = Date.parse(snooze.until);
    const thread = current
      .filter((item) => item.to.includes(person) && threadOf(item) === snooze.thread)
      .sort(byInstant);
    if (thread.length === 0) return;
    const inWindow = new Set(
      thread.filter((item) => item.key !== snooze.keep && Date.parse(item.at) >= from && Date.parse(item.at) < until),
    );
    for (const item of inWindow) suppressed.push({ key: item.key, personId: person, snooze: index });
    const next = thread.find((item) => Date.parse(item.at) >= from);
    current = current.flatMap((item) => {
      if (!inWindow.has(item)) return [item];
      const to = item.to.filter((id) => id !== person);
      return to.length ? [{ ...item, to }] : [];
    });
    // Nothing of the thread after the end (the last reminder is within it): nothing to bring back.
    if (!next || !thread.some((item) => Date.parse(item.at) > until)) return;
    const key = snoozedKey(snooze);
    const day = snooze.until.slice(0, 10);
    // Already given that day by the thread itself (or by this snooze, delivered): nothing more.
    const keptThatDay = thread.some((item) => !inWindow.has(item) && item.day === day);
    if (keptThatDay || delivered(key, person)) return;
    const { late: _late, ...copy } = next;
    current = [...current, { ...copy, key, reminderId: key, at: snooze.until, day, to: [person] }];
  });
  return { items: current, suppressed };
}
