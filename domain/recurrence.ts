/**
 * RFC 5545 recurrence expansion on local dates (DOMAIN.md §5 rule 2), and local date + time →
 * instant with offset.
 *
 * Workarounds for the `rrule` library (2.8.1), each covered by tests/domain/recurrence.test.ts:
 * - It computes in UTC, or with TZID through the *host* Intl zone and returns "fake UTC" dates.
 *   We never give it a TZID: DTSTART is `startsOn` at 00:00 UTC used as a *floating* date, and
 *   we read back only the UTC Y/M/D. DST therefore cannot move an occurrence by a day.
 * - Its CommonJS bundle has no named ESM exports under Node (tsx/vitest), while webpack (the
 *   Temporal workflow bundler) picks its ESM build: we accept both shapes.
 * - Sub-daily FREQs (HOURLY…) would yield the same date many times and explode the count:
 *   rejected by {@link rruleProblem}; the expansion also de-duplicates dates and is capped.
 * - An `RRULE:` prefix, or DTSTART/TZID inside the value, are not part of our contract.
 *
 * COUNT counts from DTSTART (`startsOn`) as RFC 5545 says; as rule 2 keeps occurrences strictly
 * after `startsOn`, an occurrence on `startsOn` itself uses up one COUNT and is not planned.
 *
 * @module
 */
import * as rrulePkg from 'rrule';
import { DateTime } from 'luxon';
import type { LocalDate, LocalTime } from './agreement';

type RRuleModule = typeof rrulePkg;
const lib: RRuleModule = (rrulePkg as { RRule?: unknown }).RRule
  ? rrulePkg
  : (rrulePkg as unknown as { default: RRuleModule }).default;
const { RRule } = lib;
type ParsedOptions = ReturnType<typeof RRule.parseString>;

/** Safety cap: far more than any governance calendar needs (a daily rule over 10 years). */
const MAX_OCCURRENCES = 5000;

const parsedCache = new Map<string, ParsedOptions>();

function parse(rule: string): ParsedOptions {
  let opts = parsedCache.get(rule);
  if (!opts) {
    opts = RRule.parseString(rule);
    parsedCache.set(rule, opts);
  }
  return opts;
}

/** Why `rule` is not an acceptable recurrence rule, or undefined when it is fine. */
export function rruleProblem(rule: string): string | undefined {
  if (/^\s*RRULE:/i.test(rule) || /DTSTART|TZID/i.test(rule)) {
    return 'give only the RRULE value, e.g. FREQ=MONTHLY;BYDAY=1TU (no RRULE:, DTSTART or TZID)';
  }
  let opts: ParsedOptions;
  try {
    opts = RRule.parseString(rule);
    // Construction validates option combinations the parser lets through.
    new RRule({ ...opts, dtstart: new Date(Date.UTC(2000, 0, 1)) });
  } catch (e) {
    return `not a valid RFC 5545 recurrence rule: ${(e as Error).message}`;
  }
  if (opts.freq === undefined) return 'not a valid RFC 5545 recurrence rule: FREQ is missing';
  if (opts.freq > RRule.DAILY) return 'recurrences more frequent than daily are not supported';
  return undefined;
}

function utcDate(date: LocalDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

function fromUtc(d: Date): LocalDate {
  return d.toISOString().slice(0, 10);
}

/**
 * The local dates of `rule` with DTSTART = `dtstart`, strictly after `after` and on or before
 * `until`, in order, without duplicates. Throws on a rule {@link rruleProblem} rejects.
 */
export function expandRRule(rule: string, dtstart: LocalDate, after: LocalDate, until: LocalDate): LocalDate[] {
  const problem = rruleProblem(rule);
  if (problem) throw new Error(`${rule}: ${problem}`);
  if (until <= after) return [];
  const rr = new RRule({ ...parse(rule), dtstart: utcDate(dtstart) });
  const out: LocalDate[] = [];
  rr.between(utcDate(after), utcDate(until), true, (d) => {
    const date = fromUtc(d);
    if (date > after && date <= until && out[out.length - 1] !== date) out.push(date);
    return out.length < MAX_OCCURRENCES;
  });
  return out;
}

/**
 * The instant of local `date` at `time` (`HH:MM`) in IANA `zone`, ISO with offset, e.g.
 * `2025-06-03T10:00:00.000+02:00`. The zone is always explicit, never the host's. A time in a
 * spring-forward gap moves forward by the gap (luxon), which only matters for 02:xx times.
 */
export function localInstant(date: LocalDate, time: LocalTime, zone: string): string {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!dt.isValid) throw new Error(`invalid local instant ${date} ${time} in ${zone}: ${dt.invalidExplanation ?? dt.invalidReason}`);
  return dt.toISO() as string;
}
