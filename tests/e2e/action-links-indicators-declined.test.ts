/**
 * The « indicateurs envoyés » and « ce rappel ne me concerne plus » links over HTTP, with real
 * parts: the Temporal time-skipping server running the Pacte worker (its e-mails to a real SMTP
 * sink), and the web application checking the signed links (tests/support/web-stack.ts). Terre
 * Valserhône, placed in the server's future; the server's clock is moved to just before the first
 * annual review's indicators reminder, and the application reads that clock.
 *
 * For each link: a GET shows the confirmation page and changes nothing; a bad form is refused
 * field by field and changes nothing; the POST records through the lifecycle's update (via the
 * e-mail link, in the person's name); a second use says so and records nothing more; the link of
 * someone the item is not sent to is refused.
 *
 * @module
 */
import type { Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionLinkClaims } from '../../contracts/action-link';
import type { LifecycleView } from '../../contracts/lifecycle-view';
import * as messages from '../../contracts/messages';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import type { Agreement } from '../../domain/agreement';
import { planCalendar } from '../../domain/calendar';
import type { CalendarEntry } from '../../domain/calendar-types';
import { loadLinkKeys, type LinkKeys } from '../../web/action-links/keys';
import { signActionLink } from '../../web/action-links/token';
import { agreementLifecycle } from '../../workflows/agreement-lifecycle';
import { mainText, openLink, postLink } from '../support/action-link-http';
import { exampleAgreement, startLifecycleEnv, type LifecycleEnv } from '../support/lifecycle-env';
import { advanceTo, localAt, reminderIds, stateWhen, yearsAhead } from '../support/lifecycle-helpers';
import { recordedState } from '../support/recorded-state';
import { startWebStack, type WebStack } from '../support/web-stack';

const LINK_KEYS_ENV = `k1:${randomBytes(32).toString('base64')}`;
const CONTACT = 'formation-terre-valserhone';
const SIGNATORY = 'sign-cnfpt';

describe('indicators sent and « not concerned », from signed links', () => {
  let t: LifecycleEnv;
  let worker: Worker;
  let running: Promise<void>;
  let web: WebStack;
  let keys: LinkKeys;
  let agreement: Agreement;
  let first: CalendarEntry;
  let second: CalendarEntry;
  let serverOffsetMs = 0;

  const handle = () => t.env.client.workflow.getHandle(lifecycleWorkflowId(agreement.id));
  const state = (): Promise<LifecycleView> => handle().query(messages.stateQuery);
  /** What people record, declarations included. */
  const recorded = async () => {
    const view = await state();
    return { ...recordedState(view), indicators: view.indicators, declinedReminders: view.declinedReminders };
  };
  const link = async (claims: Pick<ActionLinkClaims, 'act' | 'item' | 'sub'>) => {
    const now = Math.floor((Date.now() + serverOffsetMs) / 1000);
    return `${web.baseUrl}/action/${await signActionLink(
      { agr: agreement.id, ver: 1, iat: now, exp: now + 30 * 86_400, ...claims },
      keys,
    )}`;
  };

  beforeAll(async () => {
    t = await startLifecycleEnv('action-links-indicators-declined');
    agreement = await exampleAgreement('convention-cadre-terre-valserhone', await yearsAhead(t.env, '2025-01-15'));
    [first, second] = planCalendar(agreement).entries.filter((e) => e.type === 'annual-review') as [
      CalendarEntry,
      CalendarEntry,
    ];
    keys = loadLinkKeys({ PACTE_LINK_KEYS: LINK_KEYS_ENV })!;
    web = await startWebStack({
      temporal: async () => t.env.client,
      now: () => new Date(Date.now() + serverOffsetMs),
      env: { PACTE_LINK_KEYS: LINK_KEYS_ENV, PACTE_LINK_KEY_ID: 'k1' },
    });
    worker = await t.newWorker();
    running = worker.run();
    await t.env.client.workflow.start(agreementLifecycle, {
      workflowId: lifecycleWorkflowId(agreement.id),
      taskQueue: t.taskQueue,
      args: [{ agreement }],
    });
    // The day of the first review's first meeting reminder, before its indicators reminders.
    const meetingReminder = first.reminders.find((r) => r.purpose === 'meeting')!;
    await advanceTo(t.env, localAt(agreement, meetingReminder.date, '12:00'));
    serverOffsetMs = (await t.env.currentTimeMs()) - Date.now();
    await stateWhen(handle(), (s) => s.sent.some((r) => r.reminderIds.includes(meetingReminder.id)), 'first sent');
  }, 120_000);

  afterAll(async () => {
    worker?.shutdown();
    await running?.catch(() => undefined);
    await web?.close();
    await t?.teardown();
  });

  it('« indicators sent »: GET shows, a bad link address is refused, POST records, a second use says when', async () => {
    const url = await link({ act: 'indicators-sent', item: first.id, sub: CONTACT });
    const before = await recorded();
    const opened = await openLink(url);
    expect(opened.status).toBe(200);
    const page = mainText(opened.html);
    // mainText folds no-break spaces into spaces.
    expect(page).toContain(`Indicateurs de la réunion « ${first.title} »`);
    expect(page).toContain('Lien vers les indicateurs (facultatif)');
    expect(page).toContain('leurs relances s’arrêtent, pas celles de la réunion');
    expect(await recorded()).toEqual(before);

    const bad = await postLink(url, opened, { url: 'http://intranet.example.org/indicateurs' });
    expect(bad.status).toBe(400);
    expect(mainText(bad.html)).toContain('commençant par https://');
    expect(await recorded()).toEqual(before);

    const done = await postLink(url, opened, { url: 'https://intranet.example.org/indicateurs' });
    expect(done.status).toBe(200);
    expect(mainText(done.html)).toContain('C’est enregistré');
    const view = await state();
    expect(view.indicators).toEqual([
      expect.objectContaining({ entryId: first.id, url: 'https://intranet.example.org/indicateurs' }),
    ]);
    expect(view.journal.at(-1)).toMatchObject({
      operation: 'recordIndicators',
      recordedBy: { via: 'email-link', personId: CONTACT },
    });

    const again = await openLink(url);
    expect(again.status).toBe(200);
    expect(mainText(again.html)).toContain('déjà enregistré le');
    expect(again.csrf).toBeUndefined();
    const after = await recorded();
    expect((await postLink(url, opened)).status).toBe(200);
    expect(await recorded()).toEqual(after);

    // A signatory gets no indicators reminder: refused like a forged link.
    const other = await openLink(await link({ act: 'indicators-sent', item: second.id, sub: SIGNATORY }));
    expect(other.status).toBe(403);
    expect(mainText(other.html)).toContain('Ce lien n’est pas valide');
  });

  it('« not concerned »: GET says what will happen, POST tells the referents once, nobody is removed', async () => {
    const item = `indicators:${second.id}`;
    const url = await link({ act: 'not-concerned', item, sub: CONTACT });
    const key = `${item}/reminder-declined/${CONTACT}`;
    const told = () => t.sink.messages.filter((m) => reminderIds(m).includes(key));
    const before = await recorded();
    const opened = await openLink(url);
    expect(opened.status).toBe(200);
    const page = mainText(opened.html);
    expect(page).toContain(`Rappel « ${second.title} »`);
    expect(page).toContain(
      'Les référents de la convention en seront informés ; vous continuerez de recevoir ce rappel tant qu’ils n’auront pas changé le destinataire.',
    );
    expect(page).toContain('Motif (facultatif)');
    expect(opened.html).toContain('informés\u202f; vous continuerez');
    expect(await recorded()).toEqual(before);

    const tooLong = await postLink(url, opened, { reason: 'x'.repeat(501) });
    expect(tooLong.status).toBe(400);
    expect(mainText(tooLong.html)).toContain('500 caractères au plus');
    expect(await recorded()).toEqual(before);

    const done = await postLink(url, opened, { reason: 'J’ai changé de service.' });
    expect(done.status).toBe(200);
    expect(mainText(done.html)).toContain('C’est signalé');
    const view = await stateWhen(
      handle(),
      (s) => s.sent.filter((r) => r.reminderIds.includes(key)).length === 2,
      'both referents told',
    );
    expect(view.declinedReminders).toEqual([
      expect.objectContaining({ purpose: 'indicators', subjectId: second.id, personId: CONTACT }),
    ]);
    expect(view.journal.at(-1)).toMatchObject({
      operation: 'declineReminder',
      recordedBy: { via: 'email-link', personId: CONTACT },
    });
    expect(
      told()
        .map((m) => m.envelope.to[0])
        .sort(),
    ).toEqual(['camille.martin@example.org', 'julien.moreau@example.org']);
    // Nobody removed: the agreement still names her, with her role.
    const held = await handle().query(messages.agreementQuery);
    expect(held.people.find((p) => p.id === CONTACT)?.roles).toEqual(['training-contact']);

    // Second use: « déjà signalé le … »; posted anyway, nothing more is recorded or sent.
    const again = await openLink(url);
    expect(mainText(again.html)).toContain('déjà signalé le');
    const after = await recorded();
    const session = await openLink(
      await link({ act: 'not-concerned', item: `meeting:${second.id}`, sub: 'ref-cnfpt' }),
    );
    expect(session.status).toBe(200);
    expect((await postLink(url, session)).status).toBe(200);
    expect(await recorded()).toEqual(after);
    expect((await state()).sent.filter((r) => r.reminderIds.includes(key))).toHaveLength(2);
    expect(told()).toHaveLength(2);

    // Someone the reminder does not go to: refused.
    const other = await openLink(await link({ act: 'not-concerned', item, sub: SIGNATORY }));
    expect(other.status).toBe(403);
  });
});
