/**
 * Checks of single values of an agreement file or an operation, each returning a message (or
 * undefined when the value is fine): dates, durations, month-days, RFC 5545 recurrence rules,
 * and how a value is shown in a message.
 *
 * Pure: luxon and rrule only, so it runs in workflow code.
 *
 * @module
 */
import { DateTime, Duration } from 'luxon';
import * as rrulePkg from 'rrule';
import { rruleProblem as plannerRruleProblem } from './recurrence';

// rrule's CommonJS build has no named ESM exports under Node; webpack picks its ESM build.
type RRuleModule = typeof rrulePkg;
// Reflect.get keeps webpack from warning about a `default` export the ESM build lacks.
const { RRule } = (rrulePkg as { RRule?: unknown }).RRule
  ? rrulePkg
  : (Reflect.get(rrulePkg, 'default') as RRuleModule);

/** A value as an error message can show it: hostile objects (`{ toString: 1 }`) must not throw. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 80)}…` : value;
  if (value === null || ['number', 'boolean', 'undefined', 'bigint'].includes(typeof value)) return String(value);
  return Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value;
}

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,62}$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_DAY_PATTERN = /^(\d{2})-(\d{2})$/;
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

// ---------------------------------------------------------------------------------------------
// Field checks, usable on their own (they return a message, or undefined when the value is fine).

/** `YYYY-MM-DD` and a real calendar date (no 2025-02-30). */
export function localDateProblem(value: string): string | undefined {
  if (!DATE_PATTERN.test(value)) return `not a date YYYY-MM-DD: "${shown(value)}"`;
  if (!DateTime.fromISO(value, { zone: 'utc' }).isValid) return `not a real calendar date: "${shown(value)}"`;
  return undefined;
}

/** An ISO 8601 duration that is positive (`P3M`, `P7D`, `PT1H30M`). */
export function durationProblem(value: string): string | undefined {
  const d = Duration.fromISO(value);
  if (!d.isValid) return `not an ISO 8601 duration (like P3M, P7D, PT1H30M): "${shown(value)}"`;
  const parts = Object.values(d.toObject());
  if (parts.some((n) => n < 0)) return `must not be negative: "${shown(value)}"`;
  if (!parts.some((n) => n > 0)) return `must be longer than zero: "${shown(value)}"`;
  return undefined;
}

/** `MM-DD`, a day that exists in a leap year at least. */
export function monthDayProblem(value: string): string | undefined {
  const m = MONTH_DAY_PATTERN.exec(value);
  if (!m || !DateTime.fromISO(`2024-${value}`, { zone: 'utc' }).isValid) return `not a day MM-DD: "${shown(value)}"`;
  return undefined;
}

const RRULE_PARTS = new Set([
  'FREQ',
  'UNTIL',
  'COUNT',
  'INTERVAL',
  'BYSECOND',
  'BYMINUTE',
  'BYHOUR',
  'BYDAY',
  'BYMONTHDAY',
  'BYYEARDAY',
  'BYWEEKNO',
  'BYMONTH',
  'BYSETPOS',
  'WKST',
]);
const WEEKDAY = '(SU|MO|TU|WE|TH|FR|SA)';

function intList(value: string, min: number, max: number, signed: boolean): boolean {
  return value.split(',').every((v) => {
    if (!(signed ? /^[+-]?\d{1,3}$/ : /^\d{1,3}$/).test(v)) return false;
    const n = Math.abs(Number(v));
    return n >= min && n <= max && !(signed && Number(v) === 0);
  });
}

/**
 * An RFC 5545 RRULE value (without `RRULE:`), checked strictly: the `rrule` library alone
 * accepts `FREQ=FOO` or `BYDAY=XX` silently. Meetings recur at most daily and take their hour from
 * `time`, so sub-daily frequencies and BYHOUR/BYMINUTE/BYSECOND are refused.
 */
export function rruleProblem(value: string): string | undefined {
  const text = value.trim();
  if (/^(RRULE:|DTSTART)/i.test(text)) return 'write the rule value only, without "RRULE:" or DTSTART';
  const seen = new Map<string, string>();
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return `not a valid RFC 5545 recurrence rule: "${shown(part)}" is not NAME=VALUE`;
    const name = part.slice(0, eq).toUpperCase();
    const v = part.slice(eq + 1).toUpperCase();
    if (!RRULE_PARTS.has(name)) return `not a valid RFC 5545 recurrence rule: unknown part ${name}`;
    if (seen.has(name)) return `not a valid RFC 5545 recurrence rule: ${name} given twice`;
    if (v === '') return `not a valid RFC 5545 recurrence rule: ${name} has no value`;
    seen.set(name, v);
  }
  const freq = seen.get('FREQ');
  if (!freq) return 'not a valid RFC 5545 recurrence rule: FREQ is required';
  if (!['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(freq)) {
    return ['SECONDLY', 'MINUTELY', 'HOURLY'].includes(freq)
      ? `meetings recur at most daily, not ${freq}`
      : `not a valid RFC 5545 recurrence rule: unknown FREQ ${freq}`;
  }
  for (const name of ['BYHOUR', 'BYMINUTE', 'BYSECOND']) {
    if (seen.has(name)) return `${name} is not supported: the meeting's time gives the hour`;
  }
  const checks: Record<string, (v: string) => boolean> = {
    UNTIL: (v) => /^\d{8}(T\d{6}Z?)?$/.test(v) && DateTime.fromFormat(v.slice(0, 8), 'yyyyMMdd').isValid,
    COUNT: (v) => /^\d{1,4}$/.test(v) && Number(v) > 0,
    INTERVAL: (v) => /^\d{1,3}$/.test(v) && Number(v) > 0,
    BYDAY: (v) => v.split(',').every((d) => new RegExp(`^([+-]?([1-9]|[1-4]\\d|5[0-3]))?${WEEKDAY}$`).test(d)),
    BYMONTHDAY: (v) => intList(v, 1, 31, true),
    BYYEARDAY: (v) => intList(v, 1, 366, true),
    BYWEEKNO: (v) => intList(v, 1, 53, true),
    BYMONTH: (v) => intList(v, 1, 12, false),
    BYSETPOS: (v) => intList(v, 1, 366, true),
    WKST: (v) => new RegExp(`^${WEEKDAY}$`).test(v),
  };
  for (const [name, v] of seen) {
    const ok = checks[name];
    if (ok && !ok(v)) return `not a valid RFC 5545 recurrence rule: bad ${name} value "${shown(v)}"`;
  }
  if (seen.has('UNTIL') && seen.has('COUNT')) return 'not a valid RFC 5545 recurrence rule: UNTIL and COUNT together';
  if (seen.has('BYWEEKNO') && freq !== 'YEARLY')
    return 'not a valid RFC 5545 recurrence rule: BYWEEKNO needs FREQ=YEARLY';
  try {
    const options = RRule.parseString(text);
    // Sanity: the rule must produce something within ten years (BYMONTH=2;BYMONTHDAY=30 never does).
    const from = new Date(Date.UTC(2024, 0, 1));
    const bound = new Date(Date.UTC(2034, 0, 1));
    const rule = new RRule({ ...options, dtstart: from, ...(options.count || options.until ? {} : { until: bound }) });
    const next = rule.after(from, true);
    if (!next || next.getTime() > bound.getTime()) return 'this recurrence rule produces no date';
  } catch (e) {
    return `not a valid RFC 5545 recurrence rule: ${e instanceof Error ? e.message : String(e)}`;
  }
  // Whatever the planner itself refuses (it expands the rule), refuse here too.
  return plannerRruleProblem(text);
}
