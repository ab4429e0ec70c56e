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
} from './lifecycle-state';

/** An event ahead, as the plan lists it (`PlannedEvent`), with its title. */
export type UpcomingEvent = Pick<
  PlannedEvent,
  'id' | 'type' | 'date' | 'at' | 'allDay' | 'end' | 'window' | 'movedFrom'
> & {
  title: string;
};

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
  runs: number;
}
