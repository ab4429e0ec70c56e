/**
 * « Me le rappeler dans 3 jours » over the due items (workflows/snoozes.ts, due-items.ts) and at
 * continue-as-new (state-compaction.ts): the person is left out of the thread's reminders in
 * the window, the last one before the deadline stays, one reminder comes back at the end (once),
 * other people and other threads are untouched, and a snooze over is compacted without the
 * reminders it left out coming back.
 */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { initialLifecycleState, type LifecycleState, type SheetRecord } from '../../../contracts/lifecycle-state';
import { planCalendar } from '../../../domain/calendar';
import { snoozeUntil } from '../../../domain/reminder-thread';
import { deliveredKey, dueItems, type DueItem } from '../../../workflows/due-items';
import { applySnoozes, snoozedKey } from '../../../workflows/snoozes';
import { compactState } from '../../../workflows/state-compaction';
import { conventionCadre } from '../../domain/fixtures';

const ZONE = 'Europe/Paris';
const at = (day: string) => DateTime.fromISO(`${day}T09:00`, { zone: ZONE }).toISO()!;

/** A census thread for two referents: reminders on the 1st, 3rd, 5th, 9th and 12th. */
function census(days = ['2026-03-01', '2026-03-03', '2026-03-05', '2026-03-09', '2026-03-12']): DueItem[] {
  return days.map((day, i) => ({
    key: `census-r${i}`,
    reminderId: `census-r${i}`,
    purpose: i === 0 ? 'census-open' : 'census-deadline',
    at: at(day),
    day,
    to: ['anne', 'paul'],
    subject: {
      id: 'census-2026',
      type: 'census-deadline',
      title: 'Recensement',
      date: '2026-03-13',
      at: at('2026-03-13'),
    },
    details: { censusYear: 2026, dueOn: '2026-03-13' },
  }));
}
const meeting: DueItem = {
  key: 'cot/meeting/#0',
  reminderId: 'm1',
  purpose: 'meeting',
  at: at('2026-03-03'),
  day: '2026-03-03',
  to: ['anne'],
  subject: { id: 'cot-2026-03-04', type: 'cot', title: 'COT', date: '2026-03-04', at: at('2026-03-04') },
};
const snooze = (from: string, days: number) => ({
  thread: 'census/2026',
  personId: 'anne',
  at: from,
  until: snoozeUntil(Date.parse(from), days, ZONE),
  keep: 'census-r4',
});
const never = () => false;
const forAnne = (items: DueItem[]) => items.filter((i) => i.to.includes('anne')).map((i) => `${i.day} ${i.key}`);

describe('a snooze over the due items', () => {
  it('leaves the person out of the window, brings the thread back at its end, once', () => {
    const s = snooze('2026-03-01T10:00:00+01:00', 3); // until 4 March 10:00
    const { items, suppressed } = applySnoozes([...census(), meeting], [s], never);
    expect(forAnne(items).sort()).toEqual([
      '2026-03-01 census-r0', // before the snooze (due, not sent yet): untouched
      '2026-03-03 cot/meeting/#0', // another thread: untouched
      '2026-03-04 census/2026/snoozed/anne/2026-03-04',
      '2026-03-05 census-r2',
      '2026-03-09 census-r3',
      '2026-03-12 census-r4',
    ]);
    // The 3 March reminder is left out.
    expect(suppressed).toEqual([{ key: 'census-r1', personId: 'anne', snooze: 0 }]);
    const extra = items.find((i) => i.key === snoozedKey(s))!;
    expect(extra).toMatchObject({ at: s.until, day: '2026-03-04', to: ['anne'], purpose: 'census-deadline' });
    expect(extra.reminderId).toBe(extra.key);
    // The other referent still gets every reminder.
    expect(items.filter((i) => i.to.includes('paul'))).toHaveLength(5);
    // Delivered: not made again.
    const after = applySnoozes(census(), [s], (key, person) => key === snoozedKey(s) && person === 'anne');
    expect(after.items.some((i) => i.key === snoozedKey(s))).toBe(false);
  });

  it('keeps the last reminder before the deadline even inside the window, and adds none after it', () => {
    const s = snooze('2026-03-08T10:00:00+01:00', 7); // until 15 March, past the last reminder
    const { items, suppressed } = applySnoozes(census().slice(1), [s], never);
    expect(forAnne(items)).toEqual(['2026-03-03 census-r1', '2026-03-05 census-r2', '2026-03-12 census-r4']);
    expect(suppressed.map((x) => x.key)).toEqual(['census-r3']);
  });

  it('once the last reminder is delivered, one left out stays left out (it does not become the last)', () => {
    const s = snooze('2026-03-02T09:00:00+01:00', 3);
    const allButLast = census().slice(0, 4); // census-r4 delivered: no longer due
    expect(forAnne(applySnoozes(allButLast, [s], never).items)).toEqual([
      '2026-03-01 census-r0',
      '2026-03-05 census-r2',
      '2026-03-09 census-r3',
    ]);
    const onlyLeftOut = census().slice(1, 2);
    expect(forAnne(applySnoozes(onlyLeftOut, [s], never).items)).toEqual([]);
  });

  it('adds no reminder at the end when the thread already has one that day', () => {
    const s = snooze('2026-03-02T09:00:00+01:00', 3); // until 5 March 09:00, a reminder is due then
    const { items } = applySnoozes(census(), [s], never);
    expect(forAnne(items)).toEqual([
      '2026-03-01 census-r0',
      '2026-03-05 census-r2',
      '2026-03-09 census-r3',
      '2026-03-12 census-r4',
    ]);
  });

  it('with nothing left of the thread (census answered), adds nothing', () => {
    const s = snooze('2026-03-02T09:00:00+01:00', 3);
    expect(applySnoozes([meeting], [s], never)).toEqual({ items: [meeting], suppressed: [] });
  });
});

describe('a snooze at continue-as-new', () => {
  const agreement = conventionCadre({ timezone: ZONE });
  const calendar = planCalendar(agreement);
  const END = Number.POSITIVE_INFINITY;
  const lead = agreement.people[0]!.id;
  const sheet: SheetRecord = {
    projectId: 'mobilite',
    title: 'Mobilité douce',
    censusYear: 2026,
    leads: [lead],
    notifiedOn: '2026-12-01',
    dueOn: '2027-01-20',
    dueAt: at('2027-01-20'),
    escalateAt: at('2027-01-27'),
    reminders: ['2026-12-28', '2026-12-31', '2027-01-04', '2027-01-13', '2027-01-19'].map((d, i) => ({
      id: `s${i}`,
      date: d,
      at: at(d),
    })),
  };
  const keep = 'sheet-2026-mobilite/project-sheet/2027-01-19';
  const base: LifecycleState = { ...initialLifecycleState({ agreement }, at('2026-12-01')), sheets: [sheet] };
  const sheetFor = (state: LifecycleState) =>
    dueItems(state, calendar, END)
      .filter((i) => i.purpose === 'project-sheet' && i.to.includes(lead))
      .map((i) => i.day);
  /** Delivers everything due by `nowMs`, as the main loop does before continuing as new. */
  const deliverUntil = (state: LifecycleState, nowMs: number): LifecycleState => ({
    ...state,
    deliveredKeys: [
      ...state.deliveredKeys,
      ...dueItems(state, calendar, END)
        .filter((i) => Date.parse(i.at) <= nowMs)
        .flatMap((i) => i.to.map((p) => deliveredKey(i.key, p))),
    ],
  });
  const newYear = DateTime.fromISO('2027-01-01T00:00', { zone: ZONE });
  const compact = (state: LifecycleState) =>
    compactState(deliverUntil(state, newYear.toMillis()), calendar, newYear.toMillis(), newYear.toISO()!, 2027);

  it('keeps a snooze still running across the new year: the same reminders ahead', () => {
    const running = { ...snooze('2026-12-30T10:00:00+01:00', 7), thread: 'sheet/2026/mobilite', personId: lead, keep };
    const state = { ...base, snoozes: [running] };
    expect(sheetFor(state)).toEqual(['2026-12-28', '2027-01-06', '2027-01-13', '2027-01-19']);
    const next = compact(state);
    expect(next.snoozes).toEqual([running]);
    expect(sheetFor(next)).toEqual(['2027-01-06', '2027-01-13', '2027-01-19']);
  });

  it('drops a snooze over, and what it left out does not come back late', () => {
    const over = { ...snooze('2026-12-27T10:00:00+01:00', 3), thread: 'sheet/2026/mobilite', personId: lead, keep };
    const state = { ...base, snoozes: [over] };
    // Left out: 28 December; back on the 30th; the 31st as planned.
    expect(sheetFor(state)).toEqual(['2026-12-30', '2026-12-31', '2027-01-04', '2027-01-13', '2027-01-19']);
    const next = compact(state);
    expect(next.snoozes).toEqual([]);
    expect(sheetFor(next)).toEqual(['2027-01-04', '2027-01-13', '2027-01-19']);
    expect(next.deliveredKeys.some((k) => k.includes('/snoozed/'))).toBe(false);
    // Without the compaction's care, the dropped snooze would have brought 28 December back.
    const careless = { ...deliverUntil(state, newYear.toMillis()), snoozes: [] };
    expect(sheetFor(careless)).toContain('2026-12-28');
  });
});
