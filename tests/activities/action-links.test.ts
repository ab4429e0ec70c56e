/**
 * Action links in the e-mails, sent over real SMTP to the loopback sink: the items that ask
 * something carry one link per action (HTML button and plain-text URL), each a token the web
 * application accepts for exactly that item, action, person and version; other items carry none,
 * and no e-mail carries links when the worker has no keys or the message no version.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/create-activities';
import { createMailTransport } from '../../activities/mail-transport';
import type { ReminderMessage } from '../../contracts/reminder-message';
import { loadLinkSigning } from '../../web/action-links/keys';
import { checkActionLink } from '../../web/action-links/token';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { ITEMS, messageWith } from './fixtures';

const BASE = 'https://pacte.example.org';
const signing = loadLinkSigning({
  PACTE_LINK_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  PACTE_WEB_BASE_URL: `${BASE}/`,
})!;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.stop();
});
beforeEach(() => sink.clear());

function versioned(message: ReminderMessage, version: number | null = 3): ReminderMessage {
  return { ...message, agreement: { ...message.agreement, ...(version !== null ? { version } : {}) } };
}

async function send(message: ReminderMessage, withKeys = true) {
  const activities = createActivities({
    transport: createMailTransport({ smtpUrl: sink.url, timeoutMs: 5_000 }),
    from: 'Pacte <pacte@cnfpt.example>',
    ...(withKeys ? { actionLinks: signing } : {}),
  });
  await activities.deliverReminder(message);
  const [received] = await sink.waitFor(1, 5_000);
  return received!;
}

const LINK = new RegExp(`${BASE}/action/([A-Za-z0-9_.-]+)`, 'g');
const tokensIn = (text: string) => [...text.matchAll(LINK)].map((m) => m[1]!);

describe('action links in a reminder', () => {
  it('a census item and a project sheet item: one link each, bound to their item, action, person and version', async () => {
    const message = versioned(
      messageWith([ITEMS['census-deadline'].item, ITEMS['project-sheet'].item, ITEMS.indicators.item]),
    );
    const mail = await send(message);
    const text = mail.text ?? '';
    expect(text).toContain('Déjà fait\u202f? Signalez-le en un clic\u00a0:');
    expect(text).toContain('J’ai envoyé la réponse au recensement\u00a0: https://pacte.example.org/action/');
    expect(text).toContain('Pas le temps maintenant\u202f?\n  - Me le rappeler dans 3 jours\u00a0: https://');
    const all = tokensIn(text);
    // Each item's own action, then the snooze of its thread (the indicators: the snooze only).
    expect(all).toHaveLength(5);
    const snoozes = await Promise.all(
      [all[1]!, all[3]!, all[4]!].map((t) => checkActionLink(t, signing.keys, new Date(Date.parse(message.dueAt)))),
    );
    expect(snoozes.map((c) => (c.ok ? [c.claims.act, c.claims.item] : c.reason))).toEqual([
      ['snooze', 'census/2025'],
      ['snooze', 'sheet/2025/managers'],
      ['snooze', 'indicators/annual-review-2025-12-09'],
    ]);
    const tokens = [all[0]!, all[2]!];
    // The HTML has the same links as buttons.
    expect(tokensIn(String(mail.html ?? ''))).toEqual(all);
    const now = new Date(Date.parse(message.dueAt));
    const checked = await Promise.all(tokens.map((t) => checkActionLink(t, signing.keys, now)));
    expect(checked).toEqual([
      {
        ok: true,
        claims: expect.objectContaining({
          agr: 'valserhone-2025',
          item: '2025',
          act: 'census-answered',
          sub: 'ref-ccvt',
          ver: 3,
        }),
      },
      {
        ok: true,
        claims: expect.objectContaining({ item: '2025/managers', act: 'sheet-sent', sub: 'ref-ccvt', ver: 3 }),
      },
    ]);
    // No name or address in any URL.
    for (const t of tokens) expect(Buffer.from(t.split('.')[1]!, 'base64url').toString()).not.toMatch(/@|Jean|Dupont/);
  });

  it('a meeting item offers « meeting held » and « tracking table up to date »', async () => {
    const mail = await send(versioned(messageWith([ITEMS.meeting.item])));
    expect(mail.text).toContain('La réunion a eu lieu\u00a0: ');
    expect(mail.text).toContain('Le tableau de suivi est à jour\u00a0: ');
    expect(tokensIn(mail.text ?? '')).toHaveLength(2);
  });

  it('an item with only a thread (the indicators) offers the snooze alone, not « Déjà fait ? », in the HTML too', async () => {
    const mail = await send(versioned(messageWith([ITEMS.indicators.item])));
    expect(mail.text).not.toContain('Déjà fait');
    expect(mail.text).toContain('Pas le temps maintenant\u202f?');
    expect(tokensIn(mail.text ?? '')).toHaveLength(1);
    expect(String(mail.html)).toContain('>Me le rappeler dans 3 jours</a>');
    expect(String(mail.html)).not.toContain('Déjà fait');
  });

  it('no links without keys, nor for a message without the agreement version, nor for items that ask nothing', async () => {
    for (const [message, withKeys] of [
      [versioned(messageWith([ITEMS['census-deadline'].item])), false],
      [versioned(messageWith([ITEMS['census-deadline'].item]), null), true],
      [versioned(messageWith([ITEMS.event.item])), true],
    ] as const) {
      sink.clear();
      const mail = await send(message, withKeys);
      expect(mail.text).not.toContain('/action/');
      expect(mail.text).not.toContain('Déjà fait');
      expect(String(mail.html)).not.toContain('/action/');
    }
  });
});
