/**
 * Where a checked link's item stands in the lifecycle now: still to do (the confirmation page and
 * its operation), already recorded (when, by whom), gone (amended, notice given, ended), or not
 * this person's (refused like a forged link). Pure: the route reads the lifecycle's state and
 * agreement, this decides.
 *
 * @module
 */
import type { ActionLinkAction, ActionLinkClaims } from '../../contracts/action-link';
import type { LifecycleView } from '../../contracts/lifecycle-view';
import type { Agreement, Person } from '../../domain/agreement';
import { censusLabel } from './census-label';
import { snoozeTarget } from './snooze-target';
import { planCalendar } from '../../domain/calendar';

/** The lifecycle's update an action records with. */
export type LinkOperation =
  | 'recordCensusAnswer'
  | 'submitProjectSheet'
  | 'recordMeeting'
  | 'snoozeReminders'
  | 'recordIndicators'
  | 'declineReminder';

export const OPERATION_OF: Record<ActionLinkAction, LinkOperation> = {
  'census-answered': 'recordCensusAnswer',
  'sheet-sent': 'submitProjectSheet',
  'meeting-held': 'recordMeeting',
  'tracking-table-updated': 'recordMeeting',
  snooze: 'snoozeReminders',
  'indicators-sent': 'recordIndicators',
  'not-concerned': 'declineReminder',
};

export interface ItemRef {
  /** What the item is, in words: « Recensement des demandes de formation 2026 ». */
  label: string;
  census?: { year: number };
  sheet?: { year: number; projectId: string; title: string };
  meeting?: { entryId: string; title?: string; at?: string };
  /** A reminder thread: its person's next and last reminders, and when a snooze made now would end. */
  snooze?: { thread: string; next: string; last: string; dueOn?: string; until: string };
  indicators?: { entryId: string; title: string; dueOn: string };
  /** A reminder its recipient says no longer concerns them. */
  reminder?: { purpose: string; subjectId: string; title: string; date: string };
}

export type Target =
  | { kind: 'open'; person: Person; item: ItemRef; operation: LinkOperation }
  | { kind: 'not-yet'; person: Person; item: ItemRef; at: string }
  | {
      kind: 'done';
      person: Person;
      item: ItemRef;
      on: string;
      byName?: string;
      /** A snooze: until when, and the person's next reminder of the thread (none left: absent). */
      snoozed?: { until: string; next?: string; nextIsLast?: boolean };
    }
  | { kind: 'gone' }
  | { kind: 'refused' };

/** The journal the lifecycle keeps of its operations (issue 15), when this version has it. */
interface JournalLike {
  operation: string;
  summary?: Record<string, unknown>;
  recordedBy?: { personId?: string };
  byName?: string;
}

function journalOf(view: LifecycleView): JournalLike[] {
  const journal = (view as { journal?: unknown }).journal;
  return Array.isArray(journal) ? (journal as JournalLike[]) : [];
}

/** Who recorded it, when the journal says so (the operation and its item match). */
function recordedByName(
  view: LifecycleView,
  agreement: Agreement,
  operation: LinkOperation,
  matches: (summary: Record<string, unknown>) => boolean,
): string | undefined {
  const entry = journalOf(view)
    .filter((e) => e.operation === operation && e.summary && matches(e.summary))
    .at(-1);
  if (!entry) return undefined;
  const id = entry.recordedBy?.personId;
  return entry.byName ?? (id ? agreement.people.find((p) => p.id === id)?.name : undefined);
}

const ENDED = new Set(['terminated', 'expired', 'renewed']);

export function targetOf(claims: ActionLinkClaims, view: LifecycleView, agreement: Agreement, nowMs: number): Target {
  // Another agreement's person, or a person no longer in it: refused, nothing said about the agreement.
  if (agreement.id !== claims.agr) return { kind: 'refused' };
  const person = agreement.people.find((p) => p.id === claims.sub);
  if (!person) return { kind: 'refused' };
  // The e-mail was sent for another version (an amendment since), or the lifecycle has ended.
  if (view.version !== claims.ver || ENDED.has(view.phase)) return { kind: 'gone' };
  if (claims.act === 'snooze') return snoozeTarget(claims, view, person, nowMs, agreement);
  const operation = OPERATION_OF[claims.act];

  if (claims.act === 'census-answered') {
    const year = Number(claims.item);
    if (!agreement.census || !Number.isInteger(year)) return { kind: 'gone' };
    const item = { label: censusLabel(agreement, year), census: { year } };
    const answered = view.census.find((c) => c.year === year)?.answeredOn;
    if (answered) {
      const byName = recordedByName(view, agreement, operation, (s) => s.year === year);
      return { kind: 'done', person, item, on: answered, ...(byName ? { byName } : {}) };
    }
    return { kind: 'open', person, item, operation };
  }

  if (claims.act === 'sheet-sent') {
    const slash = claims.item.indexOf('/');
    const year = Number(claims.item.slice(0, slash));
    const projectId = claims.item.slice(slash + 1);
    const sheets = [...view.pendingSheets, ...view.overdueSheets, ...view.submittedSheets].filter(
      (s) => s.censusYear === year && s.projectId === projectId,
    );
    const sheet = sheets[0];
    if (!sheet) return { kind: 'gone' };
    // Only a project lead or a referent answers for a project sheet.
    if (!sheet.leads.includes(person.id) && !person.roles.includes('referent')) return { kind: 'refused' };
    const item = { label: `Fiche projet «\u00a0${sheet.title}\u00a0»`, sheet: { year, projectId, title: sheet.title } };
    if (sheet.submittedOn) {
      const byName = recordedByName(view, agreement, operation, (s) => s.projectId === projectId);
      return { kind: 'done', person, item, on: sheet.submittedOn, ...(byName ? { byName } : {}) };
    }
    return { kind: 'open', person, item, operation };
  }

  if (claims.act === 'indicators-sent') return indicatorsTarget(claims, view, agreement, person);
  if (claims.act === 'not-concerned') return notConcernedTarget(claims, view, agreement, person);

  // A meeting: held already, or still ahead (the link waits until it has taken place).
  const entryId = claims.item;
  const held = view.meetings.find((m) => m.entryId === entryId);
  const upcoming = view.nextEvents.find((e) => e.id === entryId);
  const title = upcoming?.title ?? held?.type;
  const item = {
    label: upcoming ? `Réunion «\u00a0${upcoming.title}\u00a0»` : 'Réunion',
    meeting: { entryId, ...(title ? { title } : {}), ...(upcoming?.at ? { at: upcoming.at } : {}) },
  };
  if (held) {
    const byName = recordedByName(view, agreement, operation, (s) => s.entryId === entryId);
    return { kind: 'done', person, item, on: held.heldOn, ...(byName ? { byName } : {}) };
  }
  if (upcoming?.at && Date.parse(upcoming.at) > nowMs) return { kind: 'not-yet', person, item, at: upcoming.at };
  return { kind: 'open', person, item, operation };
}

/** The art. 8 indicators of a meeting occurrence: the training contacts (who are reminded) or a referent. */
function indicatorsTarget(claims: ActionLinkClaims, view: LifecycleView, agreement: Agreement, person: Person): Target {
  const entry = planCalendar(agreement).entries.find((e) => e.id === claims.item && e.indicatorsDueOn !== undefined);
  if (!entry) return { kind: 'gone' };
  if (!person.roles.includes('training-contact') && !person.roles.includes('referent')) return { kind: 'refused' };
  const item = {
    label: `Indicateurs de la réunion «\u00a0${entry.title}\u00a0»`,
    indicators: { entryId: entry.id, title: entry.title, dueOn: entry.indicatorsDueOn! },
  };
  const recorded = (view.indicators ?? []).find((r) => r.entryId === entry.id);
  if (recorded) {
    const byName = recordedByName(view, agreement, 'recordIndicators', (s) => s.entryId === entry.id);
    return { kind: 'done', person, item, on: recorded.sentOn, ...(byName ? { byName } : {}) };
  }
  return { kind: 'open', person, item, operation: 'recordIndicators' };
}

/**
 * « Ce rappel ne me concerne plus »: only for one of the reminder's recipients; once said, done
 * (« déjà signalé »). The lifecycle checks again against its own calendar.
 */
function notConcernedTarget(
  claims: ActionLinkClaims,
  view: LifecycleView,
  agreement: Agreement,
  person: Person,
): Target {
  const colon = claims.item.indexOf(':');
  if (colon < 1) return { kind: 'gone' };
  const purpose = claims.item.slice(0, colon);
  const subjectId = claims.item.slice(colon + 1);
  let reminder: { title: string; date: string; to: readonly string[] } | undefined;
  if (purpose === 'project-sheet') {
    const sheet = [...view.pendingSheets, ...view.overdueSheets, ...view.submittedSheets].find(
      (s) => `sheet-${s.censusYear}-${s.projectId}` === subjectId,
    );
    if (sheet) reminder = { title: sheet.title, date: sheet.dueOn, to: sheet.leads };
  } else {
    const entry = planCalendar(agreement).entries.find((e) => e.id === subjectId);
    const to = entry?.reminders.filter((r) => r.purpose === purpose).flatMap((r) => r.to) ?? [];
    if (entry && to.length > 0) reminder = { title: entry.title, date: entry.date, to };
  }
  if (!reminder) return { kind: 'gone' };
  if (!reminder.to.includes(person.id)) return { kind: 'refused' };
  const item = {
    label: `Rappel «\u00a0${reminder.title}\u00a0»`,
    reminder: { purpose, subjectId, title: reminder.title, date: reminder.date },
  };
  const said = (view.declinedReminders ?? []).find(
    (d) => d.purpose === purpose && d.subjectId === subjectId && d.personId === person.id,
  );
  if (said) {
    const byName = recordedByName(
      view,
      agreement,
      'declineReminder',
      (s) => s.purpose === purpose && s.subjectId === subjectId && s.personId === person.id,
    );
    return { kind: 'done', person, item, on: said.declaredOn, ...(byName ? { byName } : {}) };
  }
  return { kind: 'open', person, item, operation: 'declineReminder' };
}
