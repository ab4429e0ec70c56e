/**
 * Validation of agreement files (docs/agreement-file.md), shared by the CLI and the workflow-update
 * validators.
 *
 * Two layers:
 * - {@link AgreementFileSchema}: the shape a coordinator writes (every kind default still
 *   missing). Field-level rules live here: ids, dates, durations, recurrence rules, e-mails.
 * - {@link agreementProblems}: cross-field rules checked on the complete {@link Agreement}
 *   (defaults applied), because a default meeting's attendees or a default `maxDuration` must be
 *   checked exactly like written ones: term bounds, unknown people and roles, duplicate ids,
 *   events outside the term.
 *
 * Pure: zod, luxon and rrule only, no I/O and no Node builtins, so it runs in workflow code.
 *
 * @module
 */
import { DateTime, Duration, IANAZone } from 'luxon';
import * as rrulePkg from 'rrule';
import { z } from 'zod';
import {
  AGREEMENT_KINDS,
  HOLIDAY_CALENDARS,
  LOCALES,
  NON_BUSINESS_DAY_POLICIES,
  ROLES,
  WEEKDAYS,
  type Agreement,
} from './agreement';
import { BUILTIN_EVENT_TYPES } from './plan';
import { rruleProblem as plannerRruleProblem } from './recurrence';

// rrule's CommonJS build has no named ESM exports under Node; webpack picks its ESM build.
type RRuleModule = typeof rrulePkg;
// Reflect.get keeps webpack from warning about a `default` export the ESM build lacks.
const { RRule } = (rrulePkg as { RRule?: unknown }).RRule
  ? rrulePkg
  : (Reflect.get(rrulePkg, 'default') as RRuleModule);

/** A value as an error message can show it: hostile objects (`{ toString: 1 }`) must not throw. */
function shown(value: unknown): string {
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 80)}…` : value;
  if (value === null || ['number', 'boolean', 'undefined', 'bigint'].includes(typeof value)) return String(value);
  return Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value;
}

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,62}$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_DAY_PATTERN = /^(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const WINDOW_PATTERN = /^(\d{4})-(H1|H2|Q1|Q2|Q3|Q4)$/;

// ---------------------------------------------------------------------------------------------
// Field checks, usable on their own (they return a message, or undefined when the value is fine).

/** `YYYY-MM-DD` and a real calendar date (no 2025-02-30). */
export function localDateProblem(value: string): string | undefined {
  if (!DATE_PATTERN.test(value)) return `not a date YYYY-MM-DD: "${value}"`;
  if (!DateTime.fromISO(value, { zone: 'utc' }).isValid) return `not a real calendar date: "${value}"`;
  return undefined;
}

/** An ISO 8601 duration that is positive (`P3M`, `P7D`, `PT1H30M`). */
export function durationProblem(value: string): string | undefined {
  const d = Duration.fromISO(value);
  if (!d.isValid) return `not an ISO 8601 duration (like P3M, P7D, PT1H30M): "${value}"`;
  const parts = Object.values(d.toObject());
  if (parts.some((n) => n < 0)) return `must not be negative: "${value}"`;
  if (!parts.some((n) => n > 0)) return `must be longer than zero: "${value}"`;
  return undefined;
}

/** `MM-DD`, a day that exists in a leap year at least. */
export function monthDayProblem(value: string): string | undefined {
  const m = MONTH_DAY_PATTERN.exec(value);
  if (!m || !DateTime.fromISO(`2024-${value}`, { zone: 'utc' }).isValid) return `not a day MM-DD: "${value}"`;
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
    if (eq <= 0) return `not a valid RFC 5545 recurrence rule: "${part}" is not NAME=VALUE`;
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
    if (ok && !ok(v)) return `not a valid RFC 5545 recurrence rule: bad ${name} value "${v}"`;
  }
  if (seen.has('UNTIL') && seen.has('COUNT')) return 'not a valid RFC 5545 recurrence rule: UNTIL and COUNT together';
  if (seen.has('BYWEEKNO') && freq !== 'YEARLY') return 'not a valid RFC 5545 recurrence rule: BYWEEKNO needs FREQ=YEARLY';
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

// ---------------------------------------------------------------------------------------------
// The file schema.

const withCheck = (check: (v: string) => string | undefined) =>
  z.string().check((ctx) => {
    const problem = check(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });

export const IdSchema = z
  .string()
  .regex(ID_PATTERN, { error: 'not a valid id: lowercase letters, digits and dashes, 3 to 63 characters' });
export const LocalDateSchema = withCheck(localDateProblem);
export const DurationSchema = withCheck(durationProblem);
export const LocalTimeSchema = z.string().regex(TIME_PATTERN, { error: 'not a time HH:MM' });
export const MonthDaySchema = withCheck(monthDayProblem);
export const RRuleSchema = withCheck(rruleProblem);
export const TimezoneSchema = z
  .string()
  .refine((tz) => IANAZone.isValidZone(tz), { error: (i) => `not an IANA time zone: "${shown(i.input)}"` });
const NonEmptyString = z.string().trim().min(1, { error: 'must not be empty' });
/** A role name or a person id; whether it exists is a cross-field check. */
const AudienceSchema = z.array(NonEmptyString);

export const PartyFileSchema = z.strictObject({ id: IdSchema, name: NonEmptyString });

export const PersonFileSchema = z.strictObject({
  id: IdSchema,
  name: NonEmptyString,
  email: z.email({ error: 'not an e-mail address' }),
  party: NonEmptyString,
  roles: z
    .array(z.enum(ROLES, { error: (i) => `unknown role "${shown(i.input)}" (one of ${ROLES.join(', ')})` }))
    .optional(),
});

export const TermFileSchema = z.strictObject({
  signedOn: LocalDateSchema,
  startsOn: LocalDateSchema.optional(),
  endsOn: LocalDateSchema,
  noticePeriod: DurationSchema.optional(),
  renewalMeetingWithin: DurationSchema.optional(),
  maxDuration: DurationSchema.optional(),
});

export const ProjectFileSchema = z.strictObject({
  id: IdSchema,
  title: NonEmptyString,
  leads: z.array(NonEmptyString).optional(),
  years: z.array(z.int().min(1900).max(2200)).optional(),
  leadParty: NonEmptyString.optional(),
});

export const AxisFileSchema = z.strictObject({
  id: IdSchema,
  title: NonEmptyString,
  pilots: z.array(NonEmptyString).optional(),
  projects: z.array(ProjectFileSchema).optional(),
});

export const MeetingFileSchema = z.strictObject({
  title: NonEmptyString.optional(),
  rrule: RRuleSchema.optional(),
  time: LocalTimeSchema.optional(),
  duration: DurationSchema.optional(),
  attendees: AudienceSchema.optional(),
  remindBefore: z.array(DurationSchema).optional(),
  onNonBusinessDay: z.enum(NON_BUSINESS_DAY_POLICIES).optional(),
  place: NonEmptyString.optional(),
  article: NonEmptyString.optional(),
  indicatorsDueBefore: DurationSchema.optional(),
});

export const CensusFileSchema = z.strictObject({
  opensOn: MonthDaySchema.optional(),
  closesOn: MonthDaySchema.optional(),
  to: AudienceSchema.optional(),
  remindBefore: z.array(DurationSchema).optional(),
  projectSheetDueAfter: DurationSchema.optional(),
  projectSheetRemindBefore: z.array(DurationSchema).optional(),
  escalateAfter: DurationSchema.optional(),
  minParticipants: z.int().min(1).optional(),
  article: NonEmptyString.optional(),
});

export const EventFileSchema = z
  .strictObject({
    id: IdSchema,
    title: NonEmptyString,
    date: LocalDateSchema.optional(),
    start: LocalDateSchema.optional(),
    end: LocalDateSchema.optional(),
    window: z
      .string()
      .regex(WINDOW_PATTERN, { error: 'not a window YYYY-H1, YYYY-H2 or YYYY-Q1..Q4' })
      .optional(),
    time: LocalTimeSchema.optional(),
    place: NonEmptyString.optional(),
    attendees: AudienceSchema.optional(),
    remindBefore: z.array(DurationSchema).optional(),
    article: NonEmptyString.optional(),
  })
  .check((ctx) => {
    const e = ctx.value;
    const forms = [e.date !== undefined, e.start !== undefined || e.end !== undefined, e.window !== undefined];
    if (forms.filter(Boolean).length !== 1) {
      ctx.issues.push({
        code: 'custom',
        message: 'give exactly one of date, start and end, or window',
        input: e,
      });
    } else if ((e.start === undefined) !== (e.end === undefined)) {
      ctx.issues.push({ code: 'custom', message: 'start and end go together', input: e });
    }
  });

/** Working days as RFC 5545 day codes (`[MO, TU, WE, TH, FR, SA]`), each at most once. */
const WorkdaysSchema = z
  .array(z.enum(WEEKDAYS, { error: (i) => `unknown day "${shown(i.input)}" (one of ${WEEKDAYS.join(', ')})` }))
  .min(1, { error: 'at least one working day' })
  .refine((days) => new Set(days).size === days.length, { error: 'a day is listed twice' });

/** The agreement file as written (docs/agreement-file.md), before the defaults of its kind. */
export const AgreementFileSchema = z.strictObject({
  id: IdSchema,
  kind: z.enum(AGREEMENT_KINDS, { error: (i) => `unknown kind "${shown(i.input)}" (one of ${AGREEMENT_KINDS.join(', ')})` }),
  title: NonEmptyString,
  timezone: TimezoneSchema.optional(),
  locale: z.enum(LOCALES).optional(),
  holidays: z.enum(HOLIDAY_CALENDARS).optional(),
  workdays: WorkdaysSchema.optional(),
  parties: z.array(PartyFileSchema).min(2, { error: 'at least two parties' }),
  people: z.array(PersonFileSchema).min(1, { error: 'at least one person' }),
  term: TermFileSchema,
  axes: z.array(AxisFileSchema).optional(),
  /** `false` removes a meeting that the kind brings by default. */
  meetings: z.record(z.string(), z.union([MeetingFileSchema, z.literal(false)])).optional(),
  /** `false` removes the census that the kind brings by default. */
  census: z.union([CensusFileSchema, z.literal(false)]).optional(),
  events: z.array(EventFileSchema).optional(),
  reminders: z.strictObject({ time: LocalTimeSchema.optional() }).optional(),
});

export type AgreementFile = z.infer<typeof AgreementFileSchema>;
export type MeetingFile = z.infer<typeof MeetingFileSchema>;
export type CensusFile = z.infer<typeof CensusFileSchema>;

// ---------------------------------------------------------------------------------------------
// Problems: `path: message`.

type PathPart = string | number | symbol;

/** `people[2].email`, `meetings.pilot-review.rrule`; `(file)` for the root. */
export function formatPath(path: readonly PathPart[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(file)' : out;
}

/** Turns zod issues into `path: message` lines, with plainer words than zod's defaults. */
export function issuesToProblems(issues: readonly z.core.$ZodIssue[], input?: unknown): string[] {
  const problems: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push(`${formatPath([...issue.path, key])}: unknown field`);
      continue;
    }
    if (issue.code === 'invalid_union' && typeof valueAt(input, issue.path) === 'object' && issue.errors[0]) {
      // `meeting | false`, `census | false`: an object was meant, so report what is wrong inside it.
      const inner = issue.errors[0].map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
      problems.push(...issuesToProblems(inner, input));
      continue;
    }
    let message = issue.message;
    if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) message = 'required';
    else if (issue.code === 'invalid_type') message = message.replace(/^Invalid input: /, '');
    else if (issue.code === 'invalid_union' && issue.path[0] === 'meetings') {
      message = 'must be a meeting (rrule, time, attendees…) or false';
    } else if (issue.code === 'invalid_union' && issue.path[0] === 'census') {
      message = 'must be a census (opensOn, closesOn, to…) or false';
    } else if (issue.code === 'invalid_value') message = message.replace(/^Invalid option: /, '');
    problems.push(`${formatPath(issue.path)}: ${message}`);
  }
  return problems;
}

function valueAt(input: unknown, path: readonly PathPart[]): unknown {
  let v: unknown = input;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PathPart, unknown>)[p];
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// Cross-field rules, on the complete agreement.

const ROLE_SET: ReadonlySet<string> = new Set(ROLES);
const RESERVED_TYPES: ReadonlySet<string> = new Set(BUILTIN_EVENT_TYPES);

function addMonthsClamped(date: string, duration: string): DateTime {
  // luxon clamps month arithmetic to the end of the month (calendar rule 10,
  // docs/calendar-rules.md#rule-10-month-arithmetic).
  return DateTime.fromISO(date, { zone: 'utc' }).plus(Duration.fromISO(duration));
}

function windowRange(window: string): [string, string] | undefined {
  const m = WINDOW_PATTERN.exec(window);
  if (!m) return undefined;
  const year = Number(m[1]);
  const part = m[2] as string;
  const [first, months] = part.startsWith('H') ? [(Number(part[1]) - 1) * 6 + 1, 6] : [(Number(part[1]) - 1) * 3 + 1, 3];
  const start = DateTime.utc(year, first, 1);
  return [start.toISODate() as string, start.plus({ months }).minus({ days: 1 }).toISODate() as string];
}

/**
 * Every cross-field problem of a complete agreement, as `path: message` lines (empty when valid).
 * Also runs the field checks again, so it can vet an agreement received from elsewhere (an
 * amendment in a workflow update) without going through the file schema.
 */
export function agreementProblems(a: Agreement): string[] {
  const problems: string[] = [];
  const add = (path: PathPart[], message: string) => problems.push(`${formatPath(path)}: ${message}`);

  if (!ID_PATTERN.test(a.id)) add(['id'], 'not a valid id: lowercase letters, digits and dashes, 3 to 63 characters');
  if (!IANAZone.isValidZone(a.timezone)) add(['timezone'], `not an IANA time zone: "${a.timezone}"`);

  const duplicates = (items: { id: string }[], path: PathPart[], what: string, seen = new Map<string, string>()) => {
    items.forEach((item, i) => {
      const first = seen.get(item.id);
      if (first !== undefined) add([...path, i, 'id'], `duplicate ${what} id "${item.id}" (already used by ${first})`);
      else seen.set(item.id, formatPath([...path, i]));
    });
  };
  duplicates(a.parties, ['parties'], 'party');
  duplicates(a.people, ['people'], 'person');
  duplicates(a.axes, ['axes'], 'axis');
  const projectIds = new Map<string, string>();
  a.axes.forEach((axis, i) => duplicates(axis.projects, ['axes', i, 'projects'], 'project', projectIds));
  duplicates(a.events, ['events'], 'event');

  const partyIds = new Set(a.parties.map((p) => p.id));
  const personIds = new Set(a.people.map((p) => p.id));
  const heldRoles = new Set<string>(a.people.flatMap((p) => p.roles));
  a.people.forEach((p, i) => {
    if (!partyIds.has(p.party)) add(['people', i, 'party'], `unknown party "${p.party}"`);
  });

  const checkPeople = (ids: string[], path: PathPart[]) =>
    ids.forEach((id, i) => {
      if (!personIds.has(id)) add([...path, i], `unknown person "${id}"`);
    });
  const checkAudience = (refs: string[], path: PathPart[], required: boolean) => {
    let someone = false;
    let unknown = false;
    refs.forEach((ref, i) => {
      if (personIds.has(ref) || heldRoles.has(ref)) someone = true;
      else if (!ROLE_SET.has(ref)) {
        unknown = true;
        add([...path, i], `unknown person or role "${ref}"`);
      }
    });
    if (required && !someone && !unknown) add(path, `nobody is concerned: no person has any of ${refs.join(', ') || '(none)'}`);
  };

  a.axes.forEach((axis, i) => {
    checkPeople(axis.pilots, ['axes', i, 'pilots']);
    axis.projects.forEach((project, j) => {
      checkPeople(project.leads, ['axes', i, 'projects', j, 'leads']);
      if (project.leadParty !== undefined && !partyIds.has(project.leadParty)) {
        add(['axes', i, 'projects', j, 'leadParty'], `unknown party "${project.leadParty}"`);
      }
    });
  });

  // Term (art. 12 for a convention cadre): dates, order, maximum duration.
  const t = a.term;
  const termDates = (['signedOn', 'startsOn', 'endsOn'] as const).filter((k) => {
    const p = localDateProblem(t[k]);
    if (p) add(['term', k], p);
    return !p;
  });
  for (const k of ['noticePeriod', 'maxDuration', 'renewalMeetingWithin'] as const) {
    const v = t[k];
    const p = v === undefined ? undefined : durationProblem(v);
    if (p) add(['term', k], p);
  }
  const termOk = termDates.length === 3;
  if (termOk && t.endsOn <= t.startsOn) add(['term', 'endsOn'], `ends on ${t.endsOn}, not after the start ${t.startsOn}`);
  else if (termOk && !durationProblem(t.maxDuration) && addMonthsClamped(t.startsOn, t.maxDuration).toISODate()! < t.endsOn) {
    add(
      ['term', 'endsOn'],
      `the term ${t.startsOn} – ${t.endsOn} is longer than maxDuration ${t.maxDuration} (at most until ${addMonthsClamped(t.startsOn, t.maxDuration).toISODate()})`,
    );
  }

  for (const [key, m] of Object.entries(a.meetings)) {
    const path = ['meetings', key];
    if (!ID_PATTERN.test(key)) add(path, 'not a valid meeting type: lowercase letters, digits and dashes, 3 to 63 characters');
    if (RESERVED_TYPES.has(key)) add(path, `"${key}" is reserved for the planner's own entries`);
    const rp = rruleProblem(m.rrule);
    if (rp) add([...path, 'rrule'], rp);
    if (!TIME_PATTERN.test(m.time)) add([...path, 'time'], 'not a time HH:MM');
    for (const [field, value] of [
      ['duration', m.duration],
      ['indicatorsDueBefore', m.indicatorsDueBefore],
    ] as const) {
      const p = value === undefined ? undefined : durationProblem(value);
      if (p) add([...path, field], p);
    }
    m.remindBefore.forEach((d, i) => {
      const p = durationProblem(d);
      if (p) add([...path, 'remindBefore', i], p);
    });
    checkAudience(m.attendees, [...path, 'attendees'], true);
  }

  if (a.census) {
    checkAudience(a.census.to, ['census', 'to'], true);
    for (const field of ['opensOn', 'closesOn'] as const) {
      const p = monthDayProblem(a.census[field]);
      if (p) add(['census', field], p);
    }
  }

  a.events.forEach((e, i) => {
    const path = ['events', i];
    checkAudience(e.attendees, [...path, 'attendees'], true);
    if (!termOk) return;
    const range: [string, string] | undefined =
      e.date !== undefined ? [e.date, e.date] : e.start !== undefined && e.end !== undefined ? [e.start, e.end] : e.window !== undefined ? windowRange(e.window) : undefined;
    if (!range) return;
    const field = e.date !== undefined ? 'date' : e.window !== undefined ? 'window' : 'start';
    if (e.start !== undefined && e.end !== undefined && e.end < e.start) add([...path, 'end'], `ends on ${e.end}, before its start ${e.start}`);
    else if (e.window !== undefined ? range[1] < t.startsOn || range[0] > t.endsOn : range[0] < t.startsOn || range[1] > t.endsOn) {
      add([...path, field], `outside the term ${t.startsOn} – ${t.endsOn}`);
    }
  });

  return problems;
}

// ---------------------------------------------------------------------------------------------
// The complete agreement (defaults applied), for data that did not come from a file: a workflow
// input or an amendment in an update. Same field rules, every defaulted field required.

export const AgreementSchema = z.strictObject({
  id: IdSchema,
  kind: z.enum(AGREEMENT_KINDS),
  title: NonEmptyString,
  timezone: TimezoneSchema,
  locale: z.enum(LOCALES),
  holidays: z.enum(HOLIDAY_CALENDARS),
  // Optional here: lifecycles started before the field existed carry none (Monday to Friday).
  workdays: WorkdaysSchema.optional(),
  parties: z.array(PartyFileSchema).min(2, { error: 'at least two parties' }),
  people: z.array(PersonFileSchema.required({ roles: true })).min(1, { error: 'at least one person' }),
  term: TermFileSchema.required({ startsOn: true, noticePeriod: true, maxDuration: true }),
  axes: z.array(
    AxisFileSchema.extend({
      pilots: z.array(NonEmptyString),
      projects: z.array(ProjectFileSchema.required({ leads: true })),
    }),
  ),
  meetings: z.record(
    z.string(),
    MeetingFileSchema.required({ rrule: true, time: true, duration: true, attendees: true, remindBefore: true, onNonBusinessDay: true }),
  ),
  census: CensusFileSchema.required({
    opensOn: true,
    closesOn: true,
    to: true,
    remindBefore: true,
    projectSheetDueAfter: true,
    projectSheetRemindBefore: true,
    escalateAfter: true,
    minParticipants: true,
  }).optional(),
  events: z.array(EventFileSchema.required({ attendees: true, remindBefore: true })),
  reminders: z.strictObject({ time: LocalTimeSchema }),
});
