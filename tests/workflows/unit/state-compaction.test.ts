/**
 * The state a lifecycle carries into its next run stays bounded and loses nothing that is still
 * ahead: at each new year of a three-year COT (monthly and two-monthly meetings), after every
 * reminder due so far was delivered as the main loop delivers it, the compacted state has the
 * same pending reminders as the full one, its delivery keys cover only what is ahead, and the
 * e-mails of earlier years survive as counts.
 */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { initialLifecycleState, type JournalEntry, type LifecycleState } from '../../../contracts/lifecycle-state';
import { planCalendar } from '../../../domain/calendar';
import { deliveredKey, dueItems, type DueItem } from '../../../workflows/due-items';
import { compactState, JOURNAL_KEPT } from '../../../workflows/state-compaction';
import { cot } from '../../domain/fixtures';

const agreement = cot();
const calendar = planCalendar(agreement);
const END = DateTime.fromISO(calendar.effectiveEnd, { zone: agreement.timezone }).plus({ days: 1 }).toMillis();

/** What the main loop does before continuing as new: deliver everything due up to `nowMs`. */
function deliverUntil(state: LifecycleState, nowMs: number): LifecycleState {
  const due = dueItems(state, calendar, END).filter((item) => Date.parse(item.at) <= nowMs);
  return {
    ...state,
    deliveredKeys: [...state.deliveredKeys, ...due.flatMap((item) => item.to.map((p) => deliveredKey(item.key, p)))],
    sent: [
      ...state.sent,
      ...due.flatMap((item) =>
        item.to.map((to) => ({
          messageId: `<${item.key}|${to}>`,
          day: item.day,
          sentAt: item.at,
          to,
          purposes: [item.purpose],
          reminderIds: [item.reminderId],
        })),
      ),
    ],
  };
}

const pending = (state: LifecycleState): Pick<DueItem, 'key' | 'at' | 'to'>[] =>
  dueItems(state, calendar, END).map(({ key, at, to }) => ({ key, at, to }));

describe('state compaction at continue-as-new', () => {
  const first = Number(agreement.term.startsOn.slice(0, 4));
  const years = Array.from({ length: Number(agreement.term.endsOn.slice(0, 4)) - first }, (_, i) => first + 1 + i);

  it('keeps every pending reminder, drops only what served the past, counts earlier years', () => {
    let full = initialLifecycleState({ agreement }, `${agreement.term.startsOn}T00:00:00+01:00`);
    let compact = full;
    for (const year of years) {
      const newYear = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: agreement.timezone });
      const nowMs = newYear.toMillis();
      full = deliverUntil(full, nowMs);
      compact = compactState(deliverUntil(compact, nowMs), calendar, nowMs, newYear.toISO()!, year);

      expect(pending(compact), `${year}`).toEqual(pending(full));
      expect(pending(full).length, `${year}: something is still ahead`).toBeGreaterThan(0);
      expect(compact.sent.every((s) => Number(s.day.slice(0, 4)) >= year)).toBe(true);
      const counted = (compact.pastYears ?? []).reduce((n, y) => n + y.sent, 0) + compact.sent.length;
      expect(counted, `${year}: every e-mail counted`).toBe(full.sent.length);
      expect(compact.deliveredKeys.length, `${year}: keys of past occurrences dropped`).toBeLessThan(
        full.deliveredKeys.length,
      );
    }
    expect(years.length).toBeGreaterThanOrEqual(2);
    expect((compact.pastYears ?? []).map((y) => y.year)).toEqual([first, ...years.slice(0, -1)]);
  });

  it('after the last new year, the carried keys are a small fraction of a full term', () => {
    let full = initialLifecycleState({ agreement }, `${agreement.term.startsOn}T00:00:00+01:00`);
    let compact = full;
    for (const year of years) {
      const newYear = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: agreement.timezone });
      full = deliverUntil(full, newYear.toMillis());
      compact = compactState(
        deliverUntil(compact, newYear.toMillis()),
        calendar,
        newYear.toMillis(),
        newYear.toISO()!,
        year,
      );
    }
    expect(compact.deliveredKeys.length * 3).toBeLessThan(full.deliveredKeys.length);
    expect(JSON.stringify(compact).length * 2).toBeLessThan(JSON.stringify(full).length);
  });
});

describe('journal compaction at continue-as-new', () => {
  const first = Number(agreement.term.startsOn.slice(0, 4));
  const entry = (at: string, n: number): JournalEntry => ({
    at,
    operation: 'recordMeeting',
    summary: {
      kind: 'meeting-held',
      entryId: `e-${n}`,
      title: 'Revue',
      date: at.slice(0, 10),
      heldOn: at.slice(0, 10),
    },
    recordedBy: { via: n % 2 ? 'web' : 'cli', personId: 'ref-cg77', account: 'someone@example.org' },
  });

  it('keeps every year’s entries up to the cap, counts the oldest beyond it, and leaves old states alone', () => {
    const year = first + 1;
    const newYear = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: agreement.timezone });
    const lastYear = [entry(`${first}-11-03T10:00:00.000+01:00`, 1), entry(`${first}-12-31T23:30:00.000+01:00`, 2)];
    const thisYear = Array.from({ length: JOURNAL_KEPT - 1 }, (_, i) =>
      entry(
        `${year}-01-01T${String(1 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00.000+01:00`,
        i,
      ),
    );
    const state = { ...initialLifecycleState({ agreement }, newYear.toISO()!), journal: [...lastYear, ...thisYear] };
    const compact = compactState(state, calendar, newYear.toMillis(), newYear.toISO()!, year);

    // Under the cap: last year's entries are kept with this year's, nothing is counted.
    const under = compactState(
      { ...state, journal: [...lastYear, ...thisYear.slice(0, 10)] },
      calendar,
      newYear.toMillis(),
      newYear.toISO()!,
      year,
    );
    expect(under.journal).toEqual([...lastYear, ...thisYear.slice(0, 10)]);
    expect(under.pastYears).toEqual([]);
    // Over it by one: the oldest entry is counted in its year, the rest kept.
    expect(compact.journal).toEqual([lastYear[1], ...thisYear]);
    expect(compact.journal).toHaveLength(JOURNAL_KEPT);
    expect(compact.pastYears).toEqual([{ year: first, sent: 0, failures: 0, operations: 1 }]);
    // Far over it: the oldest of this year are counted too.
    const more = Array.from({ length: 5 }, (_, i) => entry(`${year}-02-01T10:0${i}:00.000+01:00`, i));
    const over = compactState(
      { ...state, journal: [...lastYear, ...thisYear, ...more] },
      calendar,
      newYear.toMillis(),
      newYear.toISO()!,
      year,
    );
    expect(over.journal).toEqual([...thisYear, ...more].slice(-JOURNAL_KEPT));
    expect(over.pastYears).toEqual([
      { year: first, sent: 0, failures: 0, operations: 2 },
      { year, sent: 0, failures: 0, operations: 4 },
    ]);
    // Changes of person: those applied in earlier years go, those of this year or ahead stay.
    const applied = {
      change: 'remove' as const,
      personId: 'p',
      effectiveOn: `${first}-05-01`,
      recordedOn: `${first}-05-01`,
    };
    const changes = [
      { ...applied, appliedOn: `${first}-05-01` },
      { ...applied, appliedOn: `${year}-01-01` },
      { ...applied, effectiveOn: `${year}-03-01` },
    ];
    const withChanges = compactState(
      { ...state, personChanges: changes },
      calendar,
      newYear.toMillis(),
      newYear.toISO()!,
      year,
    );
    expect(withChanges.personChanges).toEqual(changes.slice(1));
    // A state from before the journal: no field appears.
    const { journal: _, ...old } = state;
    expect('journal' in compactState(old, calendar, newYear.toMillis(), newYear.toISO()!, year)).toBe(false);
  });
});
