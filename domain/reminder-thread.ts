/**
 * A reminder's *thread*: the reminders about the same thing for the same person, which « me le
 * rappeler dans 3 jours » postpones together (issue 16). Only reminders that ask the person
 * something until a deadline have one: the census of a year, a project sheet, the indicators of
 * an annual review, the follow-up of a meeting. Invitations, notices, renewal, disputes and
 * escalations have none, and cannot be postponed. Pure: the offer side (web/action-links) and the
 * workflow (workflows/snoozes.ts) both ask it.
 *
 * @module
 */
import { DateTime } from 'luxon';

/** What a thread is read from: an item's purpose, subject id and census year. */
export interface ThreadSource {
  purpose: string;
  subject: { id: string };
  details?: { censusYear?: number } | undefined;
}

/** A snooze lasts 1 to 14 days; the e-mail's link asks for 3. */
export const SNOOZE_DAYS = { min: 1, max: 14, link: 3 } as const;

/** `census/2026`, `sheet/2026/<project>`, `indicators/<entry>`, `followup/<entry>`, or none. */
export function threadOf(item: ThreadSource): string | undefined {
  switch (item.purpose) {
    case 'census-open':
    case 'census-deadline': {
      const year = item.details?.censusYear;
      return year === undefined ? undefined : `census/${year}`;
    }
    case 'project-sheet': {
      // `sheet-<year>-<project id>`: the year has four digits, the project id may hold dashes.
      const match = /^sheet-(\d{4})-(.+)$/.exec(item.subject.id);
      return match ? `sheet/${match[1]}/${match[2]}` : undefined;
    }
    case 'indicators':
      return `indicators/${item.subject.id}`;
    case 'meeting-followup':
    case 'tracking-table-late':
    case 'tracking-table':
      return `followup/${item.subject.id}`;
    default:
      return undefined;
  }
}

/** A thread's parts, for the pages that name it; undefined for a string that is no thread. */
export type ThreadRef =
  | { kind: 'census'; year: number }
  | { kind: 'sheet'; year: number; projectId: string }
  | { kind: 'indicators'; entryId: string }
  | { kind: 'followup'; entryId: string };

export function parseThread(thread: string): ThreadRef | undefined {
  const census = /^census\/(\d{4})$/.exec(thread);
  if (census) return { kind: 'census', year: Number(census[1]) };
  const sheet = /^sheet\/(\d{4})\/(.+)$/.exec(thread);
  if (sheet) return { kind: 'sheet', year: Number(sheet[1]), projectId: sheet[2]! };
  const entry = /^(indicators|followup)\/(.+)$/.exec(thread);
  if (entry) return { kind: entry[1] as 'indicators' | 'followup', entryId: entry[2]! };
  return undefined;
}

/**
 * When a snooze made at `nowMs` ends: `days` later at the same local time in `zone` (luxon: a
 * change of summer time in between keeps the wall-clock time, not the elapsed hours).
 */
export function snoozeUntil(nowMs: number, days: number, zone: string): string {
  return DateTime.fromMillis(nowMs, { zone }).plus({ days }).toISO()!;
}
