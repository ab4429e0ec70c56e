/**
 * ISO 8601 durations and local-date arithmetic (calendar rule 10,
 * docs/calendar-rules.md#rule-10-month-arithmetic).
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

const durationCache = new Map<string, Duration>();

/** Parses an ISO 8601 duration (memoized: luxon durations are immutable); throws if invalid. */
export function parseDuration(iso: IsoDuration): Duration {
  let d = durationCache.get(iso);
  if (!d) {
    d = Duration.fromISO(iso);
    if (!d.isValid) throw new Error(`not an ISO 8601 duration: ${iso}`);
    durationCache.set(iso, d);
  }
  return d;
}

/** Calendar part of a duration when it has no time part: months first, then days (luxon's order). */
interface DateSteps {
  months: number;
  days: number;
}
const stepsCache = new Map<string, DateSteps | null>();

function dateSteps(iso: IsoDuration): DateSteps | null {
  let steps = stepsCache.get(iso);
  if (steps === undefined) {
    const o = parseDuration(iso).toObject();
    const timeless = !o.hours && !o.minutes && !o.seconds && !o.milliseconds;
    steps = timeless
      ? {
          months: (o.years ?? 0) * 12 + (o.quarters ?? 0) * 3 + (o.months ?? 0),
          days: (o.weeks ?? 0) * 7 + (o.days ?? 0),
        }
      : null;
    stepsCache.set(iso, steps);
  }
  return steps;
}

/** True when `iso` has no time part (`P3M`, `P1W2D`): it moves dates by whole days. */
export function isDateOnlyDuration(iso: IsoDuration): boolean {
  return dateSteps(iso) !== null;
}

// Integer day arithmetic (days since 1970-01-01) through Date.UTC: exact, host-zone free, and
// an order of magnitude cheaper than luxon, which dominated the planner's profile.
const DAY_MS = 86_400_000;
// Pure memo caches (a planner run converts the same few hundred dates back and forth).
const CACHE_LIMIT = 100_000;
const dayNumbers = new Map<string, number>();
const dates = new Map<number, LocalDate>();

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (not validated: see {@link floating}). */
export function dayNumber(date: LocalDate): number {
  let n = dayNumbers.get(date);
  if (n === undefined) {
    n = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
    if (dayNumbers.size > CACHE_LIMIT) dayNumbers.clear();
    dayNumbers.set(date, n);
  }
  return n;
}

/** The `YYYY-MM-DD` date of a day number. */
export function fromDayNumber(n: number): LocalDate {
  let date = dates.get(n);
  if (date === undefined) {
    date = new Date(n * DAY_MS).toISOString().slice(0, 10);
    if (dates.size > CACHE_LIMIT) dates.clear();
    dates.set(n, date);
  }
  return date;
}

function checked(date: LocalDate): LocalDate {
  if (!DATE_RE.test(date) || fromDayNumber(dayNumber(date)) !== date)
    throw new Error(`not a local date YYYY-MM-DD: ${date}`);
  return date;
}

function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

/** `date` moved by `months` (clamped to the end of the month), then by `days`. */
function shift(date: LocalDate, months: number, days: number): LocalDate {
  let d = date;
  if (months !== 0) {
    const total = Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1 + months;
    const year = Math.floor(total / 12);
    const month1 = total - year * 12 + 1;
    const day = Math.min(Number(d.slice(8, 10)), daysInMonth(year, month1));
    d = fromDayNumber(Date.UTC(year, month1 - 1, day) / DAY_MS);
  }
  return days === 0 ? d : fromDayNumber(dayNumber(d) + days);
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
  const steps = dateSteps(iso);
  if (steps) return shift(checked(date), steps.months, steps.days);
  return toDate(floating(date).plus(parseDuration(iso)));
}

/** `date − iso`, clamped to the end of the month (2025-05-31 − P3M = 2025-02-28). */
export function subtractDuration(date: LocalDate, iso: IsoDuration): LocalDate {
  const steps = dateSteps(iso);
  if (steps) return shift(checked(date), -steps.months, -steps.days);
  return toDate(floating(date).minus(parseDuration(iso)));
}

/** `date + n` days (n may be negative). */
export function addDays(date: LocalDate, n: number): LocalDate {
  return fromDayNumber(dayNumber(date) + n);
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(date: LocalDate): number {
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
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
