/**
 * Each operation coordinators record, as its update paired with the schema that validates its
 * input: the `pacte` commands (and any other client) validate with the schema and send with the
 * update, so the two cannot be paired wrongly. Not imported by workflow code: the workflow loads
 * the same schemas lazily, on its first update (workflows/operation-schemas.ts).
 *
 * @module
 */
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import {
  AgreementFileInput,
  CensusAnswerInput,
  ChangePersonInput,
  DeclineReminderInput,
  DisputeInput,
  IndicatorsInput,
  MeetingHeldInput,
  NoticeInput,
  ProjectSheetInput,
  RenewalMeetingInput,
  RetainedProjectsInput,
  SnoozeInput,
} from '../domain/operations';
import * as messages from './messages';

/** An update and its input schema; what the schema accepts is what the update takes. */
export interface Operation<Input, Parsed extends Input, Result extends messages.OperationResult> {
  update: UpdateDefinition<Result, [Input]>;
  schema: z.ZodType<Parsed>;
}

function operation<Input, Parsed extends Input, Result extends messages.OperationResult>(
  update: UpdateDefinition<Result, [Input]>,
  schema: z.ZodType<Parsed>,
): Operation<Input, Parsed, Result> {
  return { update, schema };
}

export const OPERATIONS = {
  recordCensusAnswer: operation(messages.recordCensusAnswer, CensusAnswerInput),
  notifyRetainedProjects: operation(messages.notifyRetainedProjects, RetainedProjectsInput),
  submitProjectSheet: operation(messages.submitProjectSheet, ProjectSheetInput),
  recordMeeting: operation(messages.recordMeeting, MeetingHeldInput),
  amendAgreement: operation(messages.amendAgreement, AgreementFileInput),
  giveNotice: operation(messages.giveNotice, NoticeInput),
  recordRenewalMeeting: operation(messages.recordRenewalMeeting, RenewalMeetingInput),
  renewAgreement: operation(messages.renewAgreement, AgreementFileInput),
  recordDispute: operation(messages.recordDispute, DisputeInput),
  changePerson: operation(messages.changePerson, ChangePersonInput),
  snoozeReminders: operation(messages.snoozeReminders, SnoozeInput),
  recordIndicators: operation(messages.recordIndicators, IndicatorsInput),
  declineReminder: operation(messages.declineReminder, DeclineReminderInput),
};
