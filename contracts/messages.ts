/**
 * The public messages of Pacte's workflows: the updates coordinators send to a lifecycle
 * (validated, answered), the `state` queries of the lifecycle and of its census and project-sheet
 * children, and the signals the lifecycle sends to those children. Defined once here and used by
 * the workflows, the `pacte` client and the tests, so names and types cannot drift; the lifecycle
 * sends signals by definition, never by name.
 *
 * @module
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
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
import type { Agreement, Locale } from '../domain/agreement';
import type { LifecycleView } from './lifecycle-view';
import type { ProjectSheetSubmission } from './lifecycle-state';
import type { OperationOutcome } from './operation-outcome';

export type { OperationOutcome } from './operation-outcome';

/** What every operation answers: the phase after it, the agreement's language and what it did. */
export interface OperationResult {
  phase: string;
  locale: Locale;
  outcome: OperationOutcome;
}

export const recordCensusAnswer = defineUpdate<OperationResult, [CensusAnswerInput]>('recordCensusAnswer');
export const notifyRetainedProjects = defineUpdate<OperationResult, [RetainedProjectsInput]>('notifyRetainedProjects');
export const submitProjectSheet = defineUpdate<OperationResult & { flagged: boolean }, [ProjectSheetInput]>(
  'submitProjectSheet',
);
export const recordMeeting = defineUpdate<OperationResult, [MeetingHeldInput]>('recordMeeting');
export const amendAgreement = defineUpdate<OperationResult & { version: number }, [AgreementFileInput]>(
  'amendAgreement',
);
export const giveNotice = defineUpdate<OperationResult & { effectiveOn: string }, [NoticeInput]>('giveNotice');
export const recordRenewalMeeting = defineUpdate<OperationResult, [RenewalMeetingInput]>('recordRenewalMeeting');
export const renewAgreement = defineUpdate<OperationResult & { successorWorkflowId: string }, [AgreementFileInput]>(
  'renewAgreement',
);
export const recordDispute = defineUpdate<OperationResult & { courtFrom: string }, [DisputeInput]>('recordDispute');
export const changePerson = defineUpdate<OperationResult, [ChangePersonInput]>('changePerson');
export const snoozeReminders = defineUpdate<OperationResult, [SnoozeInput]>('snoozeReminders');
export const recordIndicators = defineUpdate<OperationResult, [IndicatorsInput]>('recordIndicators');
export const declineReminder = defineUpdate<OperationResult, [DeclineReminderInput]>('declineReminder');

export const stateQuery = defineQuery<LifecycleView>('state');
/**
 * The agreement as the lifecycle now holds it (after amendments): its people and their e-mails,
 * for clients that decide who may see and act on it (the web application).
 */
export const agreementQuery = defineQuery<Agreement>('agreement');
/** Both at once, for clients that need both (the web application): one query, one replay of an evicted lifecycle. */
export interface LifecycleSnapshot {
  view: LifecycleView;
  agreement: Agreement;
}
export const snapshotQuery = defineQuery<LifecycleSnapshot>('snapshot');

// Lifecycle → children. The lifecycle is authoritative; children keep the campaign's record and
// show it in the Web UI under their agreement.
export const censusAnswered = defineSignal<[{ answeredOn: string }]>('censusAnswered');
export const projectsRetained =
  defineSignal<[{ notifiedOn: string; projects: { id: string; title: string; dueOn: string }[] }]>('projectsRetained');
export const campaignClosed = defineSignal<[{ on: string; reason: string }]>('campaignClosed');
export const sheetSubmitted =
  defineSignal<[{ on: string; sheet: ProjectSheetSubmission; flagged: boolean }]>('sheetSubmitted');
export const sheetEscalated = defineSignal<[{ on: string }]>('sheetEscalated');
export const sheetClosed = defineSignal<[{ on: string; reason: string }]>('sheetClosed');

// The children's inputs and records, and their `state` queries.

export interface CensusCampaignInput {
  agreementId: string;
  year: number;
  opensOn: string;
  closesOn: string;
}

export interface CensusCampaignRecord extends CensusCampaignInput {
  answeredOn?: string;
  projectsNotifiedOn?: string;
  projects: { id: string; title: string; dueOn: string }[];
  closedOn?: string;
  closedBecause?: string;
}

export const censusCampaignState = defineQuery<CensusCampaignRecord>('state');

export interface ProjectSheetChildInput {
  agreementId: string;
  censusYear: number;
  projectId: string;
  title: string;
  dueOn: string;
}

export interface ProjectSheetRecord extends ProjectSheetChildInput {
  submittedOn?: string;
  sheet?: ProjectSheetSubmission;
  flagged?: boolean;
  escalatedOn?: string;
  closedOn?: string;
  closedBecause?: string;
}

export const projectSheetState = defineQuery<ProjectSheetRecord>('state');
