/**
 * The zod schemas of single fields, shared by the agreement file and the operations, so an id or
 * a date is the same thing everywhere: same rule, same message.
 *
 * @module
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { WEEKDAYS } from './agreement';
import {
  durationProblem,
  ID_PATTERN,
  localDateProblem,
  monthDayProblem,
  rruleProblem,
  shown,
  TIME_PATTERN,
} from './field-checks';

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
export const NonEmptyString = z.string().trim().min(1, { error: 'must not be empty' });
/** A role name or a person id; whether it exists is a cross-field check. */
export const AudienceSchema = z.array(NonEmptyString);

/** Working days as RFC 5545 day codes (`[MO, TU, WE, TH, FR, SA]`), each at most once. */
export const WorkdaysSchema = z
  .array(z.enum(WEEKDAYS, { error: (i) => `unknown day "${shown(i.input)}" (one of ${WEEKDAYS.join(', ')})` }))
  .min(1, { error: 'at least one working day' })
  .refine((days) => new Set(days).size === days.length, { error: 'a day is listed twice' });
