/**
 * What the lifecycle's state does with recorded indicators and declined reminders, as data
 * (Terre Valserhône as written): the indicators' reminders of a recorded occurrence are no longer
 * due, the meeting's and the other occurrences' still are; both records survive continue-as-new
 * while their occurrence is ahead and are dropped once it is past and their year is over; the
 * `state` query and `pacte show` list the indicators sent. Pure.
 */
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderStateView } from '../../../client/render/state-view';
import { initialLifecycleState, type LifecycleState } from '../../../contracts/lifecycle-state';
import type { Agreement } from '../../../domain/agreement';
import { planCalendar } from '../../../domain/calendar';
import type { Calendar, CalendarEntry } from '../../../domain/calendar-types';
import { dueItems } from '../../../workflows/due-items';
import { lifecycleView } from '../../../workflows/lifecycle-view';
import { compactState } from '../../../workflows/state-compaction';
import { exampleAgreement } from '../../support/lifecycle-env';

let agreement: Agreement;
let calendar: Calendar;
let first: CalendarEntry;
let second: CalendarEntry;
let end: number;

beforeAll(async () => {
  agreement = await exampleAgreement('convention-cadre-terre-valserhone', 0);
  calendar = planCalendar(agreement);
  [first, second] = calendar.entries.filter((e) => e.type === 'annual-review') as [CalendarEntry, CalendarEntry];
  end = DateTime.fromISO(calendar.effectiveEnd, { zone: agreement.timezone }).plus({ days: 1 }).toMillis();
});

function state(overrides: Partial<LifecycleState> = {}): LifecycleState {
  return { ...initialLifecycleState({ agreement }, '2025-01-15T00:00:00+01:00'), ...overrides };
}

const ids = (s: LifecycleState, purpose: string, entry: CalendarEntry) =>
  dueItems(s, calendar, end)
    .filter((i) => i.purpose === purpose && i.subject.id === entry.id)
    .map((i) => i.reminderId);

describe('indicators recorded', () => {
  it('stop the indicators reminders of their occurrence only', () => {
    const before = state();
    expect(ids(before, 'indicators', first).length).toBeGreaterThan(0);
    const after = state({ indicators: [{ entryId: first.id, sentOn: '2025-11-05' }] });
    expect(ids(after, 'indicators', first)).toEqual([]);
    expect(ids(after, 'meeting', first)).toEqual(ids(before, 'meeting', first));
    expect(ids(after, 'indicators', second)).toEqual(ids(before, 'indicators', second));
  });

  it('are shown by the state query and by pacte show', () => {
    const s = state({ indicators: [{ entryId: first.id, sentOn: '2025-11-05', url: 'https://x.example.org/i' }] });
    const view = lifecycleView(s, calendar, Date.parse('2025-11-06T10:00:00Z'));
    expect(view.indicators).toEqual(s.indicators);
    expect(view.declinedReminders).toEqual([]);
    const text = renderStateView(view, { workflowId: `agreement-${agreement.id}`, locale: 'fr' });
    expect(text).toContain('Indicateurs envoyés');
    expect(text).toContain(`${first.id} · envoyés le mercredi 5 novembre 2025 · https://x.example.org/i`);
  });
});

describe('continue-as-new', () => {
  it('keeps the records of an occurrence still ahead, drops those of an earlier year now past', () => {
    const s = state({
      indicators: [
        { entryId: first.id, sentOn: '2025-11-05' },
        { entryId: second.id, sentOn: '2025-12-20' },
      ],
      declinedReminders: [
        { purpose: 'indicators', subjectId: first.id, personId: 'p', declaredOn: '2025-11-01' },
        { purpose: 'indicators', subjectId: second.id, personId: 'p', declaredOn: '2025-12-20' },
        { purpose: 'project-sheet', subjectId: 'sheet-2025-eau', personId: 'p', declaredOn: '2025-12-20' },
      ],
    });
    const newYear = DateTime.fromISO('2026-01-01', { zone: agreement.timezone });
    const next = compactState(s, calendar, newYear.toMillis(), newYear.toISO()!, 2026);
    expect(next.indicators).toEqual([{ entryId: second.id, sentOn: '2025-12-20' }]);
    expect(next.declinedReminders?.map((d) => d.subjectId)).toEqual([second.id, 'sheet-2025-eau']);
    // Still not due after the new run starts.
    expect(ids(next, 'indicators', second)).toEqual([]);
    // Within the same year nothing is dropped.
    const sameYear = compactState(s, calendar, newYear.toMillis(), newYear.toISO()!, 2025);
    expect(sameYear.indicators).toHaveLength(2);
    expect(sameYear.declinedReminders).toHaveLength(3);
  });
});
