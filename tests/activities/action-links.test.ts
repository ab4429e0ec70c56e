/**
 * Action links in the e-mails, sent over real SMTP to the loopback sink: the items that ask
 * something carry one link per action (HTML button and plain-text URL), each a token the web
 * application accepts for exactly that item, action, person and version, then, last, « ce rappel
 * ne me concerne plus » for reminders of something planned; messages about others carry none,
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
  it('a census item and a project sheet item: one link each and « not concerned », bound to their item, action, person and version', async () => {
    const message = versioned(
      messageWith([ITEMS['census-deadline'].item, ITEMS['project-sheet'].item, ITEMS.notice.item]),
    );
    const mail = await send(message);
    const text = mail.text ?? '';
    expect(text).toContain('Déjà fait\u202f? Signalez-le en un clic\u00a0:');
    expect(text).toContain('J’ai envoyé la réponse au recensement\u00a0: https://pacte.example.org/action/');
    expect(text).toContain('Pas le temps maintenant\u202f?\n  - Me le rappeler dans 3 jours\u00a0: https://');
    expect(text).toContain('Ce rappel ne me concerne plus\u00a0: https://pacte.example.org/action/');
    const all = tokensIn(text);
    // Each item's own action, the snooze of its thread, then « not concerned »; the notice none.
    expect(all).toHaveLength(6);
    const snoozes = await Promise.all(
      [all[1]!, all[4]!].map((t) => checkActionLink(t, signing.keys, new Date(Date.parse(message.dueAt)))),
    );
    expect(snoozes.map((c) => (c.ok ? [c.claims.act, c.claims.item] : c.reason))).toEqual([
      ['snooze', 'census/2025'],
      ['snooze', 'sheet/2025/managers'],
    ]);
    const tokens = [all[0]!, all[2]!, all[3]!, all[5]!];
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
        claims: expect.objectContaining({
          item: `census-deadline:${ITEMS['census-deadline'].item.subject.id}`,
          act: 'not-concerned',
          sub: 'ref-ccvt',
        }),
      },
      {
        ok: true,
        claims: expect.objectContaining({ item: '2025/managers', act: 'sheet-sent', sub: 'ref-ccvt', ver: 3 }),
      },
      {
        ok: true,
        claims: expect.objectContaining({ item: 'project-sheet:sheet-2025-managers', act: 'not-concerned' }),
      },
    ]);
    // No name or address in any URL.
    for (const t of tokens) expect(Buffer.from(t.split('.')[1]!, 'base64url').toString()).not.toMatch(/@|Jean|Dupont/);
  });

  it('a meeting item offers « meeting held », « tracking table up to date », then « not concerned »', async () => {
    const mail = await send(versioned(messageWith([ITEMS.meeting.item])));
    const text = mail.text ?? '';
    expect(text).toContain('La réunion a eu lieu\u00a0: ');
    expect(text).toContain('Le tableau de suivi est à jour\u00a0: ');
    expect(tokensIn(text)).toHaveLength(3);
    expect(text.indexOf('Ce rappel ne me concerne plus')).toBeGreaterThan(
      text.indexOf('Le tableau de suivi est à jour'),
    );
    const html = String(mail.html);
    expect(html.indexOf('Ce rappel ne me concerne plus')).toBeGreaterThan(
      html.indexOf('Le tableau de suivi est à jour'),
    );
  });

  it('an indicators item offers « indicators sent », the snooze, then « not concerned », in the agreement’s language', async () => {
    const fr = await send(versioned(messageWith([ITEMS.indicators.item])));
    expect(fr.text).toContain('J’ai transmis les indicateurs\u00a0: ');
    const [sent, snoozed, declined] = await Promise.all(
      tokensIn(fr.text ?? '').map((t) =>
        checkActionLink(t, signing.keys, new Date(Date.parse('2025-05-27T09:00:00Z'))),
      ),
    );
    expect(sent).toMatchObject({ ok: true, claims: { act: 'indicators-sent', item: 'annual-review-2025-12-09' } });
    expect(snoozed).toMatchObject({ ok: true, claims: { act: 'snooze', item: 'indicators/annual-review-2025-12-09' } });
    expect(fr.text).toContain('Pas le temps maintenant\u202f?');
    expect(declined).toMatchObject({
      ok: true,
      claims: { act: 'not-concerned', item: 'indicators:annual-review-2025-12-09' },
    });
    sink.clear();
    const base = messageWith([ITEMS.event.item]);
    const en = await send(versioned({ ...base, agreement: { ...base.agreement, locale: 'en' } }));
    // Nothing to record about an event: only « not concerned », without « Already done? ».
    expect(en.text).toContain('  - This reminder no longer concerns me: https://pacte.example.org/action/');
    expect(en.text).not.toContain('Already done');
    expect(tokensIn(en.text ?? '')).toHaveLength(1);
  });

  it('no links without keys, nor for a message without the agreement version, nor for messages about others', async () => {
    for (const [message, withKeys] of [
      [versioned(messageWith([ITEMS['census-deadline'].item])), false],
      [versioned(messageWith([ITEMS['census-deadline'].item]), null), true],
      [versioned(messageWith([ITEMS.notice.item, ITEMS['project-sheet-escalation'].item])), true],
    ] as const) {
      sink.clear();
      const mail = await send(message, withKeys);
      expect(mail.text).not.toContain('/action/');
      expect(mail.text).not.toContain('Déjà fait');
      expect(String(mail.html)).not.toContain('/action/');
    }
  });
});
