/**
 * iCalendar invitations for meeting reminders (RFC 5545 + iTIP, RFC 5546). The UID is stable
 * per occurrence and SEQUENCE grows with each change, so a calendar client updates or removes
 * the meeting it already has instead of adding a second one (docs/contracts.md#e-mails).
 *
 * @module
 */
import { curlyApostrophes } from './typography';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Invitation } from '../../contracts/reminder-message';
import { rememberRecent } from './recent-results';

export interface RenderedInvitation {
  method: Invitation['method'];
  /** The VCALENDAR text, CRLF line endings. */
  content: string;
}

function instant(iso: string, what: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`invitation ${what} is not an ISO instant: ${iso}`);
  return date;
}

/**
 * A person's name as an iCalendar CN parameter. Parameter values cannot be escaped (RFC 5545
 * §3.1: no DQUOTE or control characters; ical-generator writes a new line as a literal `\n`),
 * and lenient parsers split a quoted value at `:` or `;`: a name carrying them (hostile or
 * copied from elsewhere) would corrupt the attendee's address in some calendar clients.
 */
function cnSafe(name: string): string {
  return (
    name
      // Control characters are exactly what this expression is for.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f\u2028\u2029"\\:;]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * Renders one invitation as an iTIP REQUEST (new or updated meeting, to the attendees), PUBLISH
 * (the organizer's own copy: no ATTENDEE, RFC 5546 §3.2.1, so her client files the event without
 * asking her to answer herself) or CANCEL. The organizer is never an ATTENDEE with RSVP.
 *
 * Times are written in UTC (`…Z`): exact whatever the client's zone, and no VTIMEZONE to get
 * wrong. DTSTAMP is the instant the workflow planned the message (`stamp`), not the clock, so a
 * retried send produces the same bytes.
 *
 * @param options.stamp - ISO instant for DTSTAMP, the message's `dueAt`.
 * @param options.description - plain text shown in the calendar entry (what to prepare).
 */
export const renderInvitation = rememberRecent(
  renderInvitationOnce,
  (invitation: Invitation, options: { stamp: string; description?: string }) => JSON.stringify([invitation, options]),
  64,
);

function renderInvitationOnce(
  invitation: Invitation,
  options: { stamp: string; description?: string },
): RenderedInvitation {
  const { stamp, description } = options;
  const start = instant(invitation.start, 'start');
  const end = instant(invitation.end, 'end');
  if (end.getTime() < start.getTime()) throw new Error(`invitation ${invitation.uid} ends before it starts`);
  const cancel = invitation.method === 'CANCEL';
  const publish = invitation.method === 'PUBLISH';
  const organizer = invitation.organizer.email.toLowerCase();

  const calendar = ical({
    prodId: { company: 'CNFPT', product: 'Pacte', language: 'FR' },
    method: cancel ? ICalCalendarMethod.CANCEL : publish ? ICalCalendarMethod.PUBLISH : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: invitation.uid,
    sequence: invitation.sequence,
    stamp: instant(stamp, 'stamp'),
    start,
    end,
    // The file's title and place, with the one apostrophe (’) of the e-mail around them.
    summary: curlyApostrophes(invitation.summary),
    ...(invitation.location ? { location: curlyApostrophes(invitation.location) } : {}),
    ...(description ? { description } : {}),
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: cnSafe(invitation.organizer.name), email: invitation.organizer.email },
    attendees: (publish ? [] : invitation.attendees.filter((a) => a.email.toLowerCase() !== organizer)).map(
      (attendee) => ({
        name: cnSafe(attendee.name),
        email: attendee.email,
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.NEEDSACTION,
        rsvp: !cancel,
      }),
    ),
  });
  return Object.freeze({ method: invitation.method, content: calendar.toString() });
}
