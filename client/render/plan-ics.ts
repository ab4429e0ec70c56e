/**
 * `pacte plan --ics`: the planned calendar as RFC 5545, one VEVENT per entry. UIDs are
 * `<entry id>@<agreement id>.pacte`, stable across runs and re-plannings, so importing the file
 * again updates the events instead of duplicating them. Meetings are timed (UTC instants);
 * deadlines, census dates, term dates and one-off events without a time are all-day events, a
 * multi-day event spans its days (DTEND the day after the last, exclusive). An undated event
 * (`window`) gets no VEVENT: it has no day, and a VEVENT on a made-up one would sit in people's
 * calendars as if it were set; the calendar's description (X-WR-CALDESC) names it with its window.
 *
 * @module
 */
import { curlyApostrophes } from '../../activities/render/typography';
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Agreement } from '../../domain/agreement';
import type { Calendar, CalendarEntry } from '../../domain/calendar-types';
import { windowPhrase } from '../../domain/event-window';
import { longDate, longDateTime } from './french-dates';

/** The UID of an entry's VEVENT; the reminder e-mails' invitations use the same scheme. */
export function entryUid(agreementId: string, entryId: string): string {
  return `${entryId}@${agreementId}.pacte`;
}

function utcMidnight(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

function nextDay(date: string): Date {
  const d = utcMidnight(date);
  d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

function description(agreement: Agreement, entry: CalendarEntry): string {
  const fr = agreement.locale === 'fr';
  const names = new Map(agreement.people.map((p) => [p.id, p.name]));
  const lines = [agreement.title];
  if (entry.article) lines.push(fr ? `Article : ${entry.article}` : `Article: ${entry.article}`);
  if (entry.movedFrom) {
    const because = entry.movedBecause ? ` (${entry.movedBecause})` : '';
    lines.push((fr ? 'Déplacé du ' : 'Moved from ') + longDate(entry.movedFrom, agreement.locale) + because);
  }
  if (entry.type === 'event' && entry.end !== undefined && !entry.allDay) {
    lines.push((fr ? 'Début : ' : 'Starts: ') + longDateTime(entry.at, agreement.timezone, agreement.locale));
  }
  if (entry.attendees.length > 0) {
    lines.push((fr ? 'Concerne : ' : 'Concerns: ') + entry.attendees.map((id) => names.get(id) ?? id).join(', '));
  }
  return lines.join('\n');
}

/** Renders the calendar as an iCalendar document. */
export function renderPlanIcs(agreement: Agreement, calendar: Calendar): string {
  const fr = agreement.locale === 'fr';
  // Undated events have no day: no VEVENT on a made-up one; the calendar's description names them.
  const undated = calendar.entries.filter((e) => e.undated);
  const cal = ical({
    name: agreement.title,
    prodId: { company: 'Pacte', product: 'pacte', language: agreement.locale.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    ...(undated.length > 0
      ? {
          description: `${fr ? 'Dates à fixer' : 'Dates to be fixed'}${fr ? ' : ' : ': '}${undated
            .map((e) => (e.window ? `${e.title} (${windowPhrase(e.window, agreement.locale)})` : e.title))
            .join(' ; ')}`,
        }
      : {}),
  });
  for (const entry of calendar.entries) {
    if (entry.undated) continue;
    const base = {
      id: entryUid(agreement.id, entry.id),
      summary: curlyApostrophes(entry.title),
      description: curlyApostrophes(description(agreement, entry)),
      ...(entry.place ? { location: curlyApostrophes(entry.place) } : {}),
    };
    if (entry.endsAt) {
      cal.createEvent({ ...base, start: new Date(entry.at), end: new Date(entry.endsAt) });
    } else if (entry.type === 'event' && !entry.allDay && entry.end === undefined) {
      // A one-off event with a time: an hour-long slot, as nothing says how long it lasts.
      cal.createEvent({ ...base, start: new Date(entry.at), end: new Date(new Date(entry.at).getTime() + 3_600_000) });
    } else {
      // All-day: DTEND is the day after the last day (exclusive, RFC 5545 § 3.6.1).
      cal.createEvent({ ...base, allDay: true, start: utcMidnight(entry.date), end: nextDay(entry.end ?? entry.date) });
    }
  }
  return cal.toString();
}
