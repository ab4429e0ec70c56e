import { describe, it, expect } from 'vitest';
import {
  effectiveEnd,
  localInstant,
  planCalendar,
  planDispute,
  planProjectSheet,
  resolveAudience,
  toPublicPlan,
  windowStart,
} from '../../domain/calendar';
import type { Agreement, MeetingSpec } from '../../domain/agreement';
import type { CalendarEntry } from '../../domain/calendar-types';
import { conventionCadre, cot, planAction } from './fixtures';

function entry(entries: CalendarEntry[], id: string): CalendarEntry {
  const e = entries.find((x) => x.id === id);
  if (!e) throw new Error(`no entry ${id} in ${entries.map((x) => x.id).join(', ')}`);
  return e;
}

const dates = (e: CalendarEntry, purpose?: string) =>
  e.reminders.filter((r) => !purpose || r.purpose === purpose).map((r) => r.date);

function withMeeting(spec: Partial<MeetingSpec>, over: Partial<Agreement> = {}): Agreement {
  return conventionCadre({
    census: undefined,
    meetings: {
      'pilot-review': {
        rrule: 'FREQ=MONTHLY;BYDAY=1TU',
        time: '10:00',
        duration: 'PT1H30M',
        attendees: ['referent', 'pilot'],
        remindBefore: ['P7D', 'P1D'],
        onNonBusinessDay: 'next',
        ...spec,
      },
    },
    ...over,
  });
}

describe('meetings (rule 2)', () => {
  it('occurrences strictly after startsOn, at time, with endsAt and resolved attendees', () => {
    const cal = planCalendar(
      withMeeting({ rrule: 'FREQ=MONTHLY;BYDAY=1TU' }, { term: { ...conventionCadre().term, startsOn: '2025-02-04' } }),
    );
    const reviews = cal.entries.filter((e) => e.type === 'pilot-review');
    expect(reviews[0]?.id).toBe('pilot-review-2025-03-04'); // 2025-02-04 = startsOn is left out
    const june = entry(cal.entries, 'pilot-review-2025-06-03');
    expect(june.at).toBe('2025-06-03T10:00:00.000+02:00');
    expect(june.endsAt).toBe('2025-06-03T11:30:00.000+02:00');
    expect(june.attendees).toEqual(['pilote-1', 'pilote-2', 'ref-cc', 'ref-cnfpt']);
    expect(june.title).toBe('Réunion de suivi avec les pilotes');
    expect(reviews.at(-1)?.id).toBe('pilot-review-2027-12-07');
  });

  it('an occurrence on the last day of the term is kept', () => {
    const cal = planCalendar(
      withMeeting(
        { rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1' },
        { term: { ...conventionCadre().term, endsOn: '2025-12-31' } },
      ),
    );
    expect(cal.entries.filter((e) => e.type === 'pilot-review').at(-1)?.date).toBe('2025-12-31');
  });

  it('moves to the next business day by default, and says why', () => {
    // 2025: 1 May (Thursday, holiday) → 2 May
    const cal = planCalendar(withMeeting({ rrule: 'FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=1' }));
    const may = entry(cal.entries, 'pilot-review-2025-05-01');
    expect(may).toMatchObject({ date: '2025-05-02', movedFrom: '2025-05-01', movedBecause: 'fête du Travail' });
    expect(may.at).toBe('2025-05-02T10:00:00.000+02:00');
    // 2026: 1 May is a Friday and a holiday → Monday 4 May
    expect(entry(cal.entries, 'pilot-review-2026-05-01').date).toBe('2026-05-04');
  });

  it('Easter Monday: next → Tuesday, previous → Friday (Thursday in Alsace-Moselle), keep → unchanged', () => {
    const rule = 'FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=21';
    expect(entry(planCalendar(withMeeting({ rrule: rule })).entries, 'pilot-review-2025-04-21').date).toBe(
      '2025-04-22',
    );
    expect(
      entry(planCalendar(withMeeting({ rrule: rule, onNonBusinessDay: 'previous' })).entries, 'pilot-review-2025-04-21')
        .date,
    ).toBe('2025-04-18');
    const alsace = planCalendar(
      withMeeting({ rrule: rule, onNonBusinessDay: 'previous' }, { holidays: 'FR-alsace-moselle' }),
    );
    expect(entry(alsace.entries, 'pilot-review-2025-04-21')).toMatchObject({
      date: '2025-04-17',
      movedBecause: 'lundi de Pâques',
    });
    const kept = entry(
      planCalendar(withMeeting({ rrule: rule, onNonBusinessDay: 'keep' })).entries,
      'pilot-review-2025-04-21',
    );
    expect(kept.date).toBe('2025-04-21');
    expect(kept.movedFrom).toBeUndefined();
  });

  it('Alsace-Moselle moves a Good Friday and a 26 December meeting', () => {
    const a = withMeeting({ rrule: 'FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=18' }, { holidays: 'FR-alsace-moselle' });
    expect(entry(planCalendar(a).entries, 'pilot-review-2025-04-18')).toMatchObject({
      date: '2025-04-22',
      movedBecause: 'Vendredi saint',
    });
    const b = withMeeting({ rrule: 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=26' }, { holidays: 'FR-alsace-moselle' });
    expect(entry(planCalendar(b).entries, 'pilot-review-2025-12-26')).toMatchObject({
      date: '2025-12-29',
      movedBecause: 'Saint-Étienne',
    });
    expect(entry(planCalendar({ ...b, holidays: 'FR' }).entries, 'pilot-review-2025-12-26').date).toBe('2025-12-26');
  });

  it('weekly meetings keep their local time across the DST changes', () => {
    const cal = planCalendar(withMeeting({ rrule: 'FREQ=WEEKLY;BYDAY=TU', remindBefore: [] }));
    expect(entry(cal.entries, 'pilot-review-2025-03-25').at).toBe('2025-03-25T10:00:00.000+01:00');
    expect(entry(cal.entries, 'pilot-review-2025-04-01').at).toBe('2025-04-01T10:00:00.000+02:00');
    expect(entry(cal.entries, 'pilot-review-2025-10-21').at).toBe('2025-10-21T10:00:00.000+02:00');
    expect(entry(cal.entries, 'pilot-review-2025-10-28').at).toBe('2025-10-28T10:00:00.000+01:00');
  });

  it('a meeting moved past the end of the term goes back instead', () => {
    // 2027-12-31 end; an occurrence on Saturday 2027-12-25 (Noël) → next would be 2027-12-27, fine;
    // end the term on Saturday 2027-12-25 itself: next business day is outside, previous is Friday 24.
    const a = withMeeting(
      { rrule: 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25' },
      { term: { ...conventionCadre().term, endsOn: '2027-12-25' } },
    );
    expect(entry(planCalendar(a).entries, 'pilot-review-2027-12-25').date).toBe('2027-12-24');
  });
});

describe('reminders (rule 3)', () => {
  it('D − d at reminders.time', () => {
    const june = entry(planCalendar(withMeeting({})).entries, 'pilot-review-2025-06-03');
    expect(june.reminders.map((r) => [r.id, r.at, r.purpose])).toEqual([
      ['pilot-review-2025-06-03/meeting/2025-05-27', '2025-05-27T09:00:00.000+02:00', 'meeting'],
      ['pilot-review-2025-06-03/meeting/2025-06-02', '2025-06-02T09:00:00.000+02:00', 'meeting'],
    ]);
    expect(june.reminders[0]?.to).toEqual(['pilote-1', 'pilote-2', 'ref-cc', 'ref-cnfpt']);
  });

  it('a reminder on a non-business day goes out on the previous business day', () => {
    // Meeting Tuesday 2025-04-22 (moved from Easter Monday): P1D → Monday 21 (holiday) → Friday 18
    const a = withMeeting({ rrule: 'FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=22', remindBefore: ['P1D', 'P3D'] });
    const e = entry(planCalendar(a).entries, 'pilot-review-2025-04-22');
    // P1D → 21 (Easter Monday) → 18; P3D → 19 (Saturday) → 18: merged into one reminder
    expect(dates(e)).toEqual(['2025-04-18']);
  });

  it('working days from the file: a service open on Saturdays is reminded on Saturday', () => {
    // Meeting Monday 2025-06-16; P2D → Saturday 14, kept with Saturday a working day, else Friday 13.
    const meeting = { rrule: 'FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=16', remindBefore: ['P2D'] };
    expect(dates(entry(planCalendar(withMeeting(meeting)).entries, 'pilot-review-2025-06-16'))).toEqual(['2025-06-13']);
    const saturdays = withMeeting(meeting, { workdays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA'] });
    expect(dates(entry(planCalendar(saturdays).entries, 'pilot-review-2025-06-16'))).toEqual(['2025-06-14']);
  });

  it('working days from the file: a meeting on a closed day moves, and the plan says which day it was', () => {
    // Tuesday-to-Thursday service: a meeting on Monday 2025-06-16 moves to Tuesday 17.
    const midWeek = withMeeting({ rrule: 'FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=16' }, { workdays: ['TU', 'WE', 'TH'] });
    const e = entry(planCalendar(midWeek).entries, 'pilot-review-2025-06-16');
    expect([e.date, e.movedFrom, e.movedBecause]).toEqual(['2025-06-17', '2025-06-16', 'lundi']);
  });

  it('a same-day or time-only reminder never comes after the meeting', () => {
    const a = withMeeting({ rrule: 'FREQ=MONTHLY;BYDAY=1TU', time: '08:00', remindBefore: ['PT2H', 'P0D'] });
    const e = entry(planCalendar(a).entries, 'pilot-review-2025-06-03');
    expect(dates(e)).toEqual(['2025-06-02']);
  });

  it('reminders before the term start are dropped', () => {
    const e = planCalendar(withMeeting({ remindBefore: ['P30D', 'P1D'] })).entries[0];
    expect(e?.id).toBe('pilot-review-2025-02-04');
    expect(dates(e as CalendarEntry)).toEqual(['2025-02-03']);
  });

  it('facts.now leaves out past reminders and past entries', () => {
    const a = withMeeting({});
    const cal = planCalendar(a, { now: '2025-06-01T12:00:00+02:00' });
    expect(cal.entries[0]?.id).toBe('pilot-review-2025-06-03');
    expect(dates(cal.entries[0] as CalendarEntry)).toEqual(['2025-06-02']);
    const exact = planCalendar(a, { now: '2025-06-02T07:00:00.000Z' }); // = 09:00 Paris: not strictly before
    expect(dates(exact.entries[0] as CalendarEntry)).toEqual(['2025-06-02']);
    expect(planCalendar(a, { now: '2028-01-01T00:00:00Z' }).entries).toEqual([]);
  });
});

describe('annual review and indicators (rule 4, art. 8)', () => {
  it('indicators due 15 days before, reminded 14 days and 1 day before the due date', () => {
    const e = entry(planCalendar(conventionCadre()).entries, 'annual-review-2025-12-09');
    expect(e.at).toBe('2025-12-09T14:00:00.000+01:00');
    expect(e.article).toBe('art. 7');
    expect(e.indicatorsDueOn).toBe('2025-11-24');
    expect(dates(e, 'indicators')).toEqual(['2025-11-10', '2025-11-21']); // 23 Nov is a Sunday → Friday 21
    expect(e.reminders.find((r) => r.purpose === 'indicators')?.to).toEqual(['rf-cc']);
    expect(dates(e, 'meeting')).toEqual(['2025-11-07', '2025-12-02']); // 9 Nov is a Sunday → Friday 7
  });

  it('an indicators due date on a weekend is extended to the next business day', () => {
    // 2026-12-08 − P15D = Sunday 2026-11-23 → Monday 24
    expect(entry(planCalendar(conventionCadre()).entries, 'annual-review-2026-12-08').indicatorsDueOn).toBe(
      '2026-11-23',
    );
    const a = conventionCadre({
      meetings: { 'annual-review': { ...conventionCadre().meetings['annual-review']!, indicatorsDueBefore: 'P16D' } },
    });
    expect(entry(planCalendar(a).entries, 'annual-review-2026-12-08').indicatorsDueOn).toBe('2026-11-23');
    const b = conventionCadre({
      meetings: { 'annual-review': { ...conventionCadre().meetings['annual-review']!, indicatorsDueBefore: 'P17D' } },
    });
    // 2026-11-21 is a Saturday → Monday 23
    expect(entry(planCalendar(b).entries, 'annual-review-2026-12-08').indicatorsDueOn).toBe('2026-11-23');
  });
});

describe('census (rule 5)', () => {
  it('opens and closes every year whose opening falls inside the term', () => {
    const cal = planCalendar(conventionCadre());
    const census = cal.entries.filter((e) => e.type.startsWith('census'));
    expect(census.map((e) => [e.id, e.date, e.censusYear])).toEqual([
      ['census-open-2025-09-01', '2025-09-01', 2025],
      ['census-deadline-2025-10-15', '2025-10-15', 2025],
      ['census-open-2026-09-01', '2026-09-01', 2026],
      ['census-deadline-2026-10-15', '2026-10-15', 2026],
      ['census-open-2027-09-01', '2027-09-01', 2027],
      ['census-deadline-2027-10-15', '2027-10-15', 2027],
    ]);
    const open = entry(cal.entries, 'census-open-2025-09-01');
    expect(open.article).toBe('art. 9');
    expect(open.reminders).toEqual([
      // Art. 9: the CNFPT organises the census; its referent is reminded to launch it.
      {
        id: 'census-open-2025-09-01/census-launch/2025-09-01',
        purpose: 'census-launch',
        at: '2025-09-01T09:00:00.000+02:00',
        date: '2025-09-01',
        to: ['ref-cnfpt'],
      },
      {
        id: 'census-open-2025-09-01/census-open/2025-09-01',
        purpose: 'census-open',
        at: '2025-09-01T09:00:00.000+02:00',
        date: '2025-09-01',
        to: ['rf-cc'],
      },
    ]);
    // Autumn 2025 feeds the programme of 2026: its label.
    expect(open).toMatchObject({ censusYear: 2025, programmeYear: 2026 });
    expect(open.title).toBe('Ouverture du recensement des demandes de formation 2026');
    // P14D → 1 Oct; P3D → Sunday 12 Oct 2025 → Friday 10
    const close = entry(cal.entries, 'census-deadline-2025-10-15');
    expect(dates(close, 'census-deadline')).toEqual(['2025-10-01', '2025-10-10']);
    // The day after the close (Thursday 16 Oct), the CNFPT referent notifies the retained projects.
    expect(close.reminders.filter((r) => r.purpose === 'census-retained')).toEqual([
      expect.objectContaining({ date: '2025-10-16', to: ['ref-cnfpt'] }),
    ]);
  });

  it('a deadline on a holiday weekend is extended: Saturday before Easter Monday → Tuesday', () => {
    const a = conventionCadre({ census: { ...conventionCadre().census!, opensOn: '03-01', closesOn: '04-19' } });
    const d = entry(planCalendar(a).entries, 'census-deadline-2025-04-19');
    expect(d).toMatchObject({ date: '2025-04-22', movedFrom: '2025-04-19', movedBecause: 'samedi' });
    expect(dates(d, 'census-deadline')).toEqual(['2025-04-08', '2025-04-18']); // P14D; P3D = Saturday 19 → Friday 18
    // Retained projects: the business day after the extended close (Tuesday 22 → Wednesday 23).
    expect(dates(d, 'census-retained')).toEqual(['2025-04-23']);
  });

  it('an opening on a weekend moves to the next business day; closesOn before opensOn is next year', () => {
    const a = conventionCadre({ census: { ...conventionCadre().census!, opensOn: '11-01', closesOn: '01-15' } });
    const cal = planCalendar(a);
    expect(entry(cal.entries, 'census-open-2025-11-01')).toMatchObject({
      date: '2025-11-03',
      movedBecause: 'Toussaint',
      censusYear: 2025,
    });
    expect(entry(cal.entries, 'census-deadline-2026-01-15')).toMatchObject({ date: '2026-01-15', censusYear: 2025 });
    // 2027's deadline would be in 2028, after the end: not planned
    expect(cal.entries.some((e) => e.id === 'census-deadline-2028-01-15')).toBe(false);
    expect(entry(cal.entries, 'census-open-2027-11-01').date).toBe('2027-11-02');
  });

  it('a year whose opening precedes the start is skipped', () => {
    const a = conventionCadre({ term: { ...conventionCadre().term, startsOn: '2025-09-02', signedOn: '2025-09-02' } });
    expect(
      planCalendar(a)
        .entries.filter((e) => e.type === 'census-open')
        .map((e) => e.censusYear),
    ).toEqual([2026, 2027]);
  });

  it('answered years lose their deadline reminders only', () => {
    const cal = planCalendar(conventionCadre(), { censusAnsweredYears: [2025] });
    // The answer is in: what is left is the CNFPT's notification of the retained projects.
    expect(entry(cal.entries, 'census-deadline-2025-10-15').reminders.map((r) => r.purpose)).toEqual([
      'census-retained',
    ]);
    expect(entry(cal.entries, 'census-open-2025-09-01').reminders).toHaveLength(2);
    expect(dates(entry(cal.entries, 'census-deadline-2026-10-15'), 'census-deadline')).toHaveLength(2);
  });

  it('project sheet: due 30 days after notification, extended, reminded, escalated', () => {
    // 2025-11-03 + P30D = Wednesday 3 Dec
    const p = planProjectSheet(conventionCadre(), { projectId: 'managers', notifiedOn: '2025-11-03' });
    expect(p.dueOn).toBe('2025-12-03');
    expect(p.dueAt).toBe('2025-12-03T23:59:00.000+01:00');
    expect(p.reminders).toEqual([
      { id: 'project-sheet-managers/2025-11-19', date: '2025-11-19', at: '2025-11-19T09:00:00.000+01:00' },
      { id: 'project-sheet-managers/2025-11-26', date: '2025-11-26', at: '2025-11-26T09:00:00.000+01:00' },
      { id: 'project-sheet-managers/2025-12-02', date: '2025-12-02', at: '2025-12-02T09:00:00.000+01:00' },
    ]);
    expect(p.escalateOn).toBe('2025-12-10');
    expect(p.escalateAt).toBe('2025-12-10T09:00:00.000+01:00');
    expect(p.to).toEqual(['cdp-1']);
    expect(p.escalateTo).toEqual(['ref-cc', 'ref-cnfpt']);
    // 2025-03-20 + P30D = Saturday 19 April → Tuesday 22 (Easter Monday 21)
    const q = planProjectSheet(conventionCadre(), { projectId: 'unknown', notifiedOn: '2025-03-20' });
    expect(q).toMatchObject({ dueOn: '2025-04-22', movedFrom: '2025-04-19', to: ['rf-cc'] });
    expect(q.reminders.map((r) => r.date)).toEqual(['2025-04-08', '2025-04-15', '2025-04-18']);
    expect(q.escalateOn).toBe('2025-04-29');
    // Reminders before the notification are dropped
    const short = planProjectSheet(
      conventionCadre({ census: { ...conventionCadre().census!, projectSheetDueAfter: 'P10D' } }),
      { projectId: 'managers', notifiedOn: '2025-11-03' },
    );
    expect(short.dueOn).toBe('2025-11-13');
    expect(short.reminders.map((r) => r.date)).toEqual(['2025-11-06', '2025-11-12']);
    expect(() => planProjectSheet(planAction(), { projectId: 'x', notifiedOn: '2024-05-01' })).toThrow(/census/);
  });
});

describe('renewal and expiry (rules 6, 7)', () => {
  it('window opens endsOn − P12M, follow-ups at −P9M and −P6M on the expiry entry', () => {
    const cal = planCalendar(conventionCadre());
    const win = entry(cal.entries, 'renewal-window-2026-12-31');
    expect(win).toMatchObject({ type: 'renewal-window', date: '2026-12-31', at: '2026-12-31T09:00:00.000+01:00' });
    expect(win.reminders.map((r) => [r.purpose, r.date, r.to])).toEqual([
      ['renewal-window', '2026-12-31', ['ref-cc', 'ref-cnfpt']],
    ]);
    const exp = entry(cal.entries, 'expiry-2027-12-31');
    expect(exp.at).toBe('2027-12-31T09:00:00.000+01:00');
    expect(exp.reminders.map((r) => [r.id, r.to])).toEqual([
      ['expiry-2027-12-31/renewal-followup/2027-03-31', ['ref-cc', 'ref-cnfpt']],
      ['expiry-2027-12-31/renewal-followup/2027-06-30', ['ref-cc', 'ref-cnfpt', 'sig-cc', 'sig-cnfpt']],
    ]);
    expect(cal.entries.at(-1)?.id).toBe('expiry-2027-12-31');
  });

  it('a window on a holiday weekend opens on the next business day; follow-ups go back to a business day', () => {
    // endsOn 2026-11-01 (Sunday, Toussaint): window 2025-11-01 (Saturday, Toussaint) → Monday 3 Nov
    const a = conventionCadre({ term: { ...conventionCadre().term, endsOn: '2026-11-01' } });
    const cal = planCalendar(a);
    expect(entry(cal.entries, 'renewal-window-2025-11-01')).toMatchObject({
      date: '2025-11-03',
      movedFrom: '2025-11-01',
      movedBecause: 'Toussaint',
    });
    // −P9M = Sunday 1 Feb → Friday 30 Jan; −P6M = Friday 1 May (holiday) → Thursday 30 April
    expect(dates(entry(cal.entries, 'expiry-2026-11-01'))).toEqual(['2026-01-30', '2026-04-30']);
  });

  it('follow-ups stop once the renewal meeting is held', () => {
    const cal = planCalendar(conventionCadre(), { renewalMeetingHeldOn: '2027-02-01' });
    expect(entry(cal.entries, 'expiry-2027-12-31').reminders).toEqual([]);
    expect(entry(cal.entries, 'renewal-window-2026-12-31').reminders).toEqual([]);
  });

  it('a short renewal window only keeps follow-ups after it opens', () => {
    const a = conventionCadre({ term: { ...conventionCadre().term, renewalMeetingWithin: 'P7M' } });
    expect(dates(entry(planCalendar(a).entries, 'expiry-2027-12-31'))).toEqual(['2027-06-30']);
  });

  it('no renewal window without renewalMeetingWithin', () => {
    const cal = planCalendar(planAction());
    expect(cal.entries.some((e) => e.type === 'renewal-window')).toBe(false);
    expect(entry(cal.entries, 'expiry-2025-04-30').reminders).toEqual([]);
  });
});

describe('notice (rule 8)', () => {
  it('takes effect givenOn + noticePeriod; nothing planned after it', () => {
    const facts = { notice: { givenOn: '2025-11-30', byParty: 'cc' } };
    expect(effectiveEnd(cot(), facts)).toBe('2026-02-28'); // 30 Nov + P3M clamps
    const cal = planCalendar(cot(), facts);
    expect(cal.effectiveEnd).toBe('2026-02-28');
    expect(cal.entries.at(-1)?.id).toBe('expiry-2026-02-28');
    expect(cal.entries.every((e) => e.date <= '2026-02-28')).toBe(true);
    expect(cal.entries.filter((e) => e.type === 'pilot-review').at(-1)?.id).toBe('pilot-review-2026-02-03');
    expect(cal.entries.some((e) => e.type === 'renewal-window')).toBe(false);
  });

  it('is clamped to endsOn', () => {
    const facts = { notice: { givenOn: '2027-11-15', byParty: 'cnfpt' } };
    expect(effectiveEnd(conventionCadre(), facts)).toBe('2027-12-31');
    expect(effectiveEnd(conventionCadre(), {})).toBe('2027-12-31');
    expect(planCalendar(conventionCadre(), facts).entries.at(-1)?.id).toBe('expiry-2027-12-31');
  });
});

describe('dispute (rule 9)', () => {
  it('amicable period to the end of D + P2M (art. 641 CPC), court from the next day, referents reminded 7 days before', () => {
    // 2025-03-21 + P2M = Wednesday 21 May 2025, last day; a court may be seized from the 22nd; −P7D = Wednesday 14 May
    expect(planDispute(conventionCadre(), '2025-03-21')).toEqual({
      notifiedOn: '2025-03-21',
      amicableEndsOn: '2025-05-21',
      courtFrom: '2025-05-22',
      reminder: { date: '2025-05-14', at: '2025-05-14T09:00:00.000+02:00', to: ['ref-cc', 'ref-cnfpt'] },
    });
    // 2025-02-29 does not exist; 2024-12-31 + P2M = Friday 2025-02-28 (clamped)
    expect(planDispute(conventionCadre(), '2024-12-31')).toMatchObject({
      amicableEndsOn: '2025-02-28',
      courtFrom: '2025-03-01',
    });
    // 2025-03-01 + P2M = Thursday 1 May (holiday) → Friday 2 May; −P7D = Friday 25 April
    expect(planDispute(conventionCadre(), '2025-03-01')).toMatchObject({
      amicableEndsOn: '2025-05-02',
      courtFrom: '2025-05-03',
      movedFrom: '2025-05-01',
      reminder: { date: '2025-04-25' },
    });
    // 2025-06-08 + P2M = Friday 8 Aug; −P7D = Friday 1 Aug
    expect(planDispute(conventionCadre(), '2025-06-08').reminder.date).toBe('2025-08-01');
  });
});

describe('one-off events', () => {
  const cal = planCalendar(planAction());
  it('dated event at reminders.time with its reminders', () => {
    const e = entry(cal.entries, 'colloque-ensosp');
    expect(e).toMatchObject({
      type: 'event',
      date: '2024-07-04',
      at: '2024-07-04T09:00:00.000+02:00',
      place: 'ENSOSP',
    });
    expect(e.reminders.map((r) => [r.id, r.to])).toEqual([
      ['colloque-ensosp/event/2024-06-04', ['ref-cc', 'ref-cnfpt']],
      ['colloque-ensosp/event/2024-06-27', ['ref-cc', 'ref-cnfpt']],
    ]);
  });
  it('start+end event is dated at start, at its own time', () => {
    const e = entry(cal.entries, 'semaine-transitions');
    expect(e).toMatchObject({ date: '2024-11-25', at: '2024-11-25T08:30:00.000+01:00' });
    expect(dates(e)).toEqual(['2024-11-18']);
  });
  it('undated event: dated at the window start, referents asked 30 days before', () => {
    const e = entry(cal.entries, 'soiree-inet');
    expect(e).toMatchObject({ undated: true, date: '2024-07-01' });
    // 2024-06-01 is a Saturday → Friday 31 May
    expect(e.reminders).toEqual([
      {
        id: 'soiree-inet/event-undated/2024-05-31',
        purpose: 'event-undated',
        at: '2024-05-31T09:00:00.000+02:00',
        date: '2024-05-31',
        to: ['ref-cc', 'ref-cnfpt'],
      },
    ]);
  });
  it('undated event whose reminder would precede the term: first business day of the term', () => {
    // Q2 2024 starts 1 April 2024 (Easter Monday), the term too: reminder Tuesday 2 April
    const e = entry(cal.entries, 'forum-h1');
    expect(dates(e)).toEqual(['2024-04-02']);
    expect(e.date).toBe('2024-04-02');
  });
  it('windowStart', () => {
    expect(windowStart('2024-H1')).toBe('2024-01-01');
    expect(windowStart('2024-H2')).toBe('2024-07-01');
    expect(windowStart('2025-Q3')).toBe('2025-07-01');
    expect(windowStart('2025-Q4')).toBe('2025-10-01');
    expect(() => windowStart('2025-S1')).toThrow();
  });
});

describe('calendar as a whole', () => {
  it('is sorted by at then id, with stable ids', () => {
    const cal = planCalendar(cot());
    const keys = cal.entries.map((e) => [Date.parse(e.at), e.id] as const);
    const sorted = [...keys].sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : 1));
    expect(keys).toEqual(sorted);
    expect(new Set(cal.entries.map((e) => e.id)).size).toBe(cal.entries.length);
    expect(cal.entries.find((e) => e.id === 'steering-committee-2025-03-01')).toMatchObject({
      date: '2025-03-03',
      movedBecause: 'samedi',
      article: 'annexe 3',
    });
  });

  it('is plain JSON', () => {
    const cal = planCalendar(cot(), { censusAnsweredYears: [2025] });
    expect(JSON.parse(JSON.stringify(cal))).toEqual(cal);
  });

  it('does not depend on the host zone', () => {
    const before = process.env.TZ;
    const reference = JSON.stringify(planCalendar(cot()));
    try {
      for (const tz of ['America/Santiago', 'Pacific/Kiritimati', 'America/Los_Angeles']) {
        process.env.TZ = tz;
        expect(JSON.stringify(planCalendar(cot()))).toBe(reference);
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('works in another zone (overseas department)', () => {
    const cal = planCalendar(conventionCadre({ timezone: 'America/Cayenne' }));
    expect(entry(cal.entries, 'annual-review-2025-12-09').at).toBe('2025-12-09T14:00:00.000-03:00');
  });

  it('resolveAudience mixes roles and ids, sorted, unique, unknown ignored', () => {
    expect(resolveAudience(conventionCadre(), ['committee', 'sig-cc', 'pilote-2', 'nobody'])).toEqual([
      'pilote-2',
      'sig-cc',
      'sig-cnfpt',
    ]);
  });

  it('localInstant is re-exported', () => {
    expect(localInstant('2025-06-03', '10:00', 'Europe/Paris')).toBe('2025-06-03T10:00:00.000+02:00');
  });
});

describe('toPublicPlan (the plan --json contract, docs/contracts.md)', () => {
  it('keeps exactly the contract keys', () => {
    const plan = toPublicPlan(planCalendar(cot()));
    expect(plan.agreement).toBe('cot-77');
    expect(plan.timezone).toBe('Europe/Paris');
    const moved = plan.events.find((e) => e.id === 'steering-committee-2025-03-01');
    expect(moved).toEqual({
      id: 'steering-committee-2025-03-01',
      type: 'steering-committee',
      date: '2025-03-03',
      at: '2025-03-03T14:30:00.000+01:00',
      movedFrom: '2025-03-01',
      article: 'annexe 3',
      reminders: [
        { at: '2025-02-17T09:00:00.000+01:00', to: ['pilote-2', 'ref-cnfpt', 'sig-cnfpt'] },
        { at: '2025-02-28T09:00:00.000+01:00', to: ['pilote-2', 'ref-cnfpt', 'sig-cnfpt'] },
      ],
    });
    const plain = plan.events.find((e) => e.id === 'pilot-review-2025-06-03');
    expect(Object.keys(plain ?? {})).toEqual(['id', 'type', 'date', 'at', 'reminders']);
    const types = new Set(plan.events.map((e) => e.type));
    expect([...types].sort()).toEqual([
      'annual-review',
      'census-deadline',
      'census-open',
      'expiry',
      'pilot-review',
      'renewal-window',
      'steering-committee',
    ]);
    const ats = plan.events.map((e) => Date.parse(e.at));
    expect(ats).toEqual([...ats].sort((x, y) => x - y));
  });
});
