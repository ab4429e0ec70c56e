import { describe, it, expect } from 'vitest';
import {
  adjustToBusinessDay,
  computeHolidays,
  holidayName,
  isBusinessDay,
  nextBusinessDay,
  nonBusinessReason,
  previousBusinessDay,
  type BusinessCalendar,
} from '../../domain/business-days';
import type { HolidayCalendar } from '../../domain/agreement';

/** Monday to Friday with the given holidays: the default working days. */
const weekdays = (holidays: HolidayCalendar): BusinessCalendar => ({
  holidays,
  workdays: ['MO', 'TU', 'WE', 'TH', 'FR'],
});

const FR_2025 = [
  ['2025-01-01', "jour de l'An"],
  ['2025-04-21', 'lundi de Pâques'],
  ['2025-05-01', 'fête du Travail'],
  ['2025-05-08', 'Victoire 1945'],
  ['2025-05-29', 'Ascension'],
  ['2025-06-09', 'lundi de Pentecôte'],
  ['2025-07-14', 'fête nationale'],
  ['2025-08-15', 'Assomption'],
  ['2025-11-01', 'Toussaint'],
  ['2025-11-11', 'Armistice 1918'],
  ['2025-12-25', 'Noël'],
];

function withTz<T>(tz: string, f: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = tz;
  try {
    return f();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

describe('holidays (rule 1)', () => {
  it('FR 2025 is exactly the list of docs/calendar-rules.md (no Pentecost Sunday, no Good Friday)', () => {
    expect([...computeHolidays(2025, 'FR').entries()].sort()).toEqual([...FR_2025].sort());
  });

  it('Easter-based dates for several years', () => {
    expect(holidayName('2024-04-01', 'FR')).toBe('lundi de Pâques');
    expect(holidayName('2024-05-09', 'FR')).toBe('Ascension');
    expect(holidayName('2024-05-20', 'FR')).toBe('lundi de Pentecôte');
    expect(holidayName('2026-04-06', 'FR')).toBe('lundi de Pâques');
    expect(holidayName('2026-05-14', 'FR')).toBe('Ascension');
    expect(holidayName('2026-05-25', 'FR')).toBe('lundi de Pentecôte');
    expect(holidayName('2027-03-29', 'FR')).toBe('lundi de Pâques');
    expect(holidayName('2025-06-08', 'FR')).toBeUndefined(); // Pentecost Sunday is not a holiday of its own
    expect(holidayName('2025-04-20', 'FR')).toBeUndefined(); // Easter Sunday: a Sunday anyway
  });

  it('Alsace-Moselle adds Good Friday and 26 December', () => {
    expect(holidayName('2025-04-18', 'FR-alsace-moselle')).toBe('Vendredi saint');
    expect(holidayName('2025-12-26', 'FR-alsace-moselle')).toBe('Saint-Étienne');
    expect(holidayName('2024-03-29', 'FR-alsace-moselle')).toBe('Vendredi saint');
    expect(holidayName('2025-04-18', 'FR')).toBeUndefined();
    expect(holidayName('2025-12-26', 'FR')).toBeUndefined();
    expect(computeHolidays(2025, 'FR-alsace-moselle').size).toBe(13);
    expect(isBusinessDay('2025-04-18', weekdays('FR'))).toBe(true);
    expect(isBusinessDay('2025-04-18', weekdays('FR-alsace-moselle'))).toBe(false);
  });

  it('none: every weekday is a business day', () => {
    expect(computeHolidays(2025, 'none').size).toBe(0);
    expect(isBusinessDay('2025-12-25', weekdays('none'))).toBe(true);
    expect(isBusinessDay('2025-12-27', weekdays('none'))).toBe(false);
  });

  it('gives the same dates whatever the host time zone (library builds local Dates, +24 h arithmetic)', () => {
    const expected = [...computeHolidays(2025, 'FR-alsace-moselle').entries()].sort();
    for (const tz of [
      'UTC',
      'Europe/Paris',
      'America/Santiago',
      'America/Sao_Paulo',
      'Asia/Beirut',
      'Pacific/Chatham',
      'America/St_Johns',
      'Australia/Lord_Howe',
    ]) {
      for (const year of [2024, 2025, 2026, 2027, 2030, 2038]) {
        const got = withTz(tz, () => computeHolidays(year, 'FR-alsace-moselle'));
        const reference = withTz('UTC', () => computeHolidays(year, 'FR-alsace-moselle'));
        expect([...got.entries()].sort(), `${tz} ${year}`).toEqual([...reference.entries()].sort());
      }
      expect([...withTz(tz, () => computeHolidays(2025, 'FR-alsace-moselle')).entries()].sort()).toEqual(expected);
      const y24 = withTz(tz, () => computeHolidays(2024, 'FR-alsace-moselle'));
      expect(y24.get('2024-04-01'), tz).toBe('lundi de Pâques');
      expect(y24.get('2024-03-29'), tz).toBe('Vendredi saint');
      const y25 = withTz(tz, () => computeHolidays(2025, 'FR-alsace-moselle'));
      expect(y25.get('2025-04-21'), tz).toBe('lundi de Pâques');
      expect(y25.get('2025-05-29'), tz).toBe('Ascension');
      expect(y25.get('2025-06-09'), tz).toBe('lundi de Pentecôte');
      expect(y25.get('2025-04-18'), tz).toBe('Vendredi saint');
    }
  });
});

describe('business days', () => {
  it('weekends and holidays are not business days, with the reason', () => {
    expect(nonBusinessReason('2025-06-07', weekdays('FR'))).toBe('samedi');
    expect(nonBusinessReason('2025-06-08', weekdays('FR'))).toBe('dimanche');
    expect(nonBusinessReason('2025-06-09', weekdays('FR'))).toBe('lundi de Pentecôte');
    expect(nonBusinessReason('2025-06-10', weekdays('FR'))).toBeUndefined();
    expect(nonBusinessReason('2025-11-01', weekdays('FR'))).toBe('Toussaint'); // a Saturday: the holiday says more
  });

  it('next and previous business days, inclusive', () => {
    expect(nextBusinessDay('2025-06-10', weekdays('FR'))).toBe('2025-06-10');
    expect(nextBusinessDay('2025-04-19', weekdays('FR'))).toBe('2025-04-22'); // Saturday before Easter Monday → Tuesday
    expect(previousBusinessDay('2025-04-21', weekdays('FR'))).toBe('2025-04-18');
    expect(previousBusinessDay('2025-04-21', weekdays('FR-alsace-moselle'))).toBe('2025-04-17');
    expect(nextBusinessDay('2025-12-25', weekdays('FR-alsace-moselle'))).toBe('2025-12-29');
    expect(nextBusinessDay('2025-12-25', weekdays('FR'))).toBe('2025-12-26');
    expect(previousBusinessDay('2026-01-01', weekdays('FR'))).toBe('2025-12-31');
    expect(nextBusinessDay('2026-05-01', weekdays('FR'))).toBe('2026-05-04');
  });

  it('adjustToBusinessDay applies the policy and says why', () => {
    expect(adjustToBusinessDay('2025-04-21', weekdays('FR'), 'next')).toEqual({
      date: '2025-04-22',
      movedFrom: '2025-04-21',
      movedBecause: 'lundi de Pâques',
    });
    expect(adjustToBusinessDay('2025-04-21', weekdays('FR'), 'previous')).toEqual({
      date: '2025-04-18',
      movedFrom: '2025-04-21',
      movedBecause: 'lundi de Pâques',
    });
    expect(adjustToBusinessDay('2025-04-21', weekdays('FR'), 'keep')).toEqual({ date: '2025-04-21' });
    expect(adjustToBusinessDay('2025-04-22', weekdays('FR'), 'next')).toEqual({ date: '2025-04-22' });
  });
});

describe('working days (workdays)', () => {
  const saturdays: BusinessCalendar = { holidays: 'FR', workdays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA'] };
  const everyDay: BusinessCalendar = { holidays: 'none', workdays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] };
  const midWeek: BusinessCalendar = { holidays: 'FR', workdays: ['TU', 'WE', 'TH'] };

  it('a service open on Saturdays: Saturday is a business day, Sunday and holidays are not', () => {
    expect(isBusinessDay('2025-06-07', saturdays)).toBe(true); // Saturday
    expect(nonBusinessReason('2025-06-08', saturdays)).toBe('dimanche');
    expect(nonBusinessReason('2025-11-01', saturdays)).toBe('Toussaint'); // a Saturday, but a holiday
    expect(previousBusinessDay('2025-06-09', saturdays)).toBe('2025-06-07'); // Whit Monday → Saturday before
  });

  it('every day and no holiday: no date ever moves', () => {
    for (const date of ['2025-06-07', '2025-06-08', '2025-12-25', '2026-01-01']) {
      expect(isBusinessDay(date, everyDay)).toBe(true);
      expect(adjustToBusinessDay(date, everyDay, 'next')).toEqual({ date });
    }
  });

  it('a day outside the working days is named as the reason', () => {
    expect(nonBusinessReason('2025-06-09', midWeek)).toBe('lundi de Pentecôte'); // holiday wins
    expect(nonBusinessReason('2025-06-16', midWeek)).toBe('lundi');
    expect(nonBusinessReason('2025-06-13', midWeek)).toBe('vendredi');
    expect(nextBusinessDay('2025-06-13', midWeek)).toBe('2025-06-17');
    expect(adjustToBusinessDay('2025-06-16', midWeek, 'previous')).toEqual({
      date: '2025-06-12',
      movedFrom: '2025-06-16',
      movedBecause: 'lundi',
    });
  });

  it('the same date under two calendars is answered for each (no shared cache entry)', () => {
    expect(isBusinessDay('2025-06-07', weekdays('FR'))).toBe(false);
    expect(isBusinessDay('2025-06-07', saturdays)).toBe(true);
    expect(isBusinessDay('2025-06-07', weekdays('FR'))).toBe(false);
  });
});
