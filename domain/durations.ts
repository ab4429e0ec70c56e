/**
 * ISO 8601 durations and local-date arithmetic (DOMAIN.md §5 rule 10).
 *
 * Dates are plain `YYYY-MM-DD` strings. Arithmetic runs in luxon on UTC date-times used as
 * *floating* local dates, so neither the host zone nor a DST change can shift a day. luxon clamps
 * month arithmetic to the end of the month (2025-11-30 + P3M = 2026-02-28), which is exactly
 * rule 10. Pure and deterministic: safe in Temporal workflow code.
 *
 * @module
 */
import { DateTime, Duration } from 'luxon';
import type { IsoDuration, LocalDate } from './agreement';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses an ISO 8601 duration; throws on anything luxon does not accept. */
export function parseDuration(iso: IsoDuration): Duration {
  const d = Duration.fromISO(iso);
  if (!d.isValid) throw new Error(`not an ISO 8601 duration: ${iso}`);
  return d;
}

/** True when `iso` is a valid ISO 8601 duration. */
export function isIsoDuration(iso: string): boolean {
  return Duration.fromISO(iso).isValid;
}

/** A local date as a floating (UTC) luxon date-time at midnight; throws on a malformed date. */
export function floating(date: LocalDate): DateTime {
  if (!DATE_RE.test(date)) throw new Error(`not a local date YYYY-MM-DD: ${date}`);
  const dt = DateTime.fromISO(date, { zone: 'utc' });
  if (!dt.isValid) throw new Error(`not a local date YYYY-MM-DD: ${date}`);
  return dt;
}

/** True when `date` is a real calendar date written `YYYY-MM-DD`. */
export function isLocalDate(date: string): boolean {
  return DATE_RE.test(date) && DateTime.fromISO(date, { zone: 'utc' }).isValid;
}

function toDate(dt: DateTime): LocalDate {
  return dt.toISODate() as LocalDate;
}

/** `date + iso`, clamped to the end of the month. Time parts of the duration count from midnight. */
export function addDuration(date: LocalDate, iso: IsoDuration): LocalDate {
  return toDate(floating(date).plus(parseDuration(iso)));
}

/** `date − iso`, clamped to the end of the month (2025-05-31 − P3M = 2025-02-28). */
export function subtractDuration(date: LocalDate, iso: IsoDuration): LocalDate {
  return toDate(floating(date).minus(parseDuration(iso)));
}

/** `date + n` days (n may be negative). */
export function addDays(date: LocalDate, n: number): LocalDate {
  return toDate(floating(date).plus({ days: n }));
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  return floating(date).weekday;
}

/** The earlier of two local dates (string order is date order for `YYYY-MM-DD`). */
export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return a <= b ? a : b;
}

/** The later of two local dates. */
export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}

/**
 * The date `MM-DD` in `year`, clamping 02-29 to 02-28 in common years (a census opening
 * written `02-29` still happens every year).
 */
export function monthDayInYear(monthDay: string, year: number): LocalDate {
  const m = /^(\d{2})-(\d{2})$/.exec(monthDay);
  if (!m) throw new Error(`not a month-day MM-DD: ${monthDay}`);
  const month = Number(m[1]);
  const day = Number(m[2]);
  const first = DateTime.fromObject({ year, month, day: 1 }, { zone: 'utc' });
  if (!first.isValid || day < 1 || day > 31) throw new Error(`not a month-day MM-DD: ${monthDay}`);
  return toDate(first.set({ day: Math.min(day, first.daysInMonth ?? 31) }));
}
