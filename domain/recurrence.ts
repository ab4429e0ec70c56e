/**
 * RFC 5545 recurrence expansion on local dates (calendar rule 2,
 * docs/calendar-rules.md#rule-2-meeting-occurrences), and local date + time → instant with offset.
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
import { DateTime, IANAZone } from 'luxon';
import type { LocalDate, LocalTime } from './agreement';

type RRuleModule = typeof rrulePkg;
// Reflect.get: a static `.default` makes webpack warn that the ESM build has no default export.
const lib: RRuleModule = (rrulePkg as { RRule?: unknown }).RRule
  ? rrulePkg
  : (Reflect.get(rrulePkg, 'default') as RRuleModule);
const { RRule } = lib;
type ParsedOptions = ReturnType<typeof RRule.parseString>;

/** Safety cap: far more than any governance calendar needs (a daily rule over 10 years). */
const MAX_OCCURRENCES = 5000;

/**
 * Memo caches keyed by rule text. The worker shares this module between all the lifecycles of
 * its workflow thread (preloaded: worker/create-worker.ts), so they are bounded; entries are
 * never mutated (callers spread the parsed options).
 */
const RULE_CACHE_LIMIT = 10_000;
const parsedCache = new Map<string, ParsedOptions>();

function parse(rule: string): ParsedOptions {
  let opts = parsedCache.get(rule);
  if (!opts) {
    opts = RRule.parseString(rule);
    if (parsedCache.size >= RULE_CACHE_LIMIT) parsedCache.clear();
    parsedCache.set(rule, opts);
  }
  return opts;
}

const problemCache = new Map<string, string | undefined>();

/** Why `rule` is not an acceptable recurrence rule, or undefined when it is fine (memoized). */
export function rruleProblem(rule: string): string | undefined {
  if (problemCache.has(rule)) return problemCache.get(rule);
  const problem = findProblem(rule);
  if (problemCache.size >= RULE_CACHE_LIMIT) problemCache.clear();
  problemCache.set(rule, problem);
  return problem;
}

function findProblem(ruleText: string): string | undefined {
  const rule = ruleText.trim();
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
export function expandRRule(ruleText: string, dtstart: LocalDate, after: LocalDate, until: LocalDate): LocalDate[] {
  // Surrounding blanks (a YAML block scalar) are not part of the rule.
  const rule = ruleText.trim();
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

/** An instant as the planner keeps it: ISO with offset, and epoch milliseconds for sorting. */
export interface Instant {
  iso: string;
  ms: number;
}

const DAY_MS = 86_400_000;
/** Pure memo caches, bounded so that a long-lived worker cannot grow them without limit. */
const CACHE_LIMIT = 200_000;
const zoneOffsets = new Map<string, Map<number, number>>();
const instants = new Map<string, Map<string, Instant>>();

function perZone<V>(caches: Map<string, Map<string, V> | Map<number, V>>, zone: string): Map<never, V> {
  let c = caches.get(zone);
  if (!c) {
    c = new Map();
    caches.set(zone, c);
  }
  if (c.size > CACHE_LIMIT) c.clear();
  return c as Map<never, V>;
}

/** UTC offset (minutes) of `zone` at 00:00 UTC of day number `day`; memoized (pure). */
function offsetAtUtcMidnight(zone: IANAZone, offsets: Map<number, number>, day: number): number {
  let o = offsets.get(day);
  if (o === undefined) {
    o = zone.offset(day * DAY_MS);
    offsets.set(day, o);
  }
  return o;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

function viaLuxon(date: LocalDate, time: LocalTime, zone: string): Instant {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!dt.isValid)
    throw new Error(`invalid local instant ${date} ${time} in ${zone}: ${dt.invalidExplanation ?? dt.invalidReason}`);
  return { iso: dt.toISO() as string, ms: dt.toMillis() };
}

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * {@link localInstant} with epoch milliseconds. Fast path (the planner's profile was dominated by
 * luxon's Intl offset look-ups): when the zone's offset is the same at 00:00 UTC of the day
 * before, the day, and the two days after, no DST change touches the local day, and the instant
 * is plain arithmetic. Transition days, UTC-like zones and odd inputs go through luxon.
 */
export function localInstantOf(date: LocalDate, time: LocalTime, zone: string): Instant {
  const memo = perZone(instants, zone) as Map<string, Instant>;
  const key = `${date}T${time}`;
  let instant = memo.get(key);
  if (!instant) {
    instant = computeInstant(date, time, zone);
    memo.set(key, instant);
  }
  return instant;
}

function computeInstant(date: LocalDate, time: LocalTime, zone: string): Instant {
  const t = TIME_RE.exec(time);
  const z = IANAZone.create(zone);
  if (!t || !z.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return viaLuxon(date, time, zone);
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const local = Date.UTC(y, m - 1, d, Number(t[1]), Number(t[2]));
  const day = Math.floor(local / DAY_MS);
  const offsets = perZone(zoneOffsets, z.name) as Map<number, number>;
  const o = offsetAtUtcMidnight(z, offsets, day);
  if (
    o === 0 ||
    new Date(day * DAY_MS).toISOString().slice(0, 10) !== date ||
    offsetAtUtcMidnight(z, offsets, day - 1) !== o ||
    offsetAtUtcMidnight(z, offsets, day + 1) !== o ||
    offsetAtUtcMidnight(z, offsets, day + 2) !== o
  ) {
    return viaLuxon(date, time, zone);
  }
  return { iso: `${date}T${time}:00.000${formatOffset(o)}`, ms: local - o * 60_000 };
}

/**
 * The instant of local `date` at `time` (`HH:MM`) in IANA `zone`, ISO with offset, e.g.
 * `2025-06-03T10:00:00.000+02:00` (luxon's format). The zone is always explicit, never the
 * host's. A time in a spring-forward gap moves forward by the gap (luxon), which only matters
 * for 02:xx times.
 */
export function localInstant(date: LocalDate, time: LocalTime, zone: string): string {
  return localInstantOf(date, time, zone).iso;
}
