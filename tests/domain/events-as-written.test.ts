/**
 * Calendar rule 11, events as written: a date without a time is all day, a multi-day event keeps
 * its end, an undated event keeps its window (docs/calendar-rules.md#rule-11-events). The
 * reminders' instants are pinned: these fields describe the events, they move no reminder.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Agreement, EventSpec } from '../../domain/agreement';
import { planCalendar, toPublicPlan } from '../../domain/calendar';
import type { CalendarEntry } from '../../domain/calendar-types';
import { parseWindow, windowPhrase, windowRange, windowStart } from '../../domain/event-window';
import { parseAgreement } from '../../domain/parse-agreement';
import { planAction } from './fixtures';

function entry(entries: CalendarEntry[], id: string): CalendarEntry {
  const e = entries.find((x) => x.id === id);
  if (!e) throw new Error(`no entry ${id} in ${entries.map((x) => x.id).join(', ')}`);
  return e;
}

const instants = (e: CalendarEntry) => e.reminders.map((r) => [r.purpose, r.at, r.to]);

function event(over: Partial<EventSpec> & { id: string }): EventSpec {
  return { title: over.id, attendees: ['referent'], remindBefore: ['P30D', 'P7D'], ...over };
}

/** The Vaucluse-like plan (term 2024-04-01 – 2025-04-30) with these events only. */
function withEvents(...events: EventSpec[]): Agreement {
  return planAction({ events });
}

const REFERENTS = ['ref-cc', 'ref-cnfpt'];

describe('a date without a time is all day', () => {
  const cal = planCalendar(
    withEvents(
      event({ id: 'colloque-ensosp', date: '2024-07-04', place: 'ENSOSP' }),
      event({ id: 'conference', date: '2024-07-04', time: '14:00' }),
    ),
  );

  it('carries allDay; `at` is the date at reminders.time, only to sort it', () => {
    expect(entry(cal.entries, 'colloque-ensosp')).toMatchObject({
      date: '2024-07-04',
      at: '2024-07-04T09:00:00.000+02:00',
      allDay: true,
    });
    expect(entry(cal.entries, 'colloque-ensosp').end).toBeUndefined();
  });

  it('an event with a time is not all day', () => {
    const e = entry(cal.entries, 'conference');
    expect(e.allDay).toBeUndefined();
    expect(e.at).toBe('2024-07-04T14:00:00.000+02:00');
  });

  it('reminders keep their own time (reminders.time) on their own days', () => {
    // 4 July − 30 days = Tuesday 4 June; − 7 days = Thursday 27 June.
    expect(instants(entry(cal.entries, 'colloque-ensosp'))).toEqual([
      ['event', '2024-06-04T09:00:00.000+02:00', REFERENTS],
      ['event', '2024-06-27T09:00:00.000+02:00', REFERENTS],
    ]);
    const other = planCalendar(
      planAction({ events: [event({ id: 'colloque-ensosp', date: '2024-07-04' })], reminders: { time: '08:15' } }),
    );
    expect(entry(other.entries, 'colloque-ensosp')).toMatchObject({
      at: '2024-07-04T08:15:00.000+02:00',
      allDay: true,
    });
    expect(instants(entry(other.entries, 'colloque-ensosp')).map((r) => r[1])).toEqual([
      '2024-06-04T08:15:00.000+02:00',
      '2024-06-27T08:15:00.000+02:00',
    ]);
  });
});

describe('a multi-day event keeps its start and end', () => {
  const cal = planCalendar(
    withEvents(
      event({ id: 'semaine-transitions', start: '2024-11-25', end: '2024-11-29' }),
      event({ id: 'seminaire', start: '2024-10-10', end: '2024-10-11', time: '08:30', remindBefore: ['P7D'] }),
      event({ id: 'un-jour', start: '2024-09-12', end: '2024-09-12' }),
    ),
  );

  it('on its first day, with `end` the last day (inclusive), all day without a time', () => {
    expect(entry(cal.entries, 'semaine-transitions')).toMatchObject({
      date: '2024-11-25',
      end: '2024-11-29',
      at: '2024-11-25T09:00:00.000+01:00',
      allDay: true,
    });
    // 25 Nov − 30 days = Saturday 26 Oct → Friday 25 Oct; − 7 days = Monday 18 Nov.
    expect(instants(entry(cal.entries, 'semaine-transitions'))).toEqual([
      ['event', '2024-10-25T09:00:00.000+02:00', REFERENTS],
      ['event', '2024-11-18T09:00:00.000+01:00', REFERENTS],
    ]);
  });

  it('with a time: starts at that time on the first day, keeps its end, not all day', () => {
    const e = entry(cal.entries, 'seminaire');
    expect(e).toMatchObject({ date: '2024-10-10', end: '2024-10-11', at: '2024-10-10T08:30:00.000+02:00' });
    expect(e.allDay).toBeUndefined();
    expect(instants(e)).toEqual([['event', '2024-10-03T09:00:00.000+02:00', REFERENTS]]);
  });

  it('start = end is a one-day event: no `end`', () => {
    const e = entry(cal.entries, 'un-jour');
    expect(e).toMatchObject({ date: '2024-09-12', allDay: true });
    expect(e.end).toBeUndefined();
  });
});

describe('an undated event keeps its window', () => {
  const cal = planCalendar(
    withEvents(
      event({ id: 'soiree-inet', window: '2024-H2', remindBefore: [] }),
      event({ id: 'forum-q3', window: '2024-Q3' }),
      event({ id: 'atelier-septembre', window: '2024-09' }),
      event({ id: 'forum-q2', window: '2024-Q2' }),
    ),
  );

  it('half-year: window kept, placeholder date at the window start, the referents asked to fix the date', () => {
    const e = entry(cal.entries, 'soiree-inet');
    expect(e).toMatchObject({
      undated: true,
      window: '2024-H2',
      date: '2024-07-01',
      at: '2024-07-01T09:00:00.000+02:00',
    });
    expect(e.allDay).toBeUndefined();
    expect(e.end).toBeUndefined();
    // 1 July − 30 days = Saturday 1 June → Friday 31 May.
    expect(e.reminders).toEqual([
      {
        id: 'soiree-inet/event-undated/2024-05-31',
        purpose: 'event-undated',
        at: '2024-05-31T09:00:00.000+02:00',
        date: '2024-05-31',
        to: REFERENTS,
      },
    ]);
  });

  it('quarter and month: same rule, one `event-undated` reminder each', () => {
    // Q3 opens 1 July, like H2.
    expect(entry(cal.entries, 'forum-q3')).toMatchObject({ window: '2024-Q3', date: '2024-07-01' });
    expect(instants(entry(cal.entries, 'forum-q3'))).toEqual([
      ['event-undated', '2024-05-31T09:00:00.000+02:00', REFERENTS],
    ]);
    // September 2024: 1 Sept − 30 days = Friday 2 August.
    expect(entry(cal.entries, 'atelier-septembre')).toMatchObject({
      undated: true,
      window: '2024-09',
      date: '2024-09-01',
      at: '2024-09-01T09:00:00.000+02:00',
    });
    expect(instants(entry(cal.entries, 'atelier-septembre'))).toEqual([
      ['event-undated', '2024-08-02T09:00:00.000+02:00', REFERENTS],
    ]);
  });

  it('a window opening with the term: placeholder on the reminder day (first business day of the term)', () => {
    // 1 April 2024 is Easter Monday: Tuesday 2 April.
    expect(entry(cal.entries, 'forum-q2')).toMatchObject({ window: '2024-Q2', date: '2024-04-02' });
    expect(instants(entry(cal.entries, 'forum-q2'))).toEqual([
      ['event-undated', '2024-04-02T09:00:00.000+02:00', REFERENTS],
    ]);
  });

  it('sorts at its placeholder, by `at` then id, like every entry', () => {
    const ids = cal.entries.filter((e) => e.type === 'event').map((e) => e.id);
    expect(ids).toEqual(['forum-q2', 'forum-q3', 'soiree-inet', 'atelier-septembre']);
    const ats = cal.entries.map((e) => Date.parse(e.at));
    expect(ats).toEqual([...ats].sort((a, b) => a - b));
  });
});

describe('plan --json gains allDay, end and window, existing fields unchanged', () => {
  it('projects them onto the contract, only where they apply', () => {
    const plan = toPublicPlan(
      planCalendar(
        withEvents(
          event({ id: 'colloque', date: '2024-07-04' }),
          event({ id: 'conference', date: '2024-07-05', time: '14:00', remindBefore: [] }),
          event({ id: 'semaine', start: '2024-11-25', end: '2024-11-29', remindBefore: [] }),
          event({ id: 'soiree', window: '2024-H2' }),
        ),
      ),
    );
    const byId = new Map(plan.events.map((e) => [e.id, e]));
    expect(byId.get('colloque')).toEqual({
      id: 'colloque',
      type: 'event',
      date: '2024-07-04',
      at: '2024-07-04T09:00:00.000+02:00',
      allDay: true,
      reminders: [
        { at: '2024-06-04T09:00:00.000+02:00', to: REFERENTS },
        { at: '2024-06-27T09:00:00.000+02:00', to: REFERENTS },
      ],
    });
    expect(byId.get('conference')).toEqual({
      id: 'conference',
      type: 'event',
      date: '2024-07-05',
      at: '2024-07-05T14:00:00.000+02:00',
      reminders: [],
    });
    expect(byId.get('semaine')).toEqual({
      id: 'semaine',
      type: 'event',
      date: '2024-11-25',
      at: '2024-11-25T09:00:00.000+01:00',
      allDay: true,
      end: '2024-11-29',
      reminders: [],
    });
    expect(byId.get('soiree')).toEqual({
      id: 'soiree',
      type: 'event',
      date: '2024-07-01',
      at: '2024-07-01T09:00:00.000+02:00',
      window: '2024-H2',
      reminders: [{ at: '2024-05-31T09:00:00.000+02:00', to: REFERENTS }],
    });
  });
});

describe('the Vaucluse example file', () => {
  const file = fileURLToPath(new URL('../../examples/agreements/plan-action-vaucluse.yaml', import.meta.url));
  const parsed = parseAgreement(YAML.parse(readFileSync(file, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const cal = planCalendar(parsed.agreement);
  const events = cal.entries.filter((e) => e.type === 'event');
  const karineAstrid = ['ref-cnfpt', 'ref-sndgct'];

  it('every dated event of the plan is all day, the week keeps its end, the INET evening its window', () => {
    expect(
      events.map((e) => ({
        id: e.id,
        date: e.date,
        ...(e.allDay ? { allDay: true } : {}),
        ...(e.end ? { end: e.end } : {}),
        ...(e.window ? { window: e.window } : {}),
      })),
    ).toEqual([
      { id: 'congres-regional', date: '2024-06-28', allDay: true },
      { id: 'soiree-inet', date: '2024-07-01', window: '2024-H2' },
      { id: 'colloque-ensosp', date: '2024-07-04', allDay: true },
      { id: 'semaine-transitions', date: '2024-11-25', allDay: true, end: '2024-11-29' },
      { id: 'journee-transitions-sorgues', date: '2024-11-28', allDay: true },
    ]);
  });

  it("the reminders' instants (all at 9 h 00, reminders.time, on their own days)", () => {
    expect(Object.fromEntries(events.map((e) => [e.id, instants(e)]))).toEqual({
      'congres-regional': [
        ['event', '2024-05-29T09:00:00.000+02:00', karineAstrid],
        ['event', '2024-06-21T09:00:00.000+02:00', karineAstrid],
      ],
      'soiree-inet': [['event-undated', '2024-05-31T09:00:00.000+02:00', karineAstrid]],
      'colloque-ensosp': [
        ['event', '2024-06-04T09:00:00.000+02:00', ['antenne-cnfpt', ...karineAstrid]],
        ['event', '2024-06-27T09:00:00.000+02:00', ['antenne-cnfpt', ...karineAstrid]],
      ],
      'semaine-transitions': [
        ['event', '2024-10-25T09:00:00.000+02:00', karineAstrid],
        ['event', '2024-11-18T09:00:00.000+01:00', karineAstrid],
      ],
      'journee-transitions-sorgues': [
        ['event', '2024-10-29T09:00:00.000+01:00', karineAstrid],
        ['event', '2024-11-21T09:00:00.000+01:00', karineAstrid],
      ],
    });
  });
});

describe('event windows', () => {
  it('parse, range and start of a half-year, a quarter, a month', () => {
    expect(parseWindow('2024-H2')).toEqual({ year: 2024, unit: 'half', n: 2 });
    expect(parseWindow('2024-Q3')).toEqual({ year: 2024, unit: 'quarter', n: 3 });
    expect(parseWindow('2024-09')).toEqual({ year: 2024, unit: 'month', n: 9 });
    for (const bad of ['2024-13', '2024-00', '2024-9', '2024-H3', '2024-Q0', '2024-S1', '24-H1'])
      expect(parseWindow(bad)).toBeUndefined();
    expect(windowRange('2024-H1')).toEqual(['2024-01-01', '2024-06-30']);
    expect(windowRange('2024-H2')).toEqual(['2024-07-01', '2024-12-31']);
    expect(windowRange('2025-Q1')).toEqual(['2025-01-01', '2025-03-31']);
    expect(windowRange('2024-Q3')).toEqual(['2024-07-01', '2024-09-30']);
    expect(windowRange('2024-02')).toEqual(['2024-02-01', '2024-02-29']);
    expect(windowRange('2025-02')).toEqual(['2025-02-01', '2025-02-28']);
    expect(windowStart('2024-09')).toBe('2024-09-01');
    expect(() => windowStart('2024-13')).toThrow(/not a window/);
  });

  it('said as a complement of time, in French and English', () => {
    expect(windowPhrase('2024-H2', 'fr')).toBe('au second semestre 2024');
    expect(windowPhrase('2025-H1', 'fr')).toBe('au premier semestre 2025');
    expect(windowPhrase('2024-Q3', 'fr')).toBe('au troisième trimestre 2024');
    expect(windowPhrase('2024-Q1', 'fr')).toBe('au premier trimestre 2024');
    expect(windowPhrase('2024-09', 'fr')).toBe('en septembre 2024');
    expect(windowPhrase('2024-08', 'fr')).toBe('en août 2024');
    expect(windowPhrase('2024-H2', 'en')).toBe('in the second half of 2024');
    expect(windowPhrase('2024-Q3', 'en')).toBe('in the third quarter of 2024');
    expect(windowPhrase('2024-09', 'en')).toBe('in September 2024');
  });
});

describe('allDay describes the event, it moves nothing (property)', () => {
  it('an event without a time plans exactly like the same event at reminders.time, allDay aside', () => {
    const day = fc.integer({ min: 0, max: 394 }).map((n) => {
      const d = new Date(Date.UTC(2024, 3, 1 + n));
      return d.toISOString().slice(0, 10);
    });
    const spec = fc.record({
      first: day,
      length: fc.integer({ min: 0, max: 6 }),
      remindBefore: fc.subarray(['P30D', 'P14D', 'P7D', 'P1D', 'PT2H', 'PT12H'] as const, { minLength: 0 }),
      attendees: fc.constantFrom(['referent'], ['pilot'], ['training-contact']),
    });
    fc.assert(
      fc.property(spec, (s) => {
        const last = new Date(Date.parse(`${s.first}T00:00:00Z`) + s.length * 86_400_000).toISOString().slice(0, 10);
        if (last > '2025-04-30') return;
        const base: EventSpec =
          s.length === 0
            ? event({ id: 'e', date: s.first, remindBefore: [...s.remindBefore], attendees: [...s.attendees] })
            : event({
                id: 'e',
                start: s.first,
                end: last,
                remindBefore: [...s.remindBefore],
                attendees: [...s.attendees],
              });
        const allDay = entry(planCalendar(withEvents(base)).entries, 'e');
        const timed = entry(planCalendar(withEvents({ ...base, time: '09:00' })).entries, 'e');
        expect(allDay.allDay).toBe(true);
        expect(timed.allDay).toBeUndefined();
        const { allDay: _a, ...rest } = allDay;
        expect(rest).toEqual(timed);
        expect(allDay.end).toBe(s.length === 0 ? undefined : last);
      }),
      { numRuns: 300 },
    );
  });
});
