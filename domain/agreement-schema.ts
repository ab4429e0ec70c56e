/**
 * The agreement file's shape (docs/agreement-file.md), shared by the CLI and the workflow-update
 * validators:
 * - {@link AgreementFileSchema}: the shape a coordinator writes (every kind default still
 *   missing), field by field (`field-schemas.ts`);
 * - {@link AgreementSchema}: the complete agreement (defaults applied), for data that did not
 *   come from a file: a workflow input or an amendment in an update.
 * The cross-field rules are in `agreement-rules.ts`, problem formatting in `problems.ts`.
 *
 * Pure: zod, luxon and rrule only, no I/O and no Node builtins, so it runs in workflow code.
 *
 * @module
 */
import { z } from 'zod';
import {
  AGREEMENT_KINDS,
  CIVILITIES,
  DOCUMENT_GENDERS,
  HOLIDAY_CALENDARS,
  LOCALES,
  NON_BUSINESS_DAY_POLICIES,
  ROLES,
} from './agreement';
import { WINDOW_ERROR, WINDOW_PATTERN } from './event-window';
import {
  AudienceSchema,
  DurationSchema,
  IdSchema,
  LocalDateSchema,
  LocalTimeSchema,
  MonthDaySchema,
  NonEmptyString,
  RRuleSchema,
  TimezoneSchema,
  WorkdaysSchema,
} from './field-schemas';
import { shown } from './field-checks';

export const PartyFileSchema = z.strictObject({ id: IdSchema, name: NonEmptyString });

export const PersonFileSchema = z.strictObject({
  id: IdSchema,
  name: NonEmptyString,
  email: z.email({ error: 'not an e-mail address' }),
  party: NonEmptyString,
  roles: z
    .array(z.enum(ROLES, { error: (i) => `unknown role "${shown(i.input)}" (one of ${ROLES.join(', ')})` }))
    .optional(),
  civility: z
    .enum(CIVILITIES, { error: (i) => `unknown civility "${shown(i.input)}" (one of ${CIVILITIES.join(', ')})` })
    .optional(),
});

export const TermFileSchema = z.strictObject({
  signedOn: LocalDateSchema,
  startsOn: LocalDateSchema.optional(),
  endsOn: LocalDateSchema,
  noticePeriod: DurationSchema.optional(),
  noticeForm: NonEmptyString.optional(),
  renewalMeetingWithin: DurationSchema.optional(),
  renewalAgenda: NonEmptyString.optional(),
  maxDuration: DurationSchema.optional(),
});

export const DocumentFileSchema = z.strictObject({
  name: NonEmptyString,
  gender: z.enum(DOCUMENT_GENDERS, {
    error: (i) => `unknown gender "${shown(i.input)}" (one of ${DOCUMENT_GENDERS.join(', ')})`,
  }),
});

export const ArticlesFileSchema = z.strictObject({
  notice: NonEmptyString.optional(),
  renewal: NonEmptyString.optional(),
  amendment: NonEmptyString.optional(),
  dispute: NonEmptyString.optional(),
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
  indicators: z.array(NonEmptyString).min(1, { error: 'at least one indicator' }).optional(),
  indicatorsArticle: NonEmptyString.optional(),
  prepare: z.array(NonEmptyString).min(1, { error: 'at least one thing to prepare' }).optional(),
  followUpAfter: DurationSchema.optional(),
  leadsReportBefore: DurationSchema.optional(),
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
  sheetTemplate: NonEmptyString.optional(),
});

export const EventFileSchema = z
  .strictObject({
    id: IdSchema,
    title: NonEmptyString,
    date: LocalDateSchema.optional(),
    start: LocalDateSchema.optional(),
    end: LocalDateSchema.optional(),
    window: z.string().regex(WINDOW_PATTERN, { error: WINDOW_ERROR }).optional(),
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

/** The agreement file as written (docs/agreement-file.md), before the defaults of its kind. */
export const AgreementFileSchema = z.strictObject({
  id: IdSchema,
  kind: z.enum(AGREEMENT_KINDS, {
    error: (i) => `unknown kind "${shown(i.input)}" (one of ${AGREEMENT_KINDS.join(', ')})`,
  }),
  title: NonEmptyString,
  timezone: TimezoneSchema.optional(),
  locale: z.enum(LOCALES).optional(),
  holidays: z.enum(HOLIDAY_CALENDARS).optional(),
  workdays: WorkdaysSchema.optional(),
  parties: z.array(PartyFileSchema).min(2, { error: 'at least two parties' }),
  people: z.array(PersonFileSchema).min(1, { error: 'at least one person' }),
  /** Person id of the meetings' organizer and of the Reply-To of every e-mail (default: the CNFPT referent). */
  organizer: IdSchema.optional(),
  /** What the agreement calls itself (default per kind: convention, contrat, plan d'action, schéma). */
  document: DocumentFileSchema.optional(),
  /** Articles behind the notice, renewal, amendment and dispute clauses (default per kind). */
  articles: ArticlesFileSchema.optional(),
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
  // Optional: lifecycles started before the field existed carry none (the CNFPT referent).
  organizer: IdSchema.optional(),
  // Optional: lifecycles started before these fields existed carry none.
  document: DocumentFileSchema.optional(),
  articles: ArticlesFileSchema.optional(),
  // noticePeriod optional: a kind whose source gives none has none (rule 8).
  term: TermFileSchema.required({ startsOn: true, maxDuration: true }),
  axes: z.array(
    AxisFileSchema.extend({
      pilots: z.array(NonEmptyString),
      projects: z.array(ProjectFileSchema.required({ leads: true })),
    }),
  ),
  meetings: z.record(
    z.string(),
    MeetingFileSchema.required({
      rrule: true,
      time: true,
      duration: true,
      attendees: true,
      remindBefore: true,
      onNonBusinessDay: true,
    }),
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
