/**
 * The words of the reminder templates in one language: every sentence a reminder may say, as a
 * function of the values it carries. The skeleton (`skeleton.ts`) decides which sentences an item
 * needs and computes the dates; a language only says them. The compiler checks that every language
 * has every sentence.
 *
 * @module
 */
import type { Locale } from '../../../domain/agreement';
import type { DocumentNoun } from '../document-noun';

/** Dates arrive already written out (« mardi 3 juin 2025 »); `year` is ` 2026` or empty. */
export interface Words {
  locale: Locale;
  /**
   * Art. 8 of the Terre Valserhône agreement: the yearly evaluation indicators, for messages
   * composed before the agreement carried its own (`details.indicators`).
   */
  indicatorNames: readonly string[];
  /** What a project sheet must state (art. 9), with the participant threshold when there is one. */
  sheetFields(minParticipants?: number): string[];
  /** What to prepare for a meeting of this type, when the agreement does not say (`details.prepare`). */
  meetingTodo(type: string, indicators: string): string[];
  movedFrom(date: string, because?: string): string;
  /** A project and its due date, with the people responsible for its sheet when known. */
  projectLine(title: string, due: string, responsible?: readonly string[]): string;
  /**
   * When to act, for a reminder sent after the day it is about (the census closed, the meeting
   * held): now, never that past day.
   */
  now: string;
  /** Deadline phrase, in the subject and the body alike: « au plus tard le … » / "by …". */
  by(date: string): string;
  /** Two days of a multi-day event. */
  range(first: string, last: string): string;

  indicators: {
    title: string;
    meeting(title: string, at: string): string;
    basis(d: DocumentNoun): string;
    /** `year`: the year the indicators cover, the annual review's. */
    todo(year: string, due?: string): string;
  };
  censusOpen: {
    title(year: string): string;
    opens(year: string, on: string, closes?: string): string;
    next: string;
    todo(closes?: string): string[];
  };
  /** Any census item whose programme year begins after the term's last day. */
  censusAfterTerm(programmeYear: string, endsOn: string, d: DocumentNoun): string;
  censusDeadline: { title(year: string): string; closes(year: string, on: string): string; todo(on: string): string[] };
  /** To the CNFPT referent: launch the census (art. 9: « le CNFPT organise un recensement »). */
  censusLaunch: {
    title(year: string): string;
    opens(year: string, on: string, closes?: string): string;
    todo: string[];
  };
  /** To the CNFPT referent, once the census closed: notify the retained projects. */
  censusRetained: {
    title(year: string): string;
    closed(year: string, on: string): string;
    todo(year: string): string[];
  };
  renewalWindow: {
    title(d: DocumentNoun): string;
    before(endsOn: string): string;
    opens(on: string, endsOn: string | undefined, d: DocumentNoun): string;
    /** What the meeting is for, as the agreement says it (« dresser un bilan … »). */
    agenda(agenda: string): string;
    todo: string[];
  };
  renewalFollowup: {
    title: string;
    before(endsOn: string): string;
    late(endsOn: string, d: DocumentNoun): string;
    todo: string[];
  };
  event: { todo: string[] };
  eventUndated: {
    title(title: string): string;
    /** When, without a day: the window (« au second semestre 2024 ») or « à partir du … ». */
    from(date: string): string;
    /** Same, inside the sentence (English adds "on"). */
    fromInSentence(date: string): string;
    planned(title: string, when: string, d: DocumentNoun): string;
    todo(d: DocumentNoun): string[];
  };
  projectSheet: {
    title(title: string): string;
    retained(title: string, due: string): string;
    concerned(projects: string[]): string;
    mustState: string;
    /** The model of the sheet the agreement gives. */
    template(template: string): string;
    /** Art. 9: the sheet goes « au CNFPT » when the CNFPT is a party, else to the referents. */
    todo(due: string, toCnfpt: boolean): string;
  };
  /** To the referents, after a meeting: record it as held, share its minutes. */
  meetingFollowUp: {
    title(title: string): string;
    notRecorded(title: string, at: string): string;
    noMinutes(title: string, heldOn: string): string;
    todoNotRecorded: string[];
    todoNoMinutes: string[];
  };
  /** To the pilots and project leads: the tracking table was reported late at a meeting. */
  trackingTable: { title(title: string): string; late(title: string, at: string): string; todo: string[] };
  /** An axis named in a tracking-table message (COT, annex 3): its title, pilots and projects. */
  trackingAxis: { axis(title: string, pilots: string[]): string; projects(titles: string[]): string };
  /** To an axis's project leads, before a meeting: update the tracking table, report to the pilots. */
  leadsReport: { title(title: string): string; before(title: string, at: string): string; todo: string[] };
  /** To the referents: a sheet under the participant threshold, outside regulated trainings. */
  belowMinimum: {
    title(title: string): string;
    under(title: string, participants: number, minimum: number | undefined): string;
    responsible(names: string[]): string;
    todo: string[];
  };
  escalation: { title: string; intro: string; todo: string[] };
  notice: {
    title(d: DocumentNoun): string;
    givenBy(party: string | undefined, effective: string, d: DocumentNoun): string;
    /** The notice period and the form notice must take, as the agreement gives them. */
    terms(period: string | undefined, form: string | undefined, d: DocumentNoun): string;
    after: string;
    until(effective: string): string;
  };
  dispute: {
    title: string;
    /** The dispute, its subject when given, and when it was notified. */
    notified(on: string | undefined, subject: string | undefined): string;
    /** Last day of the amicable period, first day a court may be seized. */
    ends(lastDay: string, courtFrom: string): string;
    todo: string;
  };
  meetingUpdate: {
    title(title: string): string;
    moved(title: string, previous: string, now: string, because: string): string;
    changed(title: string, now: string, because: string): string;
    todo: string;
  };
  meetingCancel: { title(title: string): string; cancelled(title: string, at: string): string; todo: string };
  /** To the referents: someone says a reminder no longer concerns them. */
  declined: {
    title(who: string, title: string): string;
    /** What the reminder is about, by its purpose (`meeting`, `indicators`…). */
    kind(purpose: string): string;
    said(who: string, kind: string, title: string, when: string): string;
    reason(reason: string): string;
    unchanged(who: string): string;
    todo(who: string, document: DocumentNoun): string[];
  };
}
