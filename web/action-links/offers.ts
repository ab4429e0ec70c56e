/**
 * Which actions a reminder item offers its recipient, and until when: an item that asks
 * something the lifecycle can record (the census answer, a project sheet, a meeting held and its
 * tracking table, the indicators sent) gets one link per action; an item with a reminder thread
 * (census, sheet, indicators, meeting follow-up) also « me le rappeler dans 3 jours »; every
 * reminder a person receives for something planned also offers, last, « ce rappel ne me concerne
 * plus » (`not-concerned`); the others (escalations, notices, cancellations, messages to the
 * referents about others) none. Pure: the activity signs what this returns.
 *
 * @module
 */
import { DateTime } from 'luxon';
import type { ActionLinkAction } from '../../contracts/action-link';
import type { MessageItem } from '../../contracts/reminder-message';
import { threadOf } from '../../domain/reminder-thread';
import { DECLINABLE_PURPOSES } from '../../domain/operations';

/** A link stays valid this long after the item's deadline: late answers are still worth recording. */
export const GRACE_DAYS = 14;

export interface OfferedAction {
  action: ActionLinkAction;
  /** The item's id, as the claims carry it. */
  item: string;
  /** The item's deadline (local date): the link expires {@link GRACE_DAYS} after its end. */
  dueOn: string;
}

/** `sheet-2026-<project id>` → `2026/<project id>`. */
function sheetItem(item: MessageItem): string | undefined {
  const year = item.details?.censusYear;
  const prefix = `sheet-${year}-`;
  if (year === undefined || !item.subject.id.startsWith(prefix)) return undefined;
  return `${year}/${item.subject.id.slice(prefix.length)}`;
}

/** The item's own actions, then « me le rappeler dans 3 jours » when it has a thread. */
export function offeredActions(item: MessageItem): OfferedAction[] {
  return [...doneActions(item), ...snooze(item), ...notConcerned(item)];
}

/** « Me le rappeler dans 3 jours », for an item with a reminder thread. */
function snooze(item: MessageItem): OfferedAction[] {
  const thread = threadOf(item);
  return thread ? [{ action: 'snooze', item: thread, dueOn: item.details?.dueOn ?? item.subject.date }] : [];
}

const DECLINABLE: ReadonlySet<string> = new Set(DECLINABLE_PURPOSES);

/** `<purpose>:<subject id>`: what a declaration names (ids only). */
export function notConcernedItem(purpose: string, subjectId: string): string {
  return `${purpose}:${subjectId}`;
}

function notConcerned(item: MessageItem): OfferedAction[] {
  if (!DECLINABLE.has(item.purpose)) return [];
  const dueOn = item.details?.dueOn ?? item.subject.end ?? item.subject.date;
  return [{ action: 'not-concerned', item: notConcernedItem(item.purpose, item.subject.id), dueOn }];
}

function doneActions(item: MessageItem): OfferedAction[] {
  switch (item.purpose) {
    case 'census-open':
    case 'census-deadline': {
      const year = item.details?.censusYear;
      if (year === undefined) return [];
      return [{ action: 'census-answered', item: String(year), dueOn: item.details?.dueOn ?? item.subject.date }];
    }
    case 'project-sheet': {
      const id = sheetItem(item);
      return id ? [{ action: 'sheet-sent', item: id, dueOn: item.details?.dueOn ?? item.subject.date }] : [];
    }
    case 'meeting':
      return (['meeting-held', 'tracking-table-updated'] as const).map((action) => ({
        action,
        item: item.subject.id,
        dueOn: item.subject.date,
      }));
    case 'indicators':
      return [{ action: 'indicators-sent', item: item.subject.id, dueOn: item.details?.dueOn ?? item.subject.date }];
    default:
      return [];
  }
}

/** The expiry (epoch seconds): the end of the deadline's day in the agreement's zone, plus the grace. */
export function linkExpiry(dueOn: string, zone: string): number {
  const end = DateTime.fromISO(dueOn, { zone }).endOf('day').plus({ days: GRACE_DAYS });
  if (!end.isValid) throw new Error(`not a date: ${dueOn}`);
  return Math.floor(end.toMillis() / 1000);
}
