/**
 * Keeps a lifecycle's state bounded over years: when it continues as new, what only served the
 * past is summarised or dropped, so a four-year agreement carries one year of records, not four.
 * - e-mails sent and failed in earlier years become a count per year (`pastYears`); the journal
 *   keeps every year's entries (who did what, when and from where, for the whole term), up to
 *   the latest {@link JOURNAL_KEPT}: older ones beyond it are counted per year instead;
 * - delivery keys of occurrences already past are dropped, and `plannedFrom` moves to now: no
 *   reminder before now can be due again (the main loop sends everything due before it continues
 *   as new), so those keys would never be consulted;
 * - invitations of meetings already over, and aliases of occurrences already past, are dropped
 *   (an amendment or a notice only ever updates or cancels meetings still ahead);
 * - indicators recorded in earlier years are dropped, unless their meeting is still ahead (their
 *   reminders would start again);
 * - reminders declined in earlier years likewise (kept while their subject is ahead: a second
 *   declaration is still answered « already said »);
 * - changes of person applied in earlier years are dropped: the agreement holds them, the
 *   journal counted them; those still ahead are kept;
 * - snoozes already over are dropped, and the reminders they left out count as delivered to
 *   their person: a project sheet's reminders are not bounded by `plannedFrom` and would come
 *   back, late, without it. Snoozes still running are kept, whatever their year (one made on
 *   30 December for three days still holds on 2 January).
 * What is still ahead is untouched: `dueItems` gives the same answer before and after. Pure.
 *
 * @module
 */
import type { LifecycleState, PastYear } from '../contracts/lifecycle-state';
import type { Calendar } from '../domain/calendar-types';
import { deliveredKey, entryReminderKeys, snoozedItems } from './due-items';
import { snoozedKey } from './snoozes';

/**
 * Journal entries kept in full, all years together: coordinators record a handful a month, a
 * four-year agreement a few hundred at most; the cap only bounds the state of a runaway one.
 */
export const JOURNAL_KEPT = 1000;

/** The state to carry into the next run, as of `nowMs` (its ISO form `nowIso`), in year `year`. */
export function compactState(
  state: LifecycleState,
  calendar: Calendar,
  nowMs: number,
  nowIso: string,
  year: number,
): LifecycleState {
  const yearOf = (day: string) => Number(day.slice(0, 4));
  const pastYears = new Map<number, PastYear>((state.pastYears ?? []).map((y) => [y.year, { ...y }]));
  const count = (day: string, field: 'sent' | 'failures' | 'operations') => {
    const y = yearOf(day);
    const summary = pastYears.get(y) ?? { year: y, sent: 0, failures: 0 };
    summary[field] = (summary[field] ?? 0) + 1;
    pastYears.set(y, summary);
  };
  for (const record of state.sent) if (yearOf(record.day) < year) count(record.day, 'sent');
  for (const record of state.failures) if (yearOf(record.day) < year) count(record.day, 'failures');
  // Only the continue-as-new input changes (no command does): replaying a recorded history is unaffected.
  const all = state.journal ?? [];
  const journal = all.slice(-JOURNAL_KEPT);
  for (const entry of all.slice(0, all.length - journal.length)) count(entry.at, 'operations');

  const past = calendar.entries.filter((entry) => Date.parse(entry.at) < nowMs);
  const pastKeys = new Set(past.flatMap((entry) => entryReminderKeys(state, entry)));
  const pastIds = new Set(past.map((entry) => entry.id));
  const keyOf = (delivered: string) => delivered.slice(0, delivered.lastIndexOf('|'));

  const snoozes = state.snoozes ?? [];
  const over = (i: number) => Date.parse(snoozes[i]!.until) <= nowMs;
  const kept = snoozes.filter((_, i) => !over(i));
  // What the snoozes over left out stays left out; their own reminder at the end was sent.
  const leftOut =
    kept.length === snoozes.length
      ? []
      : snoozedItems(state, calendar, Number.POSITIVE_INFINITY)
          .suppressed.filter((s) => over(s.snooze))
          .map((s) => deliveredKey(s.key, s.personId));
  const keptKeys = new Set(kept.map(snoozedKey));
  const overKeys = new Set(
    snoozes
      .filter((_, i) => over(i))
      .map(snoozedKey)
      .filter((k) => !keptKeys.has(k)),
  );

  return {
    ...state,
    plannedFrom: Date.parse(state.plannedFrom) < nowMs ? nowIso : state.plannedFrom,
    // Left out means not delivered to that person: no key is there twice.
    deliveredKeys: [...state.deliveredKeys, ...leftOut].filter(
      (delivered) => !pastKeys.has(keyOf(delivered)) && !overKeys.has(keyOf(delivered)),
    ),
    ...(state.snoozes ? { snoozes: kept } : {}),
    sent: state.sent.filter((record) => yearOf(record.day) >= year),
    failures: state.failures.filter((record) => yearOf(record.day) >= year),
    pastYears: [...pastYears.values()].sort((a, b) => a.year - b.year),
    ...(state.journal ? { journal } : {}),
    ...(state.indicators
      ? { indicators: state.indicators.filter((r) => yearOf(r.sentOn) >= year || !pastIds.has(r.entryId)) }
      : {}),
    ...(state.declinedReminders
      ? {
          declinedReminders: state.declinedReminders.filter(
            (r) => yearOf(r.declaredOn) >= year || !pastIds.has(r.subjectId),
          ),
        }
      : {}),
    ...(state.personChanges
      ? { personChanges: state.personChanges.filter((c) => !c.appliedOn || yearOf(c.appliedOn) >= year) }
      : {}),
    invitations: Object.fromEntries(
      Object.entries(state.invitations).filter(([, record]) => Date.parse(record.end) >= nowMs),
    ),
    uidAliases: Object.fromEntries(Object.entries(state.uidAliases).filter(([entryId]) => !pastIds.has(entryId))),
  };
}
