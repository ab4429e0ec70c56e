/**
 * What the lifecycle workflows hand to the delivery activity: one e-mail for one person,
 * grouping every reminder of one agreement due to that person on one day
 * (docs/contracts.md#e-mails). Plain JSON: it travels in workflow payloads. Rendering (French text,
 * HTML, iCalendar) is the activity's job; the workflow decides what, when and to whom.
 *
 * @module
 */
import type { Civility, DocumentName, Locale, Party } from '../domain/agreement';
import type { ReminderPurpose } from '../domain/calendar-types';

/** Reminder kinds beyond the planned calendar: each has its own template. */
export type MessagePurpose =
  | ReminderPurpose
  | 'project-sheet' // art. 9: send the project sheet before its due date
  | 'project-sheet-escalation' // art. 9: sheets overdue, to the referents of both parties
  | 'project-sheet-below-minimum' // art. 9: a sheet under the participant threshold, to the referents
  | 'tracking-table-late' // a meeting recorded with its tracking table late: to the axis's pilots and project leads
  | 'notice' // art. 12: notice given, what stops and when
  | 'dispute' // art. 14: the amicable period ends soon
  | 'meeting-update' // a meeting moved (amendment): updated invitation
  | 'meeting-cancel' // a meeting disappeared (notice, amendment): cancellation
  | 'reminder-declined'; // someone says a reminder no longer concerns them: to the referents

export interface Recipient {
  id: string;
  name: string;
  email: string;
  /** « Madame » / « Monsieur » when the file gives it: the greeting then uses it. */
  civility?: Civility;
}

/**
 * A calendar invitation attached to a meeting item (RFC 5546 iTIP): REQUEST to the attendees,
 * PUBLISH (no attendees, no answer expected) for the organizer's own copy, CANCEL to all who hold it.
 */
export interface Invitation {
  /** Stable per occurrence: `<entry id>@<agreement id>.pacte`. */
  uid: string;
  /** 0 for the first invitation, raised each time the occurrence changes. */
  sequence: number;
  method: 'REQUEST' | 'PUBLISH' | 'CANCEL';
  /** ISO instants with offset. */
  start: string;
  end: string;
  summary: string;
  location?: string;
  /** The agreement's organizer; never among `attendees`. */
  organizer: Recipient;
  attendees: Recipient[];
}

export interface MessageItem {
  /** The planned reminder id(s) this item stands for, for the log. */
  reminderId: string;
  purpose: MessagePurpose;
  /** What it is about. */
  subject: {
    id: string;
    type: string;
    title: string;
    /** Local date `YYYY-MM-DD`. */
    date: string;
    /** ISO instant with offset. */
    at: string;
    endsAt?: string;
    place?: string;
    article?: string;
    movedFrom?: string;
    movedBecause?: string;
    undated?: boolean;
    /** One-off event with a date and no time: show the date alone (`at` only sorts it). */
    allDay?: true;
    /** Multi-day one-off event: its last day `YYYY-MM-DD`, inclusive (`date` is the first). */
    end?: string;
    /** Undated one-off event: `YYYY-H1|H2`, `YYYY-Q1..Q4` or `YYYY-MM`; `date` is then a placeholder. */
    window?: string;
  };
  /** Purpose-specific facts the template shows (due dates, overdue sheets, census year…). */
  details?: {
    dueOn?: string;
    censusYear?: number;
    /** Census items: the programme year the census feeds (its label); absent in messages composed before. */
    programmeYear?: number;
    /**
     * Census items whose programme year begins after the term (the census of its last autumn):
     * the term's last day; the programme then depends on the renewal. Absent otherwise.
     */
    termEndsOn?: string;
    /** Below-threshold sheet (art. 9): the participants the sheet gives; `minParticipants` is the threshold. */
    participants?: number;
    /** Meeting follow-up: the day it was recorded as held (then only its minutes are missing). */
    heldOn?: string;
    /** Project sheet: the model the agreement gives for it (`census.sheetTemplate`). */
    sheetTemplate?: string;
    /** `responsible`: the project leads' names (escalation, art. 9); absent in messages composed before. */
    projects?: { id: string; title: string; dueOn: string; responsible?: string[] }[];
    noticeEffectiveOn?: string;
    noticeByParty?: string;
    previousAt?: string;
    minParticipants?: number;
    /** What the agreement says (domain/obligations.ts); absent in messages composed before. */
    indicators?: string[];
    prepare?: string[];
    noticePeriod?: string;
    noticeForm?: string;
    renewalAgenda?: string;
    /** Dispute: when it was notified, its subject, the last day of the amicable period. */
    notifiedOn?: string;
    disputeSubject?: string;
    amicableEndsOn?: string;
    /**
     * Tracking table (COT, annex 3): the one axis the item is about, its pilots' names and the
     * projects running that year; absent in messages composed before v8.
     */
    axis?: { id: string; title: string; pilots: string[]; projects: string[] };
    /** Reminder declined: whose, which kind of reminder, and the reason they gave. */
    declined?: { personName: string; purpose: string; reason?: string };
  };
  invitation?: Invitation;
  /**
   * Sent after its planned day (the lifecycle started, or its worker came back, after it): the
   * latest missed reminder of an item still ahead, said to be late. Absent when on time.
   */
  late?: { plannedOn: string };
}

export interface ReminderMessage {
  agreement: {
    id: string;
    title: string;
    locale: Locale;
    timezone: string;
    parties: Party[];
    /** What the agreement calls itself; absent in messages composed before: « la convention ». */
    document?: DocumentName;
    /**
     * Whom answers go to (Reply-To), the invitations' ORGANIZER. Absent only in messages
     * scheduled before the field existed: no Reply-To then.
     */
    organizer?: Recipient;
    /**
     * The agreement's version (1, +1 per amendment) the message was composed for: action links
     * are bound to it. Absent in messages scheduled before the field existed: no links then.
     */
    version?: number;
  };
  recipient: Recipient;
  /** Local date on which the message is due. */
  day: string;
  /** ISO instant (with offset) at which the workflow planned it. */
  dueAt: string;
  /** Deterministic: a retried send carries the same one (docs/contracts.md#e-mails). */
  messageId: string;
  items: MessageItem[];
}

export interface DeliveryReceipt {
  messageId: string;
  /** What the SMTP server answered. */
  response: string;
  accepted: string[];
}
