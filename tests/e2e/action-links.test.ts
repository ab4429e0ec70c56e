/**
 * Acting from the e-mail, end to end with real parts: the Temporal test server (time-skipping,
 * so that the census deadline reminder, days after the opening one, comes within the test), the
 * Pacte worker signing action links into the e-mails it sends to MailDev, the web application
 * (with the development OpenID provider it is built with) and Chromium.
 *
 * The pilot's path: the census opening reminder arrives in MailDev with its link; Chromium opens
 * the message in MailDev's web page, follows the link, sees the confirmation page (nothing
 * recorded yet: a GET acts on nothing), confirms; the answer is in the lifecycle, recorded
 * through the link, and the census deadline reminder that was planned is not sent. Then every
 * refused case: forged, altered, expired, unknown key, another person's, another agreement's;
 * a second use; an item that no longer exists after an amendment. The README's screenshots of
 * the pilot's path are written to docs/screenshots/ by this test.
 *
 * @module
 */
import type { Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities, createMailTransport } from '../../activities';
import type { ActionLinkClaims } from '../../contracts/action-link';
import type { LifecycleView } from '../../contracts/lifecycle-view';
import * as messages from '../../contracts/messages';
import { startLifecycle } from '../../dev/examples';
import { startMailCatcher, type MailCatcher } from '../../dev/mail-catcher';
import { loadLinkKeys, type LinkKeys } from '../../web/action-links/keys';
import { signActionLink } from '../../web/action-links/token';
import { createPacteWorker } from '../../worker/create-worker';
import { mainText, openLink, postLink } from '../support/action-link-http';
import { expectNoAxeViolations } from '../support/axe';
import { recordedState } from '../support/recorded-state';
import { placeCensus, type PlacedCensus } from '../support/census-link-placement';
import { startLifecycleEnv, type LifecycleEnv } from '../support/lifecycle-env';
import { advanceTo } from '../support/lifecycle-helpers';
import { waitFor } from '../support/wait-for';
import { launchChromium } from '../support/web-browser';
import { freePort, startWebStack, type WebStack } from '../support/web-stack';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const TASK_QUEUE = 'pacte-action-links';
const AGREEMENT = 'demo-liens-action';
const PILOT = { id: 'ref-terre-valserhone', email: 'julien.moreau@example.org' };

const b64 = () => randomBytes(32).toString('base64');
const LINK_KEYS_ENV = `k1:${b64()}`;

interface MailDevEmail {
  id: string;
  subject: string;
  to: { address: string }[];
  text: string;
}

describe('acting from the e-mail, with a signed action link', () => {
  let lifecycle: LifecycleEnv;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let catcher: MailCatcher | undefined;
  let web: WebStack | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let mailDir: string;
  let placed: PlacedCensus;
  let keys: LinkKeys;
  let pilotLink: string;
  let serverOffsetMs = 0;
  const skipTo = async (instant: number) => {
    await advanceTo(lifecycle.env, new Date(instant).toISOString());
    serverOffsetMs = (await lifecycle.env.currentTimeMs()) - Date.now();
  };

  const handle = () => lifecycle.env.client.workflow.getHandle(`agreement-${AGREEMENT}`);
  const state = (): Promise<LifecycleView> => handle().query(messages.stateQuery);
  const recorded = async () => recordedState(await state());
  const answeredOn = async () => (await state()).census.find((c) => c.year === placed.year)?.answeredOn;
  const emails = async (): Promise<MailDevEmail[]> =>
    (await (await fetch(`${catcher!.webUrl}/email`)).json()) as MailDevEmail[];
  const link = async (claims: Partial<ActionLinkClaims>, signing: LinkKeys = keys) =>
    `${web!.baseUrl}/action/${await signActionLink(
      {
        agr: AGREEMENT,
        item: String(placed.year),
        act: 'census-answered',
        sub: PILOT.id,
        ver: 1,
        iat: Math.floor(Date.now() / 1000),
        exp: Math.floor(Date.now() / 1000) + 30 * 86_400,
        ...claims,
      },
      signing,
    )}`;

  /** A visitor's session with a valid CSRF token, from a confirmation page that has a form. */
  const formSession = async () => {
    const opened = await openLink(await link({ act: 'meeting-held', item: 'follow-up-not-planned' }));
    expect(opened.csrf).toBeDefined();
    return opened;
  };

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    mailDir = await mkdtemp(join(tmpdir(), 'pacte-links-mail-'));
    lifecycle = await startLifecycleEnv(TASK_QUEUE);
    catcher = await startMailCatcher({
      outbox: mailDir,
      smtpPort: await freePort(),
      webPort: await freePort(),
      announce: false,
    });
    keys = loadLinkKeys({ PACTE_LINK_KEYS: LINK_KEYS_ENV })!;
    web = await startWebStack({
      temporal: async () => lifecycle.env.client,
      // The application reads the server's clock, as in production (time skips in this test).
      now: () => new Date(Date.now() + serverOffsetMs),
      env: { PACTE_LINK_KEYS: LINK_KEYS_ENV, PACTE_LINK_KEY_ID: 'k1' },
    });
    worker = await createPacteWorker({
      connection: lifecycle.env.nativeConnection,
      taskQueue: TASK_QUEUE,
      workflowBundle: lifecycle.bundle,
      activities: createActivities({
        transport: createMailTransport({ smtpUrl: catcher.url, timeoutMs: 10_000 }),
        from: 'Pacte <pacte@localhost>',
        actionLinks: { keys, baseUrl: web.baseUrl },
      }),
    });
    running = worker.run();
    placed = await placeCensus(AGREEMENT, await lifecycle.env.currentTimeMs());
    serverOffsetMs = (await lifecycle.env.currentTimeMs()) - Date.now();
    expect((await startLifecycle(lifecycle.env.client, placed.agreement, TASK_QUEUE)).outcome).toBe('started');

    browser = await launchChromium();
    // The application's CSP stays on: axe runs through the DevTools protocol (tests/support/axe.ts).
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  });

  afterAll(async () => {
    await browser?.close();
    worker?.shutdown();
    await running?.catch(() => undefined);
    await web?.close();
    await lifecycle?.teardown();
    await catcher?.close();
    if (mailDir) await rm(mailDir, { recursive: true, force: true });
  });

  it('the census opening reminder reaches MailDev with a link; Chromium follows it, confirms, and the deadline reminder is not sent', async () => {
    // Time skips to just after the opening reminder; the worker sends it for real.
    await skipTo(Date.parse(placed.openAt) + 60_000);
    const opened = await waitFor(
      async () => {
        const list = await emails();
        return list.length >= 2 ? list : undefined;
      },
      { timeoutMs: 60_000, what: 'the census opening reminders in MailDev' },
    );
    expect(opened.flatMap((e) => e.to.map((t) => t.address)).sort()).toEqual([
      'camille.martin@example.org',
      PILOT.email,
    ]);
    const email = opened.find((e) => e.to.some((t) => t.address === PILOT.email))!;
    expect(email.text).toContain('J’ai envoyé la réponse au recensement\u00a0: http');

    // The pilot reads the reminder in MailDev's web page and follows the button.
    await page.goto(`${catcher!.webUrl}/#/email/${email.id}`);
    await page.getByText(email.subject).first().waitFor({ timeout: 30_000 });
    const body = page.frameLocator('iframe').first();
    const button = body.getByRole('link', { name: 'J’ai envoyé la réponse au recensement' });
    await button.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'action-link-mail.png') });
    const href = await button.getAttribute('href');
    expect(href).toMatch(new RegExp(`^${web!.baseUrl}/action/[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));
    pilotLink = href!;
    await page.goto(pilotLink);

    // The confirmation page: what will be recorded; nothing recorded by opening it.
    await page
      .getByRole('heading', { level: 1 })
      .filter({ hasText: 'Recensement des demandes de formation' })
      .waitFor();
    await expect.poll(() => page.getByText('La réponse au recensement').count()).toBeGreaterThan(0);
    expect(await answeredOn()).toBeUndefined();
    await expectNoAxeViolations(page, 'action confirm page');
    await page.screenshot({ path: join(SCREENSHOTS, 'action-link-confirm.png'), fullPage: true });

    await page.getByRole('button', { name: 'Confirmer' }).click();
    await page.getByRole('heading', { name: 'C’est enregistré' }).waitFor({ timeout: 30_000 });
    await expectNoAxeViolations(page, 'action done page');
    await page.screenshot({ path: join(SCREENSHOTS, 'action-link-recorded.png'), fullPage: true });
    const answered = await answeredOn();
    expect(answered).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await state()).phase).toBe('active');

    // Time skips past the census deadline reminder: the answer cancelled it, for both referents.
    await skipTo(Date.parse(placed.deadlineReminderAt) + 3_600_000);
    const after = await state();
    expect(after.sent.flatMap((s) => s.purposes)).not.toContain('census-deadline');
    expect(after.sent.filter((s) => s.purposes.includes('census-open'))).toHaveLength(2);
    expect((await emails()).filter((e) => /Clôture|clôture/.test(e.subject))).toEqual([]);
  }, 240_000);

  it('a second use answers « déjà enregistré le … », and its POST changes nothing', async () => {
    const before = await recorded();
    const second = await openLink(pilotLink);
    expect(second.status).toBe(200);
    expect(mainText(second.html)).toContain('déjà enregistré le');
    expect(second.csrf).toBeUndefined();
    // Posted anyway (a double submission), with a valid session and CSRF token: nothing more.
    const posted = await postLink(pilotLink, await formSession());
    expect(posted.status).toBe(200);
    expect(mainText(posted.html)).toContain('déjà enregistré le');
    expect(await recorded()).toEqual(before);
  });

  it('forged, altered, expired, unknown-key, another person’s and another agreement’s links: one neutral page, GET or POST, nothing changed', async () => {
    // A fresh census year is not needed: a refused link must not even reveal that this one is answered.
    const genuine = await link({});
    const [head, payload, signature] = genuine.split('/action/')[1]!.split('.');
    const altered = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'ref-cnfpt' }),
    ).toString('base64url');
    const cases: Record<string, string> = {
      forged: await link({}, loadLinkKeys({ PACTE_LINK_KEYS: `k1:${b64()}` })!),
      altered: `${web!.baseUrl}/action/${head}.${altered}.${signature}`,
      expired: await link({ iat: 1_700_000_000, exp: 1_700_000_100 }),
      'unknown key': await link({}, loadLinkKeys({ PACTE_LINK_KEYS: `k9:${b64()}` })!),
      'another person’s': await link({ sub: 'someone-of-another-agreement' }),
      'another agreement’s': await link({ agr: 'valserhone-2025' }),
      garbage: `${web!.baseUrl}/action/not-a-token`,
    };
    const before = await recorded();
    // A genuine session (cookie and CSRF token) to POST with: refusal is not a CSRF failure.
    const session = await openLink(genuine);
    expect(session.csrf).toBeUndefined(); // answered already: no form
    const withForm = await formSession();
    const pages = new Set<string>();
    for (const [name, url] of Object.entries(cases)) {
      const got = await openLink(url, withForm.cookie);
      expect(got.status, name).toBe(403);
      expect(got.csrf, name).toBeUndefined();
      pages.add(mainText(got.html));
      const posted = await postLink(url, withForm);
      expect(posted.status, `${name} POST`).toBe(403);
      pages.add(mainText(posted.html));
    }
    expect([...pages]).toEqual([
      'Lien non valide Ce lien n’est pas valide ou n’est plus valable. Rien n’a été enregistré. Si vous pensez qu’il s’agit d’une erreur, répondez à l’e-mail que vous avez reçu : votre message parviendra au référent de la convention.',
    ]);
    for (const name of ['Demo', 'Démonstration', placed.agreement.title]) expect([...pages][0]).not.toContain(name);
    expect((await page.goto(cases.forged!))?.status()).toBe(403);
    await expectNoAxeViolations(page, 'action refused page');
    expect(await recorded()).toEqual(before);
  });

  it('a GET of a valid link acts on nothing, however often (mail scanners)', async () => {
    const url = await link({ act: 'sheet-sent', item: `${placed.year}/no-such-project` });
    const before = await recorded();
    for (let i = 0; i < 3; i++) expect((await openLink(url)).status).toBe(410);
    const meeting = (await state()).nextEvents.find((e) => e.type === 'follow-up')!;
    const aheadUrl = await link({ act: 'meeting-held', item: meeting.id });
    const ahead = await openLink(aheadUrl);
    expect(ahead.status).toBe(200);
    expect(mainText(ahead.html)).toContain('n’a pas encore eu lieu');
    expect((await page.goto(aheadUrl))?.status()).toBe(200);
    await expectNoAxeViolations(page, 'action not yet page');
    expect(await recorded()).toEqual(before);
  });

  it('a project sheet sent through its form, by its lead only; a meeting held with its minutes link, once it has taken place', async () => {
    await handle().executeUpdate(messages.notifyRetainedProjects, {
      args: [{ year: placed.year, projects: [{ id: 'mobilite', title: 'Mobilité douce', leads: [PILOT.id] }] }],
    });
    const sheet = { act: 'sheet-sent' as const, item: `${placed.year}/mobilite` };
    // The training contact is not the project's lead: her link is refused like a forged one.
    expect((await openLink(await link({ ...sheet, sub: 'formation-terre-valserhone' }))).status).toBe(403);
    const url = await link(sheet);
    const page1 = await openLink(url);
    expect(page1.status).toBe(200);
    expect(page1.html).toContain('value="Mobilité douce"');
    const before = await recorded();
    const incomplete = await postLink(url, page1, { label: 'Mobilité douce', participants: 'douze' });
    expect(incomplete.status).toBe(400);
    expect(mainText(incomplete.html)).toContain('Indiquez le nombre de participants');
    expect(await recorded()).toEqual(before);
    const sent = await postLink(url, page1, {
      label: 'Mobilité douce',
      place: 'Bellegarde-sur-Valserine',
      period: 'Premier semestre',
      mode: 'mixte',
      participants: '18',
      context: 'Plan de mobilité intercommunal',
      objectives: 'Former les agents aux déplacements doux',
    });
    expect(sent.status).toBe(200);
    expect(mainText(sent.html)).toContain('C’est enregistré');
    const submitted = (await state()).submittedSheets.find((s) => s.projectId === 'mobilite');
    expect(submitted?.sheet).toMatchObject({ mode: 'mixte', participants: 18, place: 'Bellegarde-sur-Valserine' });

    const meeting = (await state()).nextEvents.find((e) => e.type === 'follow-up')!;
    await skipTo(Date.parse(meeting.at) + 3_600_000);
    const meetingUrl = await link({ act: 'meeting-held', item: meeting.id });
    const form = await openLink(meetingUrl);
    expect(form.status).toBe(200);
    expect(mainText(form.html)).toContain('La réunion a eu lieu');
    const badUrl = await postLink(meetingUrl, form, { minutesUrl: 'compte rendu' });
    expect(badUrl.status).toBe(400);
    expect(mainText(badUrl.html)).toContain('adresse web complète');
    expect((await state()).meetings).toEqual([]);
    const held = await postLink(meetingUrl, form, { minutesUrl: 'https://example.org/cr', trackingTable: 'late' });
    expect(held.status).toBe(200);
    expect((await state()).meetings).toEqual([
      expect.objectContaining({ entryId: meeting.id, minutesUrl: 'https://example.org/cr', trackingTable: 'late' }),
    ]);
    // The other link of the same meeting now answers « déjà enregistré ».
    const tracking = await openLink(await link({ act: 'tracking-table-updated', item: meeting.id }));
    expect(mainText(tracking.html)).toContain('déjà enregistré le');
  });

  it('after an amendment, a link sent for the previous version gets the « no longer current » page', async () => {
    const url = await link({ act: 'meeting-held', item: 'anything' });
    await handle().executeUpdate(messages.amendAgreement, {
      args: [{ agreement: placed.agreement, summary: 'Avenant de test' }],
    });
    expect((await state()).version).toBe(2);
    const gone = await openLink(url);
    expect(gone.status).toBe(410);
    expect(mainText(gone.html)).toContain('n’existe plus');
    expect((await page.goto(url))?.status()).toBe(410);
    await expectNoAxeViolations(page, 'action gone page');
    expect((await openLink(pilotLink)).status).toBe(410);
  });
});
