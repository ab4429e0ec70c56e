/**
 * What an operation did, as data: the lifecycle answers it to the client and keeps it in its
 * journal; the client words it in the agreement's language (`client/render/operation-outcome.ts`).
 *
 * @module
 */

/** The workflow builds no sentence: each kind carries the facts the client words. */
export type OperationOutcome =
  | { kind: 'census-answered'; year: number; answeredOn: string }
  | { kind: 'projects-retained'; year: number; sheets: { projectId: string; dueOn: string }[] }
  | {
      kind: 'sheet-submitted';
      projectId: string;
      submittedOn: string;
      /** Set when the sheet is under the participant threshold of a non-regulated training. */
      belowMinimum?: { participants: number; minimum: number };
    }
  | { kind: 'meeting-held'; entryId: string; title: string; date: string; heldOn: string }
  | { kind: 'amended'; version: number; invitationsUpdated: number; invitationsCancelled: number }
  | { kind: 'notice-given'; byParty: string; givenOn: string; effectiveOn: string }
  | { kind: 'renewal-meeting-held'; heldOn: string }
  | { kind: 'renewed'; successorId: string; successorWorkflowId: string; endsOn: string }
  | { kind: 'dispute-recorded'; byParty: string; notifiedOn: string; courtFrom: string }
  | {
      kind: 'person-changed';
      change: 'replace' | 'remove' | 'add';
      personId: string;
      /** `add`: the newcomer who takes over. */
      newPersonId?: string;
      effectiveOn: string;
      /** False when `effectiveOn` is ahead: the lifecycle applies it that day. */
      applied: boolean;
      /** Invitations cancelled for the one who leaves, sent to the one who arrives (when applied). */
      invitationsCancelled: number;
      invitationsSent: number;
    }
  | {
      kind: 'reminders-snoozed';
      /** domain/reminder-thread.ts: `census/2026`, `sheet/2026/<project>`… */
      thread: string;
      personId: string;
      /** When the snooze ends (ISO instant, the agreement's offset). */
      until: string;
      /** The person's next reminder of the thread, absent when none remains before the deadline. */
      next?: string;
      /** True when that next reminder is the thread's last one (the last before the deadline). */
      nextIsLast?: boolean;
    }
  | {
      kind: 'indicators-recorded';
      /** The meeting occurrence the indicators feed, its title and date, and when they were due. */
      entryId: string;
      title: string;
      date: string;
      dueOn: string;
      sentOn: string;
      url?: string;
    }
  | {
      kind: 'reminder-declined';
      /** Whose reminder (its purpose, subject, title and date): the referents are told the same day. */
      personId: string;
      purpose: string;
      subjectId: string;
      title: string;
      date: string;
      declaredOn: string;
      /** Referents the message goes to. */
      referentsTold: number;
    };
