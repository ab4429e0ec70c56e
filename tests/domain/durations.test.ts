import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DateTime, Duration } from 'luxon';
import {
  addDays,
  addDuration,
  isIsoDuration,
  isLocalDate,
  isoWeekday,
  monthDayInYear,
  subtractDuration,
} from '../../domain/durations';

describe('addDuration / subtractDuration (rule 10: month-end clamping)', () => {
  it('clamps to the end of a common February', () => {
    expect(addDuration('2025-11-30', 'P3M')).toBe('2026-02-28');
    expect(addDuration('2025-01-31', 'P1M')).toBe('2025-02-28');
  });
  it('clamps to 29 February in a leap year', () => {
    expect(addDuration('2023-11-30', 'P3M')).toBe('2024-02-29');
    expect(addDuration('2024-01-31', 'P1M')).toBe('2024-02-29');
    expect(addDuration('2024-02-29', 'P1Y')).toBe('2025-02-28');
    expect(addDuration('2024-02-29', 'P4Y')).toBe('2028-02-29');
  });
  it('clamps the 31st to 30-day months', () => {
    expect(addDuration('2025-03-31', 'P1M')).toBe('2025-04-30');
    expect(addDuration('2025-08-31', 'P1M')).toBe('2025-09-30');
    expect(subtractDuration('2025-05-31', 'P3M')).toBe('2025-02-28');
    expect(subtractDuration('2027-12-31', 'P6M')).toBe('2027-06-30');
    expect(subtractDuration('2027-12-31', 'P9M')).toBe('2027-03-31');
    expect(subtractDuration('2024-03-31', 'P1M')).toBe('2024-02-29');
  });
  it('adds days and weeks across DST and year ends', () => {
    expect(addDuration('2025-03-29', 'P1D')).toBe('2025-03-30');
    expect(addDuration('2025-03-29', 'P2D')).toBe('2025-03-31');
    expect(addDuration('2025-10-25', 'P1W')).toBe('2025-11-01');
    expect(subtractDuration('2025-01-05', 'P7D')).toBe('2024-12-29');
    expect(addDuration('2025-01-15', 'P30D')).toBe('2025-02-14');
    expect(addDuration('2025-01-15', 'P2M')).toBe('2025-03-15');
    expect(addDuration('2024-12-31', 'P2M')).toBe('2025-02-28');
  });
  it('counts time parts from midnight', () => {
    expect(subtractDuration('2025-06-03', 'PT1H')).toBe('2025-06-02');
    expect(addDuration('2025-06-03', 'PT1H')).toBe('2025-06-03');
  });
  it('rejects malformed input', () => {
    expect(() => addDuration('2025-02-30', 'P1D')).toThrow();
    expect(() => addDuration('2025-01-01', '3 months')).toThrow();
    expect(isIsoDuration('P3M')).toBe(true);
    expect(isIsoDuration('PT1H30M')).toBe(true);
    expect(isIsoDuration('3M')).toBe(false);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
  });
  it('does not depend on the host zone', () => {
    const before = process.env.TZ;
    process.env.TZ = 'Pacific/Auckland';
    try {
      expect(addDuration('2025-11-30', 'P3M')).toBe('2026-02-28');
      expect(addDays('2025-03-30', 1)).toBe('2025-03-31');
      expect(isoWeekday('2025-06-03')).toBe(2);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe('monthDayInYear', () => {
  it('places MM-DD in a year, 02-29 clamped in common years', () => {
    expect(monthDayInYear('09-01', 2025)).toBe('2025-09-01');
    expect(monthDayInYear('02-29', 2024)).toBe('2024-02-29');
    expect(monthDayInYear('02-29', 2025)).toBe('2025-02-28');
    expect(() => monthDayInYear('13-01', 2025)).toThrow();
  });
});

describe('integer fast path agrees with luxon', () => {
  it('for any date and date-only duration, both ways', () => {
    const date = fc.integer({ min: 0, max: 40_000 }).map((n) => addDays('1990-01-01', n));
    const duration = fc
      .record({ y: fc.nat(5), m: fc.nat(40), w: fc.nat(10), d: fc.nat(400) })
      .map(({ y, m, w, d }) => `P${y ? `${y}Y` : ''}${m ? `${m}M` : ''}${w ? `${w}W` : ''}${d}D`);
    fc.assert(
      fc.property(date, duration, (dt, iso) => {
        const base = DateTime.fromISO(dt, { zone: 'utc' });
        expect(addDuration(dt, iso)).toBe(base.plus(Duration.fromISO(iso)).toISODate());
        expect(subtractDuration(dt, iso)).toBe(base.minus(Duration.fromISO(iso)).toISODate());
      }),
      { numRuns: 3000 },
    );
  });
});
