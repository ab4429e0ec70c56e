/**
 * The calendar an agreement file would give, as the import and renewal pages preview it before
 * anything starts: one row per event of the planner's plan (from today on), with when it is (as
 * `pacte plan` words it), what it is, who is reminded, by name, and why a date moved.
 *
 * Pure: the planner and the CLI's French wording.
 *
 * @module
 */
import type { Agreement } from '../../domain/agreement';
import { planCalendar } from '../../domain/calendar';
import type { Calendar, CalendarEntry } from '../../domain/calendar-types';
import { longDate } from '../../client/render/french-dates';
import { entryWhen } from '../../client/render/plan-table';

export interface PreviewRow {
  id: string;
  date: string;
  /** « mardi 3 juin 2025 à 10 h 00 », a span, or an undated event's window. */
  when: string;
  title: string;
  article?: string;
  /** Everyone the event's reminders go to, by name, each once. */
  recipients: string[];
  reminders: number;
  /** « déplacée du samedi 1er novembre 2025 (Toussaint) ». */
  moved?: string;
}

/** The calendar from `nowIso` on (ISO instant), as the lifecycle started now would follow it. */
export function previewCalendar(agreement: Agreement, nowIso: string): Calendar {
  return planCalendar(agreement, { now: nowIso });
}

export function previewRows(agreement: Agreement, calendar: Calendar): PreviewRow[] {
  const names = new Map(agreement.people.map((p) => [p.id, p.name]));
  return calendar.entries.map((entry) => previewRow(entry, calendar.timezone, names));
}

export function previewRow(entry: CalendarEntry, zone: string, names: ReadonlyMap<string, string>): PreviewRow {
  const recipients = [...new Set(entry.reminders.flatMap((r) => r.to))].map((id) => names.get(id) ?? id);
  return {
    id: entry.id,
    date: entry.date,
    when: entryWhen(entry, 'fr', zone),
    title: entry.title,
    ...(entry.article ? { article: entry.article } : {}),
    recipients,
    reminders: entry.reminders.length,
    ...(entry.movedFrom
      ? {
          moved: `déplacée du ${longDate(entry.movedFrom)}${entry.movedBecause ? ` (${entry.movedBecause})` : ''}`,
        }
      : {}),
  };
}
