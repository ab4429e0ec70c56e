/**
 * What coordinators record in a running lifecycle (docs/domain.md#what-coordinators-record), as zod
 * schemas shared by the `pacte` commands (to refuse bad input before it leaves the machine) and the
 * workflow's update validators (to refuse it again where it counts, without changing anything).
 *
 * Dates are optional: a missing date means "today" in the agreement's time zone, as seen by the
 * workflow.
 *
 * @module
 */
import { z } from 'zod';
import { IdSchema, LocalDateSchema } from './field-schemas';
import { SNOOZE_DAYS } from './reminder-thread';

const localDate = LocalDateSchema;
const id = IdSchema;
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

/**
 * Who recorded an operation and from where, kept in the lifecycle's journal and shown by
 * `pacte show`, the web application and the Temporal Web UI. `personId` is set when the actor is
 * one of the agreement's people; `account` is how the sign-in (or the machine) names them.
 */
export const RecordedBy = z.strictObject({
  via: z.enum(['cli', 'web', 'email-link']),
  personId: id.optional(),
  account: text(200).optional(),
});
export type RecordedBy = z.infer<typeof RecordedBy>;
const recordedBy = RecordedBy.optional();

export const CensusAnswerInput = z.strictObject({
  recordedBy,
  year: z.number().int().min(2000).max(2100),
  answeredOn: localDate.optional(),
});
export type CensusAnswerInput = z.infer<typeof CensusAnswerInput>;

export const RetainedProjectsInput = z.strictObject({
  recordedBy,
  year: z.number().int().min(2000).max(2100),
  notifiedOn: localDate.optional(),
  projects: z
    .array(z.strictObject({ id, title: text(200), leads: z.array(id).min(1, 'at least one project lead') }))
    .min(1, 'at least one retained project'),
});
export type RetainedProjectsInput = z.infer<typeof RetainedProjectsInput>;

/** The project sheet of art. 9. */
export const ProjectSheetInput = z.strictObject({
  recordedBy,
  projectId: id,
  label: text(200),
  place: text(200),
  period: text(200),
  mode: z.enum(['presentiel', 'distance', 'mixte']),
  participants: z.number().int().min(1, 'at least one participant'),
  regulated: z.boolean().default(false),
  context: text(4000),
  objectives: text(4000),
  submittedOn: localDate.optional(),
});
export type ProjectSheetInput = z.input<typeof ProjectSheetInput>;

export const MeetingHeldInput = z.strictObject({
  recordedBy,
  entryId: z.string().min(1, 'must not be empty'),
  heldOn: localDate.optional(),
  minutesUrl: z.url('not a URL').optional(),
  trackingTable: z.enum(['up-to-date', 'late', 'not-applicable']).optional(),
  /** The axes whose tracking table is late: their pilots and project leads are told, no others. */
  axes: z.array(z.string().min(1, 'must not be empty')).min(1, 'name at least one axis').optional(),
});
export type MeetingHeldInput = z.infer<typeof MeetingHeldInput>;

export const NoticeInput = z.strictObject({
  recordedBy,
  byParty: id,
  givenOn: localDate.optional(),
});
export type NoticeInput = z.infer<typeof NoticeInput>;

export const RenewalMeetingInput = z.strictObject({
  recordedBy,
  heldOn: localDate.optional(),
});
export type RenewalMeetingInput = z.infer<typeof RenewalMeetingInput>;

export const DisputeInput = z.strictObject({
  recordedBy,
  byParty: id,
  notifiedOn: localDate.optional(),
  subject: text(500).optional(),
});
export type DisputeInput = z.infer<typeof DisputeInput>;

/**
 * The art. 8 indicators of a meeting occurrence sent (its calendar entry id): their reminders
 * stop. `url` is where they are shared, when they are.
 */
export const IndicatorsInput = z.strictObject({
  recordedBy,
  entryId: z.string().min(1, 'must not be empty'),
  sentOn: localDate.optional(),
  url: z.url({ protocol: /^https$/, error: 'not an https:// URL' }).optional(),
});
export type IndicatorsInput = z.infer<typeof IndicatorsInput>;

/**
 * The reminders a person may say no longer concern them: those they receive for something
 * planned (calendar reminders, project sheets), not those the referents get about others
 * (escalations, sheets under the threshold, disputes), nor cancellations and updates.
 */
export const DECLINABLE_PURPOSES = [
  'meeting',
  'indicators',
  'census-open',
  'census-launch',
  'census-deadline',
  'census-retained',
  'renewal-window',
  'renewal-followup',
  'meeting-followup',
  'event',
  'event-undated',
  'project-sheet',
] as const;
export type DeclinablePurpose = (typeof DECLINABLE_PURPOSES)[number];

/**
 * « Ce rappel ne me concerne plus »: `personId` says a reminder (its purpose and subject: a
 * calendar entry id, or `sheet-<year>-<project id>`) no longer concerns them. The referents are
 * told; nobody is removed until one of them changes the person.
 */
export const DeclineReminderInput = z.strictObject({
  recordedBy,
  purpose: z.enum(DECLINABLE_PURPOSES, { error: `expected one of ${DECLINABLE_PURPOSES.join(', ')}` }),
  subjectId: z.string().min(1, 'must not be empty').max(200, 'at most 200 characters'),
  personId: id,
  reason: text(500).optional(),
});
export type DeclineReminderInput = z.infer<typeof DeclineReminderInput>;

/** An amendment or a successor: a whole agreement file, parsed and validated like `pacte start`'s. */
export const AgreementFileInput = z.strictObject({
  recordedBy,
  agreement: z.unknown().refine((v) => v !== undefined && v !== null, 'the agreement file is missing'),
  summary: text(500).optional(),
});
export type AgreementFileInput = z.infer<typeof AgreementFileInput>;

/**
 * A change of person (issue 14), effective from `effectiveOn` (default today): `replace` keeps
 * the person's id, roles and places with a new name or e-mail; `remove` drops them; `add` brings
 * in `person`, who takes over every role and place of `personId` (who leaves).
 */
const effectiveOn = localDate.optional();
const email = z.email({ error: 'not an e-mail address' });
export const ChangePersonInput = z.discriminatedUnion(
  'change',
  [
    z
      .strictObject({
        recordedBy,
        change: z.literal('replace'),
        personId: id,
        name: text(200).optional(),
        email: email.optional(),
        effectiveOn,
      })
      .refine((v) => v.name !== undefined || v.email !== undefined, {
        error: 'give the new name, the new e-mail or both',
        path: ['email'],
      }),
    z.strictObject({ recordedBy, change: z.literal('remove'), personId: id, effectiveOn }),
    z.strictObject({
      recordedBy,
      change: z.literal('add'),
      personId: id,
      person: z.strictObject({ id, name: text(200), email }),
      effectiveOn,
    }),
  ],
  { error: 'expected replace, remove or add' },
);
export type ChangePersonInput = z.infer<typeof ChangePersonInput>;

/**
 * « Me le rappeler dans 3 jours » (issue 16): `personId` hears nothing more of `thread`
 * (domain/reminder-thread.ts) for `days` days but the last reminder before the deadline, and
 * once at their end. The lifecycle refuses a thread that has no reminder left for the person.
 */
export const SnoozeInput = z.strictObject({
  recordedBy,
  thread: z
    .string()
    .regex(/^(census\/\d{4}|sheet\/\d{4}\/.+|indicators\/.+|followup\/.+)$/, 'not a reminder thread')
    .max(200, 'at most 200 characters'),
  personId: id,
  days: z
    .number()
    .int('a whole number of days')
    .min(SNOOZE_DAYS.min, `at least ${SNOOZE_DAYS.min} day`)
    .max(SNOOZE_DAYS.max, `at most ${SNOOZE_DAYS.max} days`),
});
export type SnoozeInput = z.infer<typeof SnoozeInput>;

/** Problems are formatted as everywhere else (`path: message`). */
export { describeZodError } from './problems';
