/**
 * The reminder e-mails as a relay receives them: every purpose rendered and sent over real SMTP
 * to the loopback sink, then read back parsed (text, HTML, headers, iCalendar).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { ApplicationFailure, type Logger } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities/create-activities';
import { createMailTransport } from '../../activities/mail-transport';
import { INVALID_REMINDER_MESSAGE, PERMANENT_DELIVERY_FAILURE } from '../../contracts/errors';
import { startSmtpSink, type SinkMessage, type SmtpSink } from '../support/smtp-sink';
import { ITEMS, PURPOSES, camille, invitation, jean, messageWith } from './fixtures';

let sink: SmtpSink;
let activities: ReturnType<typeof createActivities>;
const FROM = 'Pacte <pacte@cnfpt.example>';

beforeAll(async () => {
  sink = await startSmtpSink();
  activities = createActivities({
    transport: createMailTransport({ smtpUrl: sink.url, timeoutMs: 5_000 }),
    from: FROM,
  });
});
afterAll(async () => {
  await sink?.stop();
});
beforeEach(() => sink.clear());

/** No-break spaces as spaces and ’ as ': these tests read the words; typography.test.ts checks the typography. */
const plain = (text: string) => text.replace(/[\u00A0\u202F]/g, ' ').replace(/’/g, "'");

async function deliverOne(message: Parameters<typeof activities.deliverReminder>[0]): Promise<SinkMessage> {
  await activities.deliverReminder(message);
  const [received] = await sink.waitFor(1, 5_000);
  return { ...received!, subject: plain(received!.subject), text: plain(received!.text), html: plain(received!.html) };
}

function parseIcs(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  const event = component.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT');
  return { calendar: component, event };
}

function assertReceipt(value: unknown): asserts value is { accepted: string[] } {
  expect(value).toHaveProperty('accepted');
}

async function captureError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('one French message per purpose', () => {
  it.each(PURPOSES)('%s: long date, what to do, article', async (purpose) => {
    const { item, expect: wanted } = ITEMS[purpose];
    const received = await deliverOne(messageWith([item]));
    expect(received.envelope.to).toEqual([jean.email]);
    expect(received.text).toContain('Bonjour Jean Dupont,');
    expect(received.text).toContain('Convention : Convention cadre CNFPT – CC Terre Valserhône');
    expect(received.text).toContain(wanted.date);
    for (const fragment of wanted.fr) expect(received.text).toContain(fragment);
    expect(received.text).toMatch(/À faire :\n {2}- \S/);
    if (item.subject.article) {
      const said = item.subject.article.replace(/^art\. /, "l'article ").replace(/^annexe /, "l'annexe ");
      expect(received.text).toContain(`Prévu par ${said} de la convention.`);
    }
    // One item: the subject line is its title and when.
    expect(received.subject).toContain(' – ');
    expect(received.html).toContain('<html lang="fr">');
    expect(received.html).toContain('À faire');
  });
});

describe('English', () => {
  it.each(PURPOSES)('%s renders in English when the agreement says so', async (purpose) => {
    const { item, expect: wanted } = ITEMS[purpose];
    const message = messageWith([item]);
    const received = await deliverOne({ ...message, agreement: { ...message.agreement, locale: 'en' } });
    expect(received.text).toContain('Hello Jean Dupont,');
    for (const fragment of wanted.en) expect(received.text).toContain(fragment);
    expect(received.text).toContain('To do:');
    expect(received.text).not.toContain('À faire');
    expect(received.html).toContain('<html lang="en">');
  });

  it('writes dates the English way, in the agreement zone', async () => {
    const message = messageWith([ITEMS.meeting.item]);
    const received = await deliverOne({ ...message, agreement: { ...message.agreement, locale: 'en' } });
    expect(received.text).toContain('When: Tuesday 3 June 2025 from 10:00 to 11:30');
  });
});

describe('dates', () => {
  it('shows local time in the agreement zone, not UTC nor the host zone', async () => {
    const item = { ...ITEMS.event.item, subject: { ...ITEMS.event.item.subject, at: '2024-07-04T07:30:00Z' } };
    const received = await deliverOne(messageWith([item]));
    expect(received.text).toContain('jeudi 4 juillet 2024 à 9 h 30');
    const overseas = messageWith([item]);
    const other = await (async () => {
      sink.clear();
      return deliverOne({ ...overseas, agreement: { ...overseas.agreement, timezone: 'America/Cayenne' } });
    })();
    expect(other.text).toContain('jeudi 4 juillet 2024 à 4 h 30');
  });

  it('says where a moved meeting came from', async () => {
    const item = {
      ...ITEMS.meeting.item,
      subject: { ...ITEMS.meeting.item.subject, movedFrom: '2025-06-02', movedBecause: 'lundi de Pentecôte' },
    };
    const received = await deliverOne(messageWith([item]));
    expect(received.text).toContain('initialement prévue le lundi 2 juin 2025 (lundi de Pentecôte, jour non ouvré)');
  });
});

describe('grouping', () => {
  it('one e-mail for several reminders of the day: counted subject, numbered items, every reminder id', async () => {
    const items = [ITEMS.meeting.item, ITEMS['census-deadline'].item, ITEMS['project-sheet'].item];
    const received = await deliverOne(messageWith(items));
    expect(received.subject).toBe('3 rappels – Convention cadre CNFPT – CC Terre Valserhône – mardi 27 mai 2025');
    expect(received.text).toContain('Voici les 3 rappels du mardi 27 mai 2025 :');
    expect(received.text).toMatch(/^1\. Réunion de suivi mensuelle avec les pilotes$/m);
    expect(received.text).toMatch(/^2\. Recensement 2025 : clôture$/m);
    expect(received.text).toMatch(/^3\. Fiche projet à envoyer : Professionnaliser les managers$/m);
    expect(received.headers['x-pacte-reminders']).toBe(items.map((i) => i.reminderId).join(','));
  });

  it('a single item puts its title and date in the subject', async () => {
    const received = await deliverOne(messageWith([ITEMS['census-deadline'].item]));
    expect(received.subject).toBe('Recensement 2025 : clôture – mercredi 15 octobre 2025');
  });
});

describe('headers', () => {
  it('carries the deterministic Message-ID and the X-Pacte headers', async () => {
    const message = messageWith([ITEMS.meeting.item, ITEMS.indicators.item], {
      messageId: '<a1b2c3d4.2025-05-27.ref-ccvt@valserhone-2025.pacte>',
    });
    const receipt = await activities.deliverReminder(message);
    const [received] = await sink.waitFor(1);
    expect(receipt.messageId).toBe(message.messageId);
    expect(receipt.accepted).toEqual([jean.email]);
    expect(receipt.response).toMatch(/^250/);
    expect(received!.messageId).toBe(message.messageId);
    expect(received!.headers['message-id']).toBe(message.messageId);
    expect(received!.headers['x-pacte-agreement']).toBe('valserhone-2025');
    expect(received!.headers['x-pacte-day']).toBe('2025-05-27');
    expect(received!.headers['x-pacte-due']).toBe(message.dueAt);
    expect(received!.headers['x-pacte-reminders']).toBe(
      `${ITEMS.meeting.item.reminderId},${ITEMS.indicators.item.reminderId}`,
    );
    expect(received!.headers.from).toBe(FROM);
    expect(received!.headers.to).toBe('Jean Dupont <jean.dupont@example.org>');
  });

  it('a retried send is the same e-mail', async () => {
    const message = messageWith([ITEMS.meeting.item]);
    await activities.deliverReminder(message);
    await activities.deliverReminder(message);
    const [a, b] = await sink.waitFor(2);
    expect(a!.messageId).toBe(b!.messageId);
    expect(a!.text).toBe(b!.text);
    expect(a!.icalendar).toEqual(b!.icalendar);
  });
});

describe('HTML', () => {
  it('escapes every user-written text', async () => {
    const evil = '<script>alert("x")</script> & <b>co</b>';
    const item = {
      ...ITEMS.event.item,
      subject: { ...ITEMS.event.item.subject, title: evil, place: '<img src=x onerror=alert(1)>' },
    };
    const message = messageWith([item], {
      recipient: { ...jean, name: 'Jean <i>Dupont</i>' },
      agreement: { ...messageWith([]).agreement, title: 'Convention "A" & <B>' },
    });
    const received = await deliverOne(message);
    expect(received.html).not.toContain('<script>');
    expect(received.html).not.toContain('<img');
    expect(received.html).not.toContain('<i>Dupont');
    expect(received.html).not.toContain('<b>co</b>');
    expect(received.html).toContain('&lt;script&gt;alert(« x »)&lt;/script&gt; &amp; &lt;b&gt;co&lt;/b&gt;');
    expect(received.html).toContain('Convention « A » &amp; &lt;B&gt;');
    // The plain text keeps it as written, typeset (French quotes).
    expect(received.text).toContain('<script>alert(« x »)</script> & <b>co</b>');
  });
});

/** RFC 2047 Q-encoded words (what nodemailer writes for a non-ASCII List-Id phrase), decoded. */
function decodeWords(text: string): string {
  return text.replace(/=\?utf-8\?q\?([^?]*)\?=\s*/gi, (_m, q: string) =>
    Buffer.from(
      q.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_h, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8'),
  );
}

describe('mail standards, on every template', () => {
  async function standards(received: SinkMessage, sent: ReturnType<typeof messageWith>) {
    const parsed = await simpleParser(received.raw);
    // RFC 3834: automatic responders must not answer.
    expect(received.headers['auto-submitted']).toBe('auto-generated');
    // RFC 2919: one list per agreement, named by its title, under the sender's domain.
    expect(received.headers['list-id']).toMatch(/<valserhone-2025\.cnfpt\.example>$/);
    const list = parsed.headers.get('list') as { id: { id: string; name: string } };
    expect(list.id.id).toBe('valserhone-2025.cnfpt.example');
    expect(decodeWords(list.id.name)).toBe('Convention cadre CNFPT – CC Terre Valserhône');
    // Answers go to the organizer, a person, not to Pacte.
    expect(parsed.replyTo?.value).toEqual([{ name: camille.name, address: camille.email }]);
    expect(parsed.from?.value).toEqual([{ name: 'Pacte', address: 'pacte@cnfpt.example' }]);
    // The deterministic Message-ID is kept.
    expect(received.messageId).toBe(sent.messageId);
  }

  it.each(PURPOSES)('%s: Auto-Submitted, List-Id, Reply-To and its Message-ID', async (purpose) => {
    const message = messageWith([ITEMS[purpose].item]);
    await standards(await deliverOne(message), message);
  });

  it('in English and in a grouped e-mail too', async () => {
    const grouped = messageWith(PURPOSES.map((p) => ITEMS[p].item));
    await standards(await deliverOne(grouped), grouped);
    sink.clear();
    const english = { ...grouped, agreement: { ...grouped.agreement, locale: 'en' as const } };
    await standards(await deliverOne(english), english);
  });

  it('a message scheduled before the organizer existed has no Reply-To, and still its other headers', async () => {
    const message = messageWith([ITEMS.meeting.item]);
    const { organizer: _organizer, ...agreement } = message.agreement;
    const received = await deliverOne({ ...message, agreement });
    expect(received.headers['reply-to']).toBeUndefined();
    expect(received.headers['auto-submitted']).toBe('auto-generated');
    expect(received.headers['list-id']).toBeDefined();
  });
});

describe('iCalendar invitation', () => {
  it('a meeting reminder carries a METHOD:REQUEST invitation with a stable UID', async () => {
    const received = await deliverOne(messageWith([ITEMS.meeting.item]));
    const calendarParts = received.attachments.filter((a) => a.contentType === 'text/calendar');
    expect(calendarParts.length).toBeGreaterThan(0);
    expect(received.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    expect(received.icalendar).toHaveLength(1);
    const { calendar, event } = parseIcs(received.icalendar[0]!);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const vevent = new ICAL.Event(event);
    expect(vevent.uid).toBe('pilot-review-2025-06-03@valserhone-2025.pacte');
    expect(vevent.sequence).toBe(0);
    expect(vevent.summary).toBe('Réunion de suivi mensuelle avec les pilotes');
    expect(vevent.location).toBe('Mairie de Bellegarde, salle du conseil');
    expect(vevent.startDate.toJSDate().toISOString()).toBe('2025-06-03T08:00:00.000Z');
    expect(vevent.endDate.toJSDate().toISOString()).toBe('2025-06-03T09:30:00.000Z');
    expect(String(event.getFirstPropertyValue('organizer')).toLowerCase()).toBe(`mailto:${camille.email}`);
    // The organizer is not asked to answer her own meeting: she is no ATTENDEE.
    const attendees = event.getAllProperties('attendee');
    expect(attendees.map((p) => String(p.getFirstValue()).toLowerCase())).toEqual([`mailto:${jean.email}`]);
    expect(attendees[0]!.getParameter('rsvp')).toBe('TRUE');
    expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(received.text).toContain("L'invitation est jointe");
  });

  it('an organizer listed among the attendees is dropped from them: no RSVP asked of herself', async () => {
    const item = { ...ITEMS.meeting.item, invitation: { ...invitation(), attendees: [camille, jean] } };
    const received = await deliverOne(messageWith([item]));
    const { event } = parseIcs(received.icalendar[0]!);
    const attendees = event.getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase());
    expect(attendees).toEqual([`mailto:${jean.email}`]);
  });

  it('the organizer’s own copy is METHOD:PUBLISH, without attendees, and says no answer is needed', async () => {
    const item = { ...ITEMS.meeting.item, invitation: { ...invitation('PUBLISH'), attendees: [] } };
    const received = await deliverOne(messageWith([item], { recipient: camille }));
    expect(received.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=PUBLISH/i);
    const { calendar, event } = parseIcs(received.icalendar[0]!);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(event.getFirstPropertyValue('uid')).toBe('pilot-review-2025-06-03@valserhone-2025.pacte');
    expect(String(event.getFirstPropertyValue('organizer')).toLowerCase()).toBe(`mailto:${camille.email}`);
    expect(event.getAllProperties('attendee')).toEqual([]);
    expect(received.text).toContain('Vous organisez cette réunion');
    expect(received.text).not.toContain('acceptez-la');
  });

  it('a moved meeting keeps the UID and raises the SEQUENCE', async () => {
    const received = await deliverOne(messageWith([ITEMS['meeting-update'].item]));
    const { calendar, event } = parseIcs(received.icalendar[0]!);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.getFirstPropertyValue('uid')).toBe('pilot-review-2025-06-03@valserhone-2025.pacte');
    expect(event.getFirstPropertyValue('sequence')).toBe(1);
    expect(new ICAL.Event(event).startDate.toJSDate().toISOString()).toBe('2025-06-04T12:00:00.000Z');
  });

  it('a cancelled meeting carries METHOD:CANCEL and STATUS:CANCELLED', async () => {
    const received = await deliverOne(messageWith([ITEMS['meeting-cancel'].item]));
    expect(received.raw).toMatch(/method=CANCEL/i);
    const { calendar, event } = parseIcs(received.icalendar[0]!);
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(event.getFirstPropertyValue('uid')).toBe('pilot-review-2025-06-03@valserhone-2025.pacte');
    expect(event.getFirstPropertyValue('sequence')).toBe(2);
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(received.text).toContain("L'annulation est jointe");
  });

  it('two meetings on one day: both invitations travel', async () => {
    const second = {
      ...ITEMS.meeting.item,
      reminderId: 'steering-committee-2025-06-05/meeting/2025-05-27',
      subject: {
        ...ITEMS.meeting.item.subject,
        id: 'steering-committee-2025-06-05',
        type: 'steering-committee',
        title: 'Comité de pilotage',
      },
      invitation: {
        ...invitation(),
        uid: 'steering-committee-2025-06-05@valserhone-2025.pacte',
        summary: 'Comité de pilotage',
      },
    };
    const received = await deliverOne(messageWith([ITEMS.meeting.item, second]));
    const uids = received.icalendar.map((text) => parseIcs(text).event.getFirstPropertyValue('uid'));
    expect(new Set(uids)).toEqual(
      new Set(['pilot-review-2025-06-03@valserhone-2025.pacte', 'steering-committee-2025-06-05@valserhone-2025.pacte']),
    );
  });

  it('no invitation without a meeting', async () => {
    const received = await deliverOne(messageWith([ITEMS['census-open'].item]));
    expect(received.icalendar).toEqual([]);
  });
});

describe('failures', () => {
  it('a recipient refused with 550 is a non-retryable PermanentDeliveryFailure naming the recipient and the answer', async () => {
    sink.rejectRecipient(jean.email);
    const error = await captureError(activities.deliverReminder(messageWith([ITEMS.meeting.item])));
    expect(error).toBeInstanceOf(ApplicationFailure);
    const failure = error as ApplicationFailure;
    expect(failure.type).toBe(PERMANENT_DELIVERY_FAILURE);
    expect(failure.nonRetryable).toBe(true);
    // Named by person id; the address the server echoes is masked (no personal data in logs).
    expect(failure.message).toContain(jean.id);
    expect(failure.message).toContain('550');
    expect(failure.message).toContain('<[address]>: Recipient address rejected: user unknown');
    expect(failure.details?.[0]).toMatchObject({ recipient: jean.id, responseCode: 550 });
    expect(JSON.stringify([failure.message, failure.details])).not.toContain(jean.email);
    expect(sink.messages).toHaveLength(0);
  });

  it('a 451 is a plain retryable error, and the retry goes through', async () => {
    sink.failNext(1);
    const message = messageWith([ITEMS.meeting.item]);
    const error = await captureError(activities.deliverReminder(message));
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ApplicationFailure);
    expect((error as Error).message).toContain('451');
    expect((error as Error).message).toContain(jean.id);
    const receipt = await activities.deliverReminder(message);
    expect(receipt.accepted).toEqual([jean.email]);
    expect(sink.messages).toHaveLength(1);
  });

  it('a server that is not there is a retryable error', async () => {
    const gone = await startSmtpSink();
    await gone.stop();
    const offline = createActivities({
      transport: createMailTransport({ smtpUrl: gone.url, timeoutMs: 2_000 }),
      from: FROM,
    });
    const error = await captureError(offline.deliverReminder(messageWith([ITEMS.meeting.item])));
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ApplicationFailure);
    expect((error as Error).message).toMatch(/ECONNREFUSED|ECONNECTION/);
  });

  it('an unusable address is permanent without asking the server', async () => {
    const error = await captureError(
      activities.deliverReminder(messageWith([ITEMS.meeting.item], { recipient: { ...jean, email: 'jean dupont@' } })),
    );
    expect((error as ApplicationFailure).type).toBe(PERMANENT_DELIVERY_FAILURE);
    expect((error as ApplicationFailure).nonRetryable).toBe(true);
  });

  it('a malformed message is an InvalidReminderMessage, not retried', async () => {
    const error = await captureError(
      activities.deliverReminder(messageWith([ITEMS.meeting.item], { messageId: 'no-brackets' })),
    );
    expect((error as ApplicationFailure).type).toBe(INVALID_REMINDER_MESSAGE);
    expect((error as ApplicationFailure).nonRetryable).toBe(true);
    const empty = await captureError(activities.deliverReminder(messageWith([])));
    expect((empty as ApplicationFailure).type).toBe(INVALID_REMINDER_MESSAGE);
  });
});

describe('inside a Temporal activity context', () => {
  it('runs under MockActivityEnvironment, logs with the agreement id, keeps the failure type', async () => {
    const logged: { level: string; message: string; meta?: Record<string, unknown> }[] = [];
    const record = (level: string) => (message: string, meta?: Record<string, unknown>) => {
      logged.push({ level, message, ...(meta ? { meta } : {}) });
    };
    const logger: Logger = {
      log: (level, message, meta) => record(level)(message, meta),
      trace: record('TRACE'),
      debug: record('DEBUG'),
      info: record('INFO'),
      warn: record('WARN'),
      error: record('ERROR'),
    };
    const env = new MockActivityEnvironment({}, { logger });
    const receipt = await env.run(activities.deliverReminder, messageWith([ITEMS.meeting.item]));
    assertReceipt(receipt);
    expect(receipt.accepted).toEqual([jean.email]);
    sink.rejectRecipient(jean.email);
    const error = await captureError(env.run(activities.deliverReminder, messageWith([ITEMS.meeting.item])));
    expect((error as ApplicationFailure).type).toBe(PERMANENT_DELIVERY_FAILURE);
    const mine = logged.filter((l) => l.meta?.agreementId === 'valserhone-2025');
    expect(mine.map((l) => [l.level, l.message])).toEqual(
      expect.arrayContaining([
        ['INFO', 'reminder delivered'],
        ['WARN', 'reminder refused for good'],
      ]),
    );
  });
});
