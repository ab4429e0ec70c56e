/**
 * Who gets an invitation, through the real path: planned calendar → due items → composed
 * messages → rendered e-mail sent over SMTP to the loopback sink, iCalendar read back by a strict
 * parser. A deadline tied to a meeting (the art. 8 indicators) is not an invitation; the meeting's
 * attendees get a REQUEST from the organizer, the organizer her own copy as PUBLISH.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { createActivities } from '../../activities/create-activities';
import { createMailTransport } from '../../activities/mail-transport';
import { planCalendar } from '../../domain/calendar';
import { initialLifecycleState } from '../../contracts/lifecycle-state';
import { composeMessages } from '../../workflows/compose-messages';
import { dueItems, type DueItem } from '../../workflows/due-items';
import type { Agreement } from '../../domain/agreement';
import { startSmtpSink, type SinkMessage, type SmtpSink } from '../support/smtp-sink';
import { conventionCadre } from '../domain/fixtures';

let sink: SmtpSink;
let activities: ReturnType<typeof createActivities>;

beforeAll(async () => {
  sink = await startSmtpSink();
  activities = createActivities({
    transport: createMailTransport({ smtpUrl: sink.url, timeoutMs: 5_000 }),
    from: 'Pacte <pacte@cnfpt.example>',
  });
});
afterAll(async () => {
  await sink?.stop();
});
beforeEach(() => sink.clear());

const END = Date.parse('2029-01-01T00:00:00+01:00');

/** Sends the e-mails of the first day on which `pick` is due, and returns them by recipient id. */
async function sendFirstDay(agreement: Agreement, pick: (item: DueItem) => boolean): Promise<Map<string, SinkMessage>> {
  const state = initialLifecycleState({ agreement }, '2025-01-06T00:00:00.000+01:00');
  const items = dueItems(state, planCalendar(agreement), END);
  const day = items.find(pick)?.day;
  if (!day) throw new Error('no such item planned');
  const messages = composeMessages(
    state,
    items.filter((i) => i.day === day),
  ).map((m) => m.message);
  for (const message of messages) await activities.deliverReminder(message);
  const received = await sink.waitFor(messages.length, 5_000);
  const byEmail = new Map(received.map((m) => [m.envelope.to[0], m]));
  return new Map(messages.map((m) => [m.recipient.id, byEmail.get(m.recipient.email)!]));
}

function calendarOf(received: SinkMessage) {
  expect(received.icalendar).toHaveLength(1);
  const calendar = new ICAL.Component(ICAL.parse(received.icalendar[0]!));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return {
    method: calendar.getFirstPropertyValue('method'),
    organizer: String(event.getFirstPropertyValue('organizer')).toLowerCase(),
    attendees: event.getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase()),
  };
}

describe('the indicators reminder', () => {
  it('reaches the training contact without any text/calendar part', async () => {
    const agreement = conventionCadre();
    const review = agreement.meetings['annual-review']!;
    agreement.meetings['annual-review'] = { ...review, article: 'art. 7', indicatorsArticle: 'art. 8' };
    const byPerson = await sendFirstDay(agreement, (i) => i.purpose === 'indicators');
    const received = byPerson.get('rf-cc');
    expect(received, 'the training contact is asked for the indicators').toBeDefined();
    expect(received!.text).toContain('Indicateurs du bilan annuel');
    // Art. 8 lists them, not art. 7 (the meeting's article).
    expect(received!.text).toContain('Prévu par l’article 8 de la convention.');
    expect(received!.text).toContain('Applicrea');
    expect(received!.icalendar).toEqual([]);
    expect(received!.attachments.filter((a) => a.contentType === 'text/calendar')).toEqual([]);
    expect(received!.raw).not.toMatch(/text\/calendar|METHOD:REQUEST/i);
    expect(received!.headers['reply-to']).toBe('Camille Martin <camille.martin@example.org>');
  });
});

describe('meeting reminders', () => {
  it('the attendees get a REQUEST organized by the CNFPT referent, who is no attendee', async () => {
    const byPerson = await sendFirstDay(conventionCadre(), (i) => i.purpose === 'meeting');
    const others = [...byPerson.entries()].filter(([id]) => id !== 'ref-cnfpt');
    expect(others.length).toBeGreaterThan(0);
    for (const [, received] of others) {
      const ics = calendarOf(received);
      expect(ics.method).toBe('REQUEST');
      expect(ics.organizer).toBe('mailto:camille.martin@example.org');
      expect(ics.attendees).toContain(`mailto:${received.envelope.to[0]}`);
      expect(ics.attendees).not.toContain('mailto:camille.martin@example.org');
    }
  });

  it('the organizer gets her own copy as PUBLISH, without attendees', async () => {
    const byPerson = await sendFirstDay(conventionCadre(), (i) => i.purpose === 'meeting');
    const ics = calendarOf(byPerson.get('ref-cnfpt')!);
    expect(ics.method).toBe('PUBLISH');
    expect(ics.organizer).toBe('mailto:camille.martin@example.org');
    expect(ics.attendees).toEqual([]);
  });

  it('every e-mail of the day answers to the organizer and carries the mail standards headers', async () => {
    const byPerson = await sendFirstDay(conventionCadre(), (i) => i.purpose === 'meeting');
    for (const received of byPerson.values()) {
      expect(received.headers['reply-to']).toBe('Camille Martin <camille.martin@example.org>');
      expect(received.headers['auto-submitted']).toBe('auto-generated');
      expect(received.headers['list-id']).toMatch(/<valserhone-2025\.cnfpt\.example>$/);
    }
  });

  it('ORGANIZER and Reply-To are the person the file names', async () => {
    const byPerson = await sendFirstDay(conventionCadre({ organizer: 'ref-cc' }), (i) => i.purpose === 'meeting');
    for (const received of byPerson.values())
      expect(received.headers['reply-to']).toBe('Dominique Bernard <dominique.bernard@example.org>');
    expect(calendarOf(byPerson.get('ref-cnfpt')!)).toMatchObject({
      method: 'REQUEST',
      organizer: 'mailto:dominique.bernard@example.org',
    });
    expect(calendarOf(byPerson.get('ref-cc')!)).toMatchObject({ method: 'PUBLISH', attendees: [] });
  });
});
