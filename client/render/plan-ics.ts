/**
 * `pacte plan --ics`: the planned calendar as RFC 5545, one VEVENT per entry. UIDs are
 * `<entry id>@<agreement id>.pacte`, stable across runs and re-plannings, so importing the file
 * again updates the events instead of duplicating them. Meetings are timed (UTC instants);
 * deadlines, census dates, term dates and one-off events without a time are all-day events.
 *
 * @module
 */
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Agreement } from '../../domain/agreement';
import type { Calendar, CalendarEntry } from '../../domain/calendar-types';
import { longDate } from './french-dates';

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
  if (entry.undated) lines.push(fr ? 'Date à fixer' : 'Date to be fixed');
  if (entry.attendees.length > 0) {
    lines.push((fr ? 'Concerne : ' : 'Concerns: ') + entry.attendees.map((id) => names.get(id) ?? id).join(', '));
  }
  return lines.join('\n');
}

/** Renders the calendar as an iCalendar document. */
export function renderPlanIcs(agreement: Agreement, calendar: Calendar): string {
  const cal = ical({
    name: agreement.title,
    prodId: { company: 'Pacte', product: 'pacte', language: agreement.locale.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
  });
  const eventsById = new Map(agreement.events.map((e) => [e.id, e]));
  for (const entry of calendar.entries) {
    const base = {
      id: entryUid(agreement.id, entry.id),
      summary: entry.undated
        ? `${entry.title} (${agreement.locale === 'fr' ? 'date à fixer' : 'date to be fixed'})`
        : entry.title,
      description: description(agreement, entry),
      ...(entry.place ? { location: entry.place } : {}),
    };
    const spec = entry.type === 'event' ? eventsById.get(entry.id) : undefined;
    if (entry.endsAt) {
      cal.createEvent({ ...base, start: new Date(entry.at), end: new Date(entry.endsAt) });
    } else if (spec?.time && !entry.undated) {
      // A one-off event with a time: an hour-long slot, as nothing says how long it lasts.
      cal.createEvent({ ...base, start: new Date(entry.at), end: new Date(new Date(entry.at).getTime() + 3_600_000) });
    } else {
      const last = spec?.end && !entry.undated ? spec.end : entry.date;
      cal.createEvent({ ...base, allDay: true, start: utcMidnight(entry.date), end: nextDay(last) });
    }
  }
  return cal.toString();
}
