import { describe, it, expect } from 'vitest';
import { DateTime } from 'luxon';
import { addDays } from '../../domain/durations';
import { expandRRule, localInstant, localInstantOf, rruleProblem } from '../../domain/recurrence';

describe('expandRRule (floating local dates)', () => {
  it('monthly on the first Tuesday, strictly after DTSTART', () => {
    expect(expandRRule('FREQ=MONTHLY;BYDAY=1TU', '2025-01-07', '2025-01-07', '2025-06-30')).toEqual([
      '2025-02-04',
      '2025-03-04',
      '2025-04-01',
      '2025-05-06',
      '2025-06-03',
    ]);
  });

  it('yearly on the second Tuesday of December', () => {
    expect(expandRRule('FREQ=YEARLY;BYMONTH=12;BYDAY=2TU', '2025-01-15', '2025-01-15', '2027-12-31')).toEqual([
      '2025-12-09',
      '2026-12-08',
      '2027-12-14',
    ]);
  });

  it('every two months (INTERVAL=2) counts from DTSTART', () => {
    expect(expandRRule('FREQ=MONTHLY;INTERVAL=2;BYDAY=3TH', '2025-01-15', '2025-01-15', '2025-12-31')).toEqual([
      '2025-01-16',
      '2025-03-20',
      '2025-05-15',
      '2025-07-17',
      '2025-09-18',
      '2025-11-20',
    ]);
  });

  it('weekly across the late-March and late-October DST changes keeps the weekday', () => {
    const spring = expandRRule('FREQ=WEEKLY;BYDAY=MO', '2025-03-20', '2025-03-20', '2025-04-08');
    expect(spring).toEqual(['2025-03-24', '2025-03-31', '2025-04-07']);
    const autumn = expandRRule('FREQ=WEEKLY;BYDAY=MO,FR', '2025-10-20', '2025-10-20', '2025-11-04');
    expect(autumn).toEqual(['2025-10-24', '2025-10-27', '2025-10-31', '2025-11-03']);
  });

  it('BYMONTHDAY=31 skips the short months', () => {
    expect(expandRRule('FREQ=MONTHLY;BYMONTHDAY=31', '2025-01-01', '2025-01-01', '2025-08-31')).toEqual([
      '2025-01-31',
      '2025-03-31',
      '2025-05-31',
      '2025-07-31',
      '2025-08-31',
    ]);
  });

  it('BYMONTHDAY=-1 gives the last day of each month, leap February included', () => {
    expect(expandRRule('FREQ=MONTHLY;BYMONTHDAY=-1', '2024-01-01', '2024-01-01', '2024-04-30')).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
    ]);
  });

  it('COUNT counts DTSTART itself (RFC 5545), which rule 2 then leaves out', () => {
    // DTSTART 2025-02-04 is a first Tuesday: it is occurrence 1 of 3.
    expect(expandRRule('FREQ=MONTHLY;BYDAY=1TU;COUNT=3', '2025-02-04', '2025-02-04', '2026-12-31')).toEqual([
      '2025-03-04',
      '2025-04-01',
    ]);
  });

  it('UNTIL is inclusive, date-only or date-time', () => {
    expect(expandRRule('FREQ=MONTHLY;BYDAY=1TU;UNTIL=20250401', '2025-01-15', '2025-01-15', '2026-12-31')).toEqual([
      '2025-02-04',
      '2025-03-04',
      '2025-04-01',
    ]);
    expect(
      expandRRule('FREQ=MONTHLY;BYDAY=1TU;UNTIL=20250401T235959Z', '2025-01-15', '2025-01-15', '2026-12-31'),
    ).toEqual(['2025-02-04', '2025-03-04', '2025-04-01']);
  });

  it('ignores surrounding blanks', () => {
    expect(expandRRule(' FREQ=DAILY\n', '2025-01-01', '2025-01-01', '2025-01-02')).toEqual(['2025-01-02']);
  });

  it('includes an occurrence on the last day, excludes the first', () => {
    expect(expandRRule('FREQ=DAILY', '2025-01-01', '2025-01-01', '2025-01-03')).toEqual(['2025-01-02', '2025-01-03']);
  });

  it('plain FREQ=MONTHLY repeats the day of DTSTART (and skips months without it)', () => {
    expect(expandRRule('FREQ=MONTHLY', '2025-01-31', '2025-01-31', '2025-05-31')).toEqual(['2025-03-31', '2025-05-31']);
  });

  it('a yearly rule on 29 February only hits leap years', () => {
    expect(expandRRule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', '2023-01-01', '2023-01-01', '2028-12-31')).toEqual([
      '2024-02-29',
      '2028-02-29',
    ]);
  });

  it('does not depend on the host time zone', () => {
    const before = process.env.TZ;
    try {
      const results = ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Europe/Paris'].map((tz) => {
        process.env.TZ = tz;
        return expandRRule('FREQ=WEEKLY;BYDAY=SU', '2025-03-01', '2025-03-01', '2025-04-06');
      });
      for (const r of results)
        expect(r).toEqual(['2025-03-02', '2025-03-09', '2025-03-16', '2025-03-23', '2025-03-30', '2025-04-06']);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe('rruleProblem', () => {
  it('accepts usual rules', () => {
    expect(rruleProblem('FREQ=MONTHLY;BYDAY=1TU')).toBeUndefined();
    expect(rruleProblem('FREQ=YEARLY;BYMONTH=12;BYDAY=2TU')).toBeUndefined();
  });
  it('rejects garbage, sub-daily rules and prefixes', () => {
    expect(rruleProblem('every tuesday')).toBeDefined();
    expect(rruleProblem('FREQ=HOURLY')).toMatch(/daily/);
    expect(rruleProblem('RRULE:FREQ=DAILY')).toBeDefined();
    expect(rruleProblem('FREQ=DAILY;TZID=Europe/Paris')).toBeDefined();
  });
});

describe('localInstant', () => {
  it('gives the zone offset, summer and winter', () => {
    expect(localInstant('2025-06-03', '10:00', 'Europe/Paris')).toBe('2025-06-03T10:00:00.000+02:00');
    expect(localInstant('2025-12-09', '14:00', 'Europe/Paris')).toBe('2025-12-09T14:00:00.000+01:00');
    expect(localInstant('2025-03-30', '09:00', 'Europe/Paris')).toBe('2025-03-30T09:00:00.000+02:00');
    expect(localInstant('2025-10-26', '09:00', 'Europe/Paris')).toBe('2025-10-26T09:00:00.000+01:00');
    expect(localInstant('2025-06-03', '10:00', 'America/Cayenne')).toBe('2025-06-03T10:00:00.000-03:00');
  });
  it('does not depend on the host zone', () => {
    const before = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    try {
      expect(localInstant('2025-06-03', '10:00', 'Europe/Paris')).toBe('2025-06-03T10:00:00.000+02:00');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe('localInstantOf fast path agrees with luxon', () => {
  it('on every day of several years, DST days included, in zones with odd rules', () => {
    const zones = [
      'Europe/Paris',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'UTC',
      'Europe/London',
      'America/Havana',
      'Pacific/Apia',
      'America/Cayenne',
      'Indian/Reunion',
      'Pacific/Chatham',
    ];
    const times = ['00:00', '00:30', '01:59', '02:00', '02:30', '03:00', '09:00', '14:30', '23:00', '23:59'];
    for (const zone of zones) {
      for (let d = addDays('2024-01-01', 0); d < '2026-01-01'; d = addDays(d, 1)) {
        for (const time of times) {
          const expected = DateTime.fromISO(`${d}T${time}`, { zone });
          const got = localInstantOf(d, time, zone);
          if (got.iso !== expected.toISO() || got.ms !== expected.toMillis()) {
            expect({ zone, d, time, got }).toEqual({
              zone,
              d,
              time,
              got: { iso: expected.toISO(), ms: expected.toMillis() },
            });
          }
        }
      }
    }
  }, 120_000);
});
