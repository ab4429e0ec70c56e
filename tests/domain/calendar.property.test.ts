import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { planCalendar, toPublicPlan } from '../../domain/calendar';
import { businessCalendarOf, isBusinessDay } from '../../domain/business-days';
import { addDays } from '../../domain/durations';
import {
  WEEKDAYS,
  type Agreement,
  type HolidayCalendar,
  type MeetingSpec,
  type NonBusinessDayPolicy,
  type Weekday,
} from '../../domain/agreement';
import type { CalendarFacts } from '../../domain/calendar-types';
import { conventionCadre } from './fixtures';

const RULES = [
  'FREQ=MONTHLY;BYDAY=1TU',
  'FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH',
  'FREQ=YEARLY;BYMONTH=12;BYDAY=2TU',
  'FREQ=WEEKLY;BYDAY=MO',
  'FREQ=WEEKLY;BYDAY=SA,SU',
  'FREQ=MONTHLY;BYMONTHDAY=31',
  'FREQ=MONTHLY;BYMONTHDAY=1',
  'FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=1,8',
  'FREQ=DAILY;INTERVAL=9',
  'FREQ=MONTHLY;BYDAY=-1FR;COUNT=10',
];
const DURATIONS = ['P1D', 'P2D', 'P3D', 'P7D', 'P14D', 'P30D', 'P1M', 'PT2H', 'P0D', 'P1W'];

const time = fc
  .tuple(fc.integer({ min: 6, max: 20 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

const meeting: fc.Arbitrary<MeetingSpec> = fc.record({
  rrule: fc.constantFrom(...RULES),
  time,
  duration: fc.constantFrom('PT1H', 'PT1H30M', 'PT2H'),
  attendees: fc.subarray(['referent', 'pilot', 'committee', 'ref-cnfpt'], { minLength: 1 }),
  remindBefore: fc.subarray(DURATIONS),
  onNonBusinessDay: fc.constantFrom<NonBusinessDayPolicy>('next', 'previous', 'keep'),
});

const monthDay = fc
  .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([m, d]) => `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

const scenario = fc
  .record({
    startsOn: fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2023-01-01', n)),
    length: fc.integer({ min: 20, max: 1200 }),
    holidays: fc.constantFrom<HolidayCalendar>('FR', 'FR-alsace-moselle', 'none'),
    workdays: fc.subarray<Weekday>([...WEEKDAYS], { minLength: 1 }),
    zone: fc.constantFrom('Europe/Paris', 'America/Cayenne', 'Indian/Reunion', 'Pacific/Noumea'),
    reminderTime: time,
    meetings: fc.dictionary(
      fc.constantFrom('pilot-review', 'steering-committee', 'annual-review', 'atelier'),
      meeting,
      { maxKeys: 3 },
    ),
    indicators: fc.option(fc.constantFrom('P15D', 'P1M', 'P3D'), { nil: undefined }),
    census: fc.option(fc.record({ opensOn: monthDay, closesOn: monthDay, remindBefore: fc.subarray(DURATIONS) }), {
      nil: undefined,
    }),
    renewal: fc.option(fc.constantFrom('P12M', 'P6M', 'P10M', 'P3Y'), { nil: undefined }),
    eventOffsets: fc.array(fc.tuple(fc.integer({ min: 0, max: 1200 }), fc.subarray(DURATIONS), fc.boolean()), {
      maxLength: 3,
    }),
    windows: fc.array(
      fc.tuple(fc.integer({ min: 2023, max: 2032 }), fc.constantFrom('H1', 'H2', 'Q1', 'Q2', 'Q3', 'Q4')),
      { maxLength: 2 },
    ),
    noticeOffset: fc.option(fc.integer({ min: 0, max: 1200 }), { nil: undefined }),
    nowOffset: fc.option(fc.integer({ min: -10, max: 1300 }), { nil: undefined }),
    renewalHeld: fc.boolean(),
    answered: fc.subarray([2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031]),
  })
  .map((s) => {
    const endsOn = addDays(s.startsOn, s.length);
    const base = conventionCadre();
    const meetings = Object.fromEntries(
      Object.entries(s.meetings).map(([k, m]) => [
        k,
        k === 'annual-review' && s.indicators ? { ...m, indicatorsDueBefore: s.indicators } : m,
      ]),
    );
    const agreement: Agreement = {
      ...base,
      timezone: s.zone,
      holidays: s.holidays,
      workdays: s.workdays,
      term: { ...base.term, signedOn: s.startsOn, startsOn: s.startsOn, endsOn, renewalMeetingWithin: s.renewal },
      meetings,
      census: s.census ? { ...base.census!, ...s.census } : undefined,
      events: [
        ...s.eventOffsets
          .filter(([o]) => o <= s.length)
          .map(([o, remindBefore, withTime], i) => ({
            id: `ev-${i}`,
            title: `Évènement ${i}`,
            date: addDays(s.startsOn, o),
            attendees: ['referent'],
            remindBefore,
            ...(withTime ? { time: '18:00' } : {}),
          })),
        ...s.windows.map(([y, w], i) => ({
          id: `undated-${i}`,
          title: 'À dater',
          window: `${y}-${w}`,
          attendees: ['pilot'],
          remindBefore: [],
        })),
      ],
      reminders: { time: s.reminderTime },
    };
    const facts: CalendarFacts = {
      ...(s.noticeOffset !== undefined
        ? { notice: { givenOn: addDays(s.startsOn, s.noticeOffset), byParty: 'cc' } }
        : {}),
      ...(s.renewalHeld ? { renewalMeetingHeldOn: addDays(endsOn, -30) } : {}),
      censusAnsweredYears: s.answered,
    };
    const now = s.nowOffset === undefined ? undefined : `${addDays(s.startsOn, s.nowOffset)}T12:00:00Z`;
    return { agreement, facts, now };
  });

const RUNS = { numRuns: 150 };

describe('planner invariants (property-based)', () => {
  it('no reminder after its entry (but the notice of a closed census); reminders on business days, unique ids', () => {
    fc.assert(
      fc.property(scenario, ({ agreement, facts }) => {
        const cal = planCalendar(agreement, facts);
        const ids = new Set<string>();
        for (const e of cal.entries) {
          for (const r of e.reminders) {
            // Art. 9: once the census closed, the CNFPT referent is asked to notify the retained projects.
            if (r.purpose === 'census-retained' || r.purpose === 'meeting-followup') {
              // And the follow-up of a meeting, after it.
              expect(e.type).toBe(r.purpose === 'census-retained' ? 'census-deadline' : e.type);
              expect(Date.parse(r.at), r.id).toBeGreaterThan(Date.parse(e.at));
            } else {
              expect(Date.parse(r.at), `${r.id} after ${e.id}`).toBeLessThanOrEqual(Date.parse(e.at));
            }
            expect(isBusinessDay(r.date, businessCalendarOf(agreement)), r.id).toBe(true);
            expect(r.id.startsWith(`${e.id}/${r.purpose}/`)).toBe(true);
            expect(ids.has(r.id), r.id).toBe(false);
            ids.add(r.id);
            expect(r.to).toEqual([...new Set(r.to)].sort());
            expect(r.date >= agreement.term.startsOn).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('every entry within the term (meetings strictly after startsOn), nothing after the effective end', () => {
    fc.assert(
      fc.property(scenario, ({ agreement, facts }) => {
        const cal = planCalendar(agreement, facts);
        expect(cal.effectiveEnd <= agreement.term.endsOn).toBe(true);
        for (const e of cal.entries) {
          expect(e.date <= cal.effectiveEnd, e.id).toBe(true);
          expect(e.date >= agreement.term.startsOn, e.id).toBe(true);
          if (e.type in agreement.meetings) expect(e.date > agreement.term.startsOn, e.id).toBe(true);
          for (const r of e.reminders) expect(r.date <= cal.effectiveEnd).toBe(true);
        }
        expect(cal.entries.filter((e) => e.type === 'expiry').map((e) => e.date)).toEqual([cal.effectiveEnd]);
      }),
      RUNS,
    );
  });

  it('no meeting on a non-business day unless keep; census and renewal dates are business days', () => {
    fc.assert(
      fc.property(scenario, ({ agreement, facts }) => {
        for (const e of planCalendar(agreement, facts).entries) {
          const spec = agreement.meetings[e.type];
          if (spec && spec.onNonBusinessDay !== 'keep')
            expect(isBusinessDay(e.date, businessCalendarOf(agreement)), e.id).toBe(true);
          if (['census-open', 'census-deadline', 'renewal-window'].includes(e.type))
            expect(isBusinessDay(e.date, businessCalendarOf(agreement)), e.id).toBe(true);
          if (e.movedFrom) expect(e.movedBecause).toBeTruthy();
          if (spec) expect(e.id).toBe(`${e.type}-${e.movedFrom ?? e.date}`);
        }
      }),
      RUNS,
    );
  });

  it('is idempotent, deterministic and plain JSON', () => {
    fc.assert(
      fc.property(scenario, ({ agreement, facts }) => {
        const once = planCalendar(agreement, facts);
        const twice = planCalendar(
          JSON.parse(JSON.stringify(agreement)) as Agreement,
          JSON.parse(JSON.stringify(facts)) as CalendarFacts,
        );
        expect(twice).toEqual(once);
        expect(JSON.parse(JSON.stringify(once))).toEqual(once);
        const plan = toPublicPlan(once);
        expect(plan.events.map((e) => e.id)).toEqual(once.entries.map((e) => e.id));
      }),
      RUNS,
    );
  });

  it('facts.now only filters: the same plan without what is strictly before now', () => {
    fc.assert(
      fc.property(scenario, ({ agreement, facts, now }) => {
        if (now === undefined) return;
        const nowMs = Date.parse(now);
        const full = planCalendar(agreement, facts);
        const later = planCalendar(agreement, { ...facts, now });
        const expected = full.entries
          .filter((e) => Date.parse(e.at) >= nowMs)
          .map((e) => ({ ...e, reminders: e.reminders.filter((r) => Date.parse(r.at) >= nowMs) }));
        expect(later.entries).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('is sorted by at then id', () => {
    fc.assert(
      fc.property(scenario, ({ agreement, facts }) => {
        const entries = planCalendar(agreement, facts).entries;
        for (let i = 1; i < entries.length; i++) {
          const a = entries[i - 1]!;
          const b = entries[i]!;
          const d = Date.parse(a.at) - Date.parse(b.at);
          expect(d < 0 || (d === 0 && a.id < b.id), `${a.id} / ${b.id}`).toBe(true);
        }
      }),
      RUNS,
    );
  });
});
