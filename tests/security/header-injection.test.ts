/**
 * No header injection: names, titles, places and ids carrying CR/LF, `Bcc:` lines, extra
 * addresses or iCalendar property lines go through the real `deliverReminder` activity to a
 * real SMTP server, and the message that arrives has exactly the expected headers, one envelope
 * recipient, and an invitation with exactly the expected attendees. A hostile message is either
 * delivered harmlessly to its one recipient or refused (never to anyone else).
 */
import ICAL from 'ical.js';
import { simpleParser, type AddressObject } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/create-activities';
import { createMailTransport } from '../../activities/mail-transport';
import type { MessageItem, ReminderMessage } from '../../contracts/reminder-message';
import { ITEMS, camille, invitation, jean, messageWith } from '../activities/fixtures';
import { startSmtpSink, type SinkMessage, type SmtpSink } from '../support/smtp-sink';

const EVIL = 'attacker.example';
/** Injection payloads: CRLF, LF alone, CR alone, folded lines, encoded-word tricks, NUL. */
const TRICKS = [
  `\r\nBcc: bcc1@${EVIL}`,
  `\nBcc: bcc2@${EVIL}\nX-Injected: yes`,
  `\rCc: cc3@${EVIL}`,
  `\r\n\r\nBody takeover <b>html</b>`,
  `\r\n Bcc: folded@${EVIL}`,
  `, other@${EVIL}`,
  `" <quote@${EVIL}>, "`,
  `=?utf-8?Q?=0D=0ABcc:_encoded@${EVIL}?=`,
  `\u0000\r\nBcc: nul@${EVIL}`,
  `\u2028Bcc: ls@${EVIL}`,
  `\r\nATTENDEE;RSVP=TRUE:mailto:ics@${EVIL}\r\nX-INJECTED:1`,
];

/** Header names a reminder carries (whatever the values), lower-cased. */
const EXPECTED_HEADERS = new Set([
  'from',
  'to',
  'subject',
  'message-id',
  'date',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'x-pacte-agreement',
  'x-pacte-day',
  'x-pacte-due',
  'x-pacte-reminders',
  'reply-to',
  'auto-submitted',
  'x-auto-response-suppress',
  'list-id',
  'list', // mailparser's key for the List-* headers it parsed
]);

let sink: SmtpSink;
const activities = () =>
  createActivities({
    transport: createMailTransport({ smtpUrl: sink.url, timeoutMs: 5_000 }),
    from: 'Pacte <pacte@cnfpt.example>',
  });

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.stop();
});
beforeEach(() => sink.clear());

function headerNames(raw: string): string[] {
  const block = raw.split(/\r?\n\r?\n/, 1)[0]!;
  return block
    .split(/\r?\n/)
    .filter((line) => !/^[ \t]/.test(line))
    .map((line) => line.slice(0, line.indexOf(':')).toLowerCase());
}

function hostileMessage(trick: string): ReminderMessage {
  const meeting = ITEMS.meeting.item;
  const item: MessageItem = {
    ...meeting,
    subject: { ...meeting.subject, title: `Réunion${trick}`, place: `Salle du conseil${trick}` },
    invitation: {
      ...invitation(),
      summary: `Réunion${trick}`,
      location: `Salle${trick}`,
      organizer: { ...camille, name: `Camille${trick}` },
      attendees: [{ ...jean, name: `Jean${trick}` }],
    },
  };
  return messageWith([item, ITEMS.indicators.item], {
    recipient: { ...camille, name: `Camille Martin${trick}` },
    agreement: {
      ...messageWith([item]).agreement,
      title: `Convention cadre${trick}`,
      organizer: { ...camille, name: `Camille${trick}` },
    },
  });
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  return (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));
}

/**
 * What must hold of whatever arrived: one envelope recipient, the expected headers only, and, as
 * a mail client parses it, one To address, no Cc/Bcc, no attacker's address anywhere an address
 * goes (the trick may survive as harmless display text: a quoted name, an encoded word).
 */
async function assertHarmless(mail: SinkMessage, legit: string): Promise<void> {
  expect(mail.envelope.to).toEqual([legit]);
  const names = headerNames(mail.raw);
  expect(
    names.filter((n) => !EXPECTED_HEADERS.has(n)),
    `unexpected headers in\n${mail.raw.slice(0, 1500)}`,
  ).toEqual([]);
  expect(names.filter((n) => n === 'to' || n === 'subject' || n === 'from')).toHaveLength(3);
  const parsed = await simpleParser(mail.raw);
  expect(addresses(parsed.to)).toEqual([legit]);
  expect(addresses(parsed.cc)).toEqual([]);
  expect(addresses(parsed.bcc)).toEqual([]);
  expect(addresses(parsed.replyTo)).toEqual([camille.email]);
  expect(names.filter((n) => n === 'reply-to' || n === 'list-id')).toHaveLength(2);
  expect(addresses(parsed.from)).toEqual(['pacte@cnfpt.example']);
  expect([...parsed.headers.keys()].filter((k) => !EXPECTED_HEADERS.has(k))).toEqual([]);
  for (const ics of mail.icalendar) {
    const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    const attendees = event.getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase());
    expect(attendees).toEqual([`mailto:${jean.email}`]);
    expect(String(event.getFirstPropertyValue('organizer')).toLowerCase()).toBe(`mailto:${camille.email}`);
    expect(
      event
        .getAllProperties()
        .map((p) => p.name)
        .filter((n) => n.startsWith('x-injected')),
    ).toEqual([]);
  }
}

describe('header injection', () => {
  it.each(TRICKS.map((t) => [JSON.stringify(t), t]))(
    'names, titles and places with %s add no header, recipient or attendee',
    async (_label, trick) => {
      await activities().deliverReminder(hostileMessage(trick));
      const [mail] = await sink.waitFor(1, 5_000);
      await assertHarmless(mail!, camille.email);
      expect(sink.messages).toHaveLength(1);
    },
  );

  it('ids and the Message-ID with CR/LF add no header', async () => {
    for (const trick of TRICKS.slice(0, 3)) {
      sink.clear();
      const message = hostileMessage(trick);
      const hostile: ReminderMessage = {
        ...message,
        agreement: { ...message.agreement, id: `valserhone${trick}` },
        day: `2025-06-02${trick}`,
        messageId: `<x${trick}@pacte>`,
        items: message.items.map((i) => ({ ...i, reminderId: `${i.reminderId}${trick}` })),
      };
      const outcome = await activities()
        .deliverReminder(hostile)
        .then(
          () => 'sent',
          (e: unknown) => `refused: ${String(e)}`,
        );
      if (outcome === 'sent') await assertHarmless((await sink.waitFor(1, 5_000))[0]!, camille.email);
      else expect(sink.messages).toHaveLength(0);
    }
  });

  it('an address with CR/LF or a second address is refused or sent to that one address only', async () => {
    const addresses = [
      `camille.martin@example.org\r\nBcc: bcc@${EVIL}`,
      `camille.martin@example.org, other@${EVIL}`,
      `camille.martin@example.org>\r\nRCPT TO:<rcpt@${EVIL}`,
      `"camille.martin@example.org" <evil@${EVIL}>`,
      `camille.martin@example.org\nevil@${EVIL}`,
    ];
    const outcomes: string[] = [];
    for (const email of addresses) {
      sink.clear();
      const message = messageWith([ITEMS.indicators.item], { recipient: { ...camille, email } });
      const outcome = await activities()
        .deliverReminder(message)
        .then(
          () => 'sent',
          () => 'refused',
        );
      outcomes.push(outcome);
      // Nothing ever reaches the attacker, whatever nodemailer made of the address.
      for (const mail of sink.messages) {
        expect(mail.envelope.to.join(',')).not.toContain(EVIL);
        expect(mail.raw.split(/\r?\n\r?\n/, 1)[0]).not.toMatch(/^(bcc|cc):/im);
      }
    }
    console.log(`[security] hostile addresses: ${outcomes.join(', ')}`);
  });
});
