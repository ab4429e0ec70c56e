/**
 * The state of an agreement lifecycle: what the `state` query returns and what continue-as-new
 * carries from one run to the next. Plain JSON only (no Map, Set or luxon objects): it travels in
 * payloads and must survive serialisation unchanged.
 *
 * @module
 */
import type { Agreement, LocalDate } from '../domain/agreement';
import type { PersonChangeRecord } from '../domain/person-changes';
import type { CalendarFacts } from '../domain/calendar-types';
import type { RecordedBy } from '../domain/operations';
import type { OperationOutcome } from './operation-outcome';
import type { MessagePurpose } from './reminder-message';

export const PHASES = ['active', 'renewal-window', 'notice-given', 'terminated', 'expired', 'renewed'] as const;
export type Phase = (typeof PHASES)[number];

/** One e-mail handed to the SMTP server (or refused by it). */
export interface SentRecord {
  messageId: string;
  /** Local date the message was due. */
  day: LocalDate;
  /** Workflow time at which it was handed over (ISO instant, UTC). */
  sentAt: string;
  /** Person id of the recipient. */
  to: string;
  purposes: MessagePurpose[];
  reminderIds: string[];
}

export interface FailedDelivery {
  messageId: string;
  day: LocalDate;
  failedAt: string;
  to: string;
  reminderIds: string[];
  /** `permanent` when the server refused the recipient, `exhausted` when retries ran out. */
  kind: 'permanent' | 'exhausted';
  reason: string;
}

export interface RecordedMeeting {
  /** Calendar entry id of the occurrence, e.g. `pilot-review-2025-03-04`. */
  entryId: string;
  type: string;
  heldOn: LocalDate;
  minutesUrl?: string;
  trackingTable?: 'up-to-date' | 'late' | 'not-applicable';
  recordedAt: string;
}

/** What was last sent for a meeting occurrence's invitation, to decide on updates and cancels. */
export interface InvitationRecord {
  uid: string;
  /** Calendar entry the invitation currently describes, and its meeting type. */
  entryId: string;
  type: string;
  sequence: number;
  start: string;
  end: string;
  summary: string;
  location?: string;
  /** Person ids who received this invitation. */
  sentTo: string[];
  cancelled?: boolean;
}

/** The art. 8 indicators of one meeting occurrence, recorded as sent (`recordIndicators`). */
export interface IndicatorsRecord {
  /** Calendar entry id of the meeting they feed, e.g. `annual-review-2026-12-08`. */
  entryId: string;
  sentOn: LocalDate;
  url?: string;
}

/** A person's « ce rappel ne me concerne plus » (`declineReminder`): told to the referents once. */
export interface DeclinedReminder {
  purpose: string;
  /** Calendar entry id, or `sheet-<year>-<project id>`. */
  subjectId: string;
  personId: string;
  declaredOn: LocalDate;
}

export interface ProjectSheetSubmission {
  label: string;
  place: string;
  period: string;
  mode: 'presentiel' | 'distance' | 'mixte';
  participants: number;
  regulated: boolean;
  context: string;
  objectives: string;
}

export interface SheetRecord {
  projectId: string;
  title: string;
  censusYear: number;
  /** Person ids of the project leads. */
  leads: string[];
  notifiedOn: LocalDate;
  dueOn: LocalDate;
  dueAt: string;
  escalateAt: string;
  /** Planned reminders before the due date: `{id, date, at}`. */
  reminders: { id: string; date: LocalDate; at: string }[];
  submittedOn?: LocalDate;
  sheet?: ProjectSheetSubmission;
  /** Participants under `census.minParticipants` for a training that is not regulated. */
  flagged?: boolean;
  escalatedOn?: LocalDate;
}

export interface CensusRecord {
  year: number;
  openedOn?: LocalDate;
  answeredOn?: LocalDate;
  projectsNotifiedOn?: LocalDate;
  /** Child workflow id once started. */
  workflowId?: string;
  closed?: boolean;
}

export interface DisputeRecord {
  notifiedOn: LocalDate;
  byParty: string;
  subject?: string;
  /** First day a court may be seized (rule 9, extended per rule 4). */
  courtFrom: LocalDate;
  reminderAt: string;
}

export interface AmendmentRecord {
  version: number;
  recordedOn: LocalDate;
  summary?: string;
}

/**
 * One accepted operation, as the lifecycle's journal keeps it: when (workflow clock, the
 * agreement's offset), which update, what it did (the outcome it answered, as data) and who
 * recorded it from where. `recordedBy.account` may be an e-mail address: it lives in payloads
 * only (encrypted by the codec), never in search attributes, ids or logs.
 */
export interface JournalEntry {
  at: string;
  /** The update's name, e.g. `recordMeeting`. */
  operation: string;
  summary: OperationOutcome;
  /** Absent when the client did not say (operations recorded before the field existed). */
  recordedBy?: RecordedBy;
}

/**
 * « Me le rappeler dans 3 jours » (operation `snoozeReminders`): `personId` hears nothing of
 * `thread` (domain/reminder-thread.ts) between `at` and `until` but the thread's last reminder,
 * and once more at `until` (workflows/snoozes.ts). ISO instants in the agreement's zone.
 */
export interface SnoozeRecord {
  thread: string;
  personId: string;
  at: string;
  until: string;
  /**
   * The key of the thread's last reminder for the person when the snooze was made: it stays,
   * whatever its date (the last reminder before the deadline). Kept by key, not found again
   * later: once it is delivered, a reminder left out must not become « the last » and come back.
   */
  keep: string;
}

/** One year of deliveries (and of journal entries), summarised. */
export interface PastYear {
  year: number;
  sent: number;
  failures: number;
  /** Journal entries of that year no longer kept in full. */
  operations?: number;
}

export interface LifecycleState {
  agreement: Agreement;
  /** 1 for the signed agreement, +1 per amendment. */
  version: number;
  phase: Phase;
  facts: Required<Pick<CalendarFacts, 'censusAnsweredYears'>> & Omit<CalendarFacts, 'now' | 'censusAnsweredYears'>;
  /** Reminders planned before this instant are never sent: the lifecycle (or the current version) did not exist yet. */
  plannedFrom: string;
  /** When the lifecycle first started (ISO instant). */
  startedAt: string;
  /** Keys of reminder deliveries already done (`<dedupe key>|<person id>`): never sent twice. */
  deliveredKeys: string[];
  /** This year's e-mails (earlier years are counted in `pastYears`). */
  sent: SentRecord[];
  failures: FailedDelivery[];
  /** E-mails of the years before, counted when the lifecycle continued as new: the state stays bounded. */
  pastYears?: PastYear[];
  meetings: RecordedMeeting[];
  /** Keyed by invitation UID. */
  invitations: Record<string, InvitationRecord>;
  /** A meeting occurrence moved by an amendment keeps the invitation UID of the one it replaces. */
  uidAliases: Record<string, string>;
  census: CensusRecord[];
  sheets: SheetRecord[];
  disputes: DisputeRecord[];
  amendments: AmendmentRecord[];
  /**
   * Accepted operations, oldest first: this year's (earlier years are counted in `pastYears`).
   * Absent in lifecycles started before the journal existed.
   */
  journal?: JournalEntry[];
  /**
   * Changes of person (replaced, removed, taken over), in the order recorded; applied to
   * `agreement` from their `effectiveOn` (`appliedOn` then set). Absent until the first.
   */
  personChanges?: PersonChangeRecord[];
  /**
   * Reminders postponed by their recipient, oldest first. Set only by the `snoozeReminders`
   * update, which histories recorded before it cannot hold: no patch is needed, a replay of
   * them never sees the field. Absent until the first.
   */
  snoozes?: SnoozeRecord[];
  /**
   * Indicators recorded as sent, by meeting occurrence. Absent until the first `recordIndicators`:
   * only that update (which no earlier history holds) sets it, so the reminders it stops need no
   * patch; recorded histories replay unchanged.
   */
  indicators?: IndicatorsRecord[];
  /**
   * Reminders people said no longer concern them; set only by `declineReminder` (no patch, as
   * `indicators`). Nobody is removed: the referents decide.
   */
  declinedReminders?: DeclinedReminder[];
  renewal: { meetingHeldOn?: LocalDate; successorId?: string };
  /** Agreement id of the agreement this one renews, if any. */
  predecessorId?: string;
  /** How many runs (continue-as-new) this lifecycle has gone through. */
  runs: number;
  /**
   * The art. 9 loop in full (patch `census-loop`): the CNFPT referent's census reminders, the
   * project leads told at once, a sheet under the threshold reported. Set by each run whose
   * history has the patch; absent in runs recorded before it.
   */
  censusLoop?: true;
  /** Meetings followed up (patch `meeting-followups`): set like `censusLoop`. */
  meetingFollowUps?: true;
  /**
   * A late tracking table told to the pilots and project leads of the axes the meeting names, and
   * to the pilots alone when it names none (patch `leads-by-axis`, v8): set like `censusLoop`.
   */
  leadsByAxis?: true;
}

export interface LifecycleInput {
  agreement: Agreement;
  /** Set when continuing as new. */
  state?: LifecycleState;
  predecessorId?: string;
  /**
   * From v8, a run continues as new when the server suggests it or once its history holds this
   * many events (default `RUN_EVENT_LIMIT`), whichever comes first; carried from run to run.
   * Tests set a small one to see a lifecycle continue as new.
   */
  runEventLimit?: number;
}

/** A run's history is kept far under Temporal's 51,200-event limit; the busiest example's term is under 2,500. */
export const RUN_EVENT_LIMIT = 10_000;

/** What the lifecycle returns when it ends. */
export interface LifecycleResult {
  agreementId: string;
  phase: Extract<Phase, 'terminated' | 'expired' | 'renewed'>;
  endedOn: LocalDate;
  successorId?: string;
  sent: number;
  failures: number;
}

/** The lifecycle workflow's signature, for starting it by name without importing workflow code. */
export type LifecycleWorkflow = (input: LifecycleInput) => Promise<LifecycleResult>;

/** A new lifecycle's state: nothing recorded, nothing sent, planned from `nowIso`. */
export function initialLifecycleState(input: LifecycleInput, nowIso: string): LifecycleState {
  return {
    agreement: input.agreement,
    version: 1,
    phase: 'active',
    facts: { censusAnsweredYears: [] },
    plannedFrom: nowIso,
    startedAt: nowIso,
    deliveredKeys: [],
    sent: [],
    failures: [],
    meetings: [],
    invitations: {},
    uidAliases: {},
    census: [],
    sheets: [],
    disputes: [],
    amendments: [],
    journal: [],
    renewal: {},
    ...(input.predecessorId ? { predecessorId: input.predecessorId } : {}),
    runs: 1,
  };
}
