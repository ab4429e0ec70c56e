/**
 * No silence after a late start (issue 14 item 6): a lifecycle started, or a worker back, after
 * reminders' planned times sends at once, for each item still ahead (a meeting, a deadline),
 * only the latest reminder it missed, saying it is late; reminders of items already past, and the
 * earlier reminders of an item, are dropped. Notifications tied to no later item (an escalation,
 * a dispute's end) are sent, late, as they are. Pure.
 *
 * @module
 */
import type { Calendar } from '../domain/calendar-types';
import type { LifecycleState } from '../contracts/lifecycle-state';
import { dueItems, type DueItem } from './due-items';

/**
 * A wake-up this much after its planned time means a worker was away, not just busy: the
 * lifecycle then catches up. Only then: a run carried in with reminders owed (a backlog) sends
 * them all, as before.
 */
export const LATE_AFTER_MS = 3_600_000;

/** A reminder ahead of what it is about (a meeting, a deadline), as opposed to a notification. */
function remindsAhead(item: DueItem): boolean {
  return Date.parse(item.subject.at) > Date.parse(item.at);
}

function markedLate(item: DueItem): DueItem {
  return { ...item, late: { plannedOn: item.day } };
}

/**
 * Of the items due by `nowMs`, what to send and what to drop: per item and purpose, the latest
 * reminder only (per axis for the project leads' tracking-table reminders), and none once the
 * item is past; late ones are marked.
 */
export function catchUp(due: DueItem[], nowMs: number): { send: DueItem[]; drop: DueItem[] } {
  const send: DueItem[] = [];
  const drop: DueItem[] = [];
  const latest = new Map<string, DueItem>();
  for (const item of due) {
    const late = nowMs - Date.parse(item.at) > LATE_AFTER_MS;
    if (!remindsAhead(item)) {
      send.push(late ? markedLate(item) : item);
      continue;
    }
    // A tracking-table reminder goes to each axis apart (calendar-entries.ts): one group per axis.
    const group = `${item.subject.id}|${item.purpose}|${item.details?.axis?.id ?? ''}`;
    const kept = latest.get(group);
    if (kept && Date.parse(kept.at) >= Date.parse(item.at)) {
      drop.push(item);
      continue;
    }
    if (kept) drop.push(kept);
    latest.set(group, item);
  }
  for (const item of latest.values()) {
    if (Date.parse(item.subject.at) <= nowMs) drop.push(item);
    else send.push(nowMs - Date.parse(item.at) > LATE_AFTER_MS ? markedLate(item) : item);
  }
  const order = (a: DueItem, b: DueItem) => Date.parse(a.at) - Date.parse(b.at) || a.key.localeCompare(b.key);
  return { send: send.sort(order), drop };
}

/** True when some due item is late: only then does the lifecycle catch up (behind its patch). */
export function anyLate(due: DueItem[], nowMs: number): boolean {
  return due.some((item) => nowMs - Date.parse(item.at) > LATE_AFTER_MS);
}

/**
 * At a lifecycle's first start: the reminders planned before it started (`plannedFrom`) whose
 * item is still ahead, the latest of each, marked late.
 */
export function missedAtStart(state: LifecycleState, calendar: Calendar, endMs: number, nowMs: number): DueItem[] {
  const from = Date.parse(state.plannedFrom);
  // Started ahead of every planned reminder (the usual start): nothing can have been missed, and
  // building every item of the term to find none is most of a first task's cost.
  const nothingBefore =
    state.sheets.length === 0 &&
    state.disputes.length === 0 &&
    calendar.entries.every((entry) => entry.reminders.every((r) => Date.parse(r.at) >= from));
  if (nothingBefore) return [];
  const termStart = new Date(0).toISOString();
  const before = dueItems({ ...state, plannedFrom: termStart }, calendar, endMs).filter(
    (item) => Date.parse(item.at) < from && remindsAhead(item),
  );
  return catchUp(before, nowMs).send.map((item) => (item.late ? item : markedLate(item)));
}
