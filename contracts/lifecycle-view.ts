/**
 * What the lifecycle's `state` query answers: the state as people read it (phase, next events,
 * sheets, census, meetings, deliveries). Read by `pacte show`, `pacte list` and the tests.
 *
 * @module
 */
import type { PlannedEvent } from '../domain/plan';
import type {
  CensusRecord,
  DisputeRecord,
  DeclinedReminder,
  FailedDelivery,
  IndicatorsRecord,
  JournalEntry,
  LifecycleState,
  PastYear,
  Phase,
  RecordedMeeting,
  SentRecord,
  SheetRecord,
  SnoozeRecord,
} from './lifecycle-state';

/** An event ahead, as the plan lists it (`PlannedEvent`), with its title. */
export type UpcomingEvent = Pick<
  PlannedEvent,
  'id' | 'type' | 'date' | 'at' | 'allDay' | 'end' | 'window' | 'movedFrom'
> & {
  title: string;
};

/**
 * One person's reminders still to come on one thread (domain/reminder-thread.ts), snoozes
 * applied: what a « me le rappeler dans 3 jours » link decides and says with. Ids only.
 */
export interface ThreadReminders {
  thread: string;
  personId: string;
  /** What the reminders are about (the subject's title). */
  title: string;
  /** The next reminder and the last one before the deadline (ISO instants). */
  next: string;
  last: string;
  /** The deadline, when the reminders name one. */
  dueOn?: string;
}

/** A journal entry as shown: with the name of the person who recorded it, when one of the agreement's people. */
export type JournalView = JournalEntry & { byName?: string };

export interface LifecycleView {
  agreementId: string;
  title: string;
  kind: string;
  /** The agreement's zone and language, for rendering the view as its people read it. */
  timezone: string;
  locale: string;
  phase: Phase;
  version: number;
  startsOn: string;
  endsOn: string;
  /** `endsOn`, or the effective date of a notice. */
  effectiveEnd: string;
  notice?: { givenOn: string; byParty: string };
  nextEvents: UpcomingEvent[];
  /** The earliest upcoming event or sheet deadline (ISO instant), if any. */
  nextDeadline?: string;
  pendingSheets: SheetRecord[];
  overdueSheets: SheetRecord[];
  submittedSheets: SheetRecord[];
  census: CensusRecord[];
  meetings: RecordedMeeting[];
  /** Indicators recorded as sent (art. 8); absent from the answers of workers older than them. */
  indicators?: IndicatorsRecord[];
  /** Reminders people said no longer concern them (absent from older workers' answers). */
  declinedReminders?: DeclinedReminder[];
  disputes: DisputeRecord[];
  renewal: LifecycleState['renewal'];
  predecessorId?: string;
  amendments: LifecycleState['amendments'];
  /** This year's e-mails; earlier years are counted in `pastYears`. */
  sent: SentRecord[];
  failures: FailedDelivery[];
  pastYears: PastYear[];
  /** This year's accepted operations, oldest first: who did what, when and from where. */
  journal: JournalView[];
  /** Reminders postponed by their recipients (absent from the answers of workers older than them). */
  snoozes?: SnoozeRecord[];
  /** Per thread and person, the reminders still to come (the `state` query's answer only). */
  threads?: ThreadReminders[];
  runs: number;
}
