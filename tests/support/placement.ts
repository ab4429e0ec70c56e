/**
 * Placing an example agreement in time for a test: the whole-year shift (see shift-years.ts)
 * that puts "now" (the clock that matters: the server's for a lifecycle, the test's for pure
 * code) in the situation the test needs, e.g. "running, before its renewal window" or "ended".
 *
 * The situation is judged on the shifted copy's own plan (a shifted date may move to a business
 * day), for each candidate shift; the shift closest to none wins, so "now" stays at the point of
 * the example's life the test was written for when it can. No shift fits: it throws, naming the
 * situation and the instant, so a wrong placement fails loudly instead of testing something else.
 */
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { parse as parseYaml } from 'yaml';
import type { Agreement } from '../../domain/agreement';
import { planCalendar } from '../../domain/calendar';
import type { Calendar, CalendarEntry } from '../../domain/calendar-types';
import { parseAgreement } from '../../domain/parse-agreement';
import { shiftYears } from './shift-years';

export interface Placed {
  /** Whole years added to every date of the example. */
  shift: number;
  /** The shifted file, as written (for `pacte start` and amendments). */
  raw: Record<string, unknown>;
  agreement: Agreement;
  /** The shifted copy's plan, as the lifecycle starts it (no facts yet). */
  calendar: Calendar;
}

/** `[from, until)` in epoch ms: where "now" must fall in a shifted copy. */
export type Situation = { name: string; window: (placed: Placed) => [number, number] };

const HOUR = 3_600_000;

function dateYears(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) out.push(Number(value.slice(0, 4)));
  else if (Array.isArray(value)) value.forEach((v) => dateYears(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => dateYears(v, out));
  return out;
}

const EXAMPLES = new URL('../../examples/agreements/', import.meta.url);

/** An example agreement file as written (`name` without `.yaml`). */
export function readExample(name: string): Record<string, unknown> {
  return parseYaml(readFileSync(new URL(`${name}.yaml`, EXAMPLES), 'utf8')) as Record<string, unknown>;
}

const planned = new WeakMap<object, Map<number, Placed>>();

/** The copy of `raw` shifted by `shift` years, parsed and planned (once per file object and shift: treat it as read-only). */
export function shifted(raw: Record<string, unknown>, shift: number): Placed {
  const known = planned.get(raw) ?? new Map<number, Placed>();
  planned.set(raw, known);
  const cached = known.get(shift);
  if (cached) return cached;
  const copy = shiftYears(raw, shift);
  const parsed = parseAgreement(copy);
  if (!parsed.ok) throw new Error(`${String(raw.id)} shifted by ${shift} years: ${parsed.problems.join('; ')}`);
  const placed = { shift, raw: copy, agreement: parsed.agreement, calendar: planCalendar(parsed.agreement) };
  known.set(shift, placed);
  return placed;
}

/** The whole-year shift of `raw` that puts `nowMs` in `situation`; throws when none does. */
export function placeExample(raw: Record<string, unknown>, nowMs: number, situation: Situation): Placed {
  const years = dateYears(raw);
  const nowYear = DateTime.fromMillis(nowMs, { zone: 'UTC' }).year;
  const candidates: number[] = [];
  // Every shift that can bring a date of the file near now, and none.
  for (let k = Math.min(0, nowYear - Math.max(...years) - 2); k <= Math.max(0, nowYear - Math.min(...years) + 2); k++)
    candidates.push(k);
  candidates.sort((a, b) => Math.abs(a) - Math.abs(b) || b - a);
  for (const shift of candidates) {
    const placed = shifted(raw, shift);
    const [from, until] = situation.window(placed);
    if (from <= nowMs && nowMs < until) return placed;
  }
  throw new Error(
    `${String(raw.id)}: no whole-year shift puts ${new Date(nowMs).toISOString()} in the situation "${situation.name}"`,
  );
}

/** Throws unless `nowMs` is in `situation` for `placed`: to check a placement still holds. */
export function expectPlaced(placed: Placed, nowMs: number, situation: Situation): void {
  const [from, until] = situation.window(placed);
  if (!(from <= nowMs && nowMs < until)) {
    throw new Error(
      `${placed.agreement.id}: ${new Date(nowMs).toISOString()} is not in the situation "${situation.name}" [${new Date(from).toISOString()}, ${new Date(until).toISOString()})`,
    );
  }
}

/** First instant of a local date in the agreement's zone. */
export function startOfDay(agreement: Agreement, date: string): number {
  return DateTime.fromISO(date, { zone: agreement.timezone }).toMillis();
}

/** First instant after the term (the lifecycle ends then, without notice). */
export function termEndMs(agreement: Agreement): number {
  return DateTime.fromISO(agreement.term.endsOn, { zone: agreement.timezone }).plus({ days: 1 }).toMillis();
}

function meetingEndMs(entry: CalendarEntry): number {
  return Date.parse(entry.endsAt ?? entry.at);
}

export function firstEntry(placed: Placed, type: string): CalendarEntry {
  const entry = placed.calendar.entries.find((e) => e.type === type);
  if (!entry) throw new Error(`${placed.agreement.id}: no ${type} in the plan`);
  return entry;
}

/** Ended before now: the lifecycle starts, sends nothing and finishes `expired`. */
export const ENDED: Situation = { name: 'ended', window: ({ agreement }) => [termEndMs(agreement), Infinity] };

/** Signed and running, its end more than a day away. */
export const RUNNING: Situation = {
  name: 'running',
  window: ({ agreement }) => [startOfDay(agreement, agreement.term.signedOn), termEndMs(agreement) - 24 * HOUR],
};

/** Running, after its first meeting of `meetingType` (everything of its first year is past), its end more than a day away. */
export function runningAfterFirst(meetingType: string): Situation {
  return {
    name: `running, after the first ${meetingType}`,
    window: (placed) => [meetingEndMs(firstEntry(placed, meetingType)), termEndMs(placed.agreement) - 24 * HOUR],
  };
}

/**
 * Running, after its first meeting of `meetingType` and at least an hour before its renewal
 * window opens (the phase stays `active` while a test runs).
 */
export function activeAfterFirst(meetingType: string): Situation {
  return {
    name: `active, after the first ${meetingType}, an hour before the renewal window`,
    window: (placed) => [
      meetingEndMs(firstEntry(placed, meetingType)),
      Date.parse(firstEntry(placed, 'renewal-window').at) - HOUR,
    ],
  };
}
