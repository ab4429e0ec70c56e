/**
 * « Me le rappeler dans 3 jours » from the e-mail's link (issue 16), over HTTP against the real
 * web stack (application and development OpenID provider), a lifecycle on the time-skipping
 * server with the real worker, and Chromium for the accessibility check: the confirmation page
 * says when the reminder comes back and that the last one before the deadline stays, and GET
 * changes nothing; POST with the CSRF token records the snooze in the person's name, through
 * the link; a second use answers « déjà reporté »; another person of the agreement, who gets no
 * such reminder, is refused like a forged link; once the census is answered, the link is gone.
 *
 * @module
 */
import type { Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionLinkClaims } from '../../contracts/action-link';
import type { LifecycleView } from '../../contracts/lifecycle-view';
import * as messages from '../../contracts/messages';
import { startLifecycle } from '../../dev/examples';
import { loadLinkKeys, type LinkKeys } from '../../web/action-links/keys';
import { signActionLink } from '../../web/action-links/token';
import { mainText, openLink, postLink } from '../support/action-link-http';
import { expectNoAxeViolations } from '../support/axe';
import { startLifecycleEnv, type LifecycleEnv } from '../support/lifecycle-env';
import { advanceTo, stateWhen } from '../support/lifecycle-helpers';
import { recordedState } from '../support/recorded-state';
import { placeSnoozeCensus, type PlacedSnooze } from '../support/snooze-placement';
import { launchChromium } from '../support/web-browser';
import { startWebStack, type WebStack } from '../support/web-stack';
import { programmeYearOf } from '../../domain/calendar-entries';

const AGREEMENT = 'demo-report-rappel';
const PILOT = 'ref-terre-valserhone';
const LINK_KEYS_ENV = `k1:${randomBytes(32).toString('base64')}`;

/** « jeudi 10 décembre 2026 », as the pages write a date. */
function frenchDate(iso: string): string {
  const dt = DateTime.fromISO(iso.slice(0, 10), { zone: 'utc' }).setLocale('fr');
  return `${dt.toFormat('cccc')} ${dt.day === 1 ? '1er' : dt.day} ${dt.toFormat('LLLL yyyy')}`;
}

describe('« me le rappeler dans 3 jours », from a signed link', () => {
  let lifecycle: LifecycleEnv;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let web: WebStack | undefined;
  let browser: Browser | undefined;
  let keys: LinkKeys;
  let placed: PlacedSnooze;
  let serverOffsetMs = 0;

  const handle = () => lifecycle.env.client.workflow.getHandle(`agreement-${AGREEMENT}`);
  const state = (): Promise<LifecycleView> => handle().query(messages.stateQuery);
  const recorded = async () => recordedState(await state());
  const thread = () => `census/${placed.year}`;
  /** The link of the census opening reminder's e-mail (issued when it was due). */
  const link = async (claims: Partial<ActionLinkClaims> = {}) =>
    `${web!.baseUrl}/action/${await signActionLink(
      {
        agr: AGREEMENT,
        item: thread(),
        act: 'snooze',
        sub: PILOT,
        ver: 1,
        iat: Math.floor(Date.parse(placed.openAt) / 1000),
        exp: Math.floor(Date.parse(placed.closesOn) / 1000) + 30 * 86_400,
        ...claims,
      },
      keys,
    )}`;

  beforeAll(async () => {
    lifecycle = await startLifecycleEnv('pacte-snooze-link');
    keys = loadLinkKeys({ PACTE_LINK_KEYS: LINK_KEYS_ENV })!;
    web = await startWebStack({
      temporal: async () => lifecycle.env.client,
      // The application reads the server's clock, as in production (time skips in this test).
      now: () => new Date(Date.now() + serverOffsetMs),
      env: { PACTE_LINK_KEYS: LINK_KEYS_ENV, PACTE_LINK_KEY_ID: 'k1' },
    });
    worker = await lifecycle.newWorker();
    running = worker.run();
    placed = await placeSnoozeCensus(AGREEMENT, await lifecycle.env.currentTimeMs());
    expect((await startLifecycle(lifecycle.env.client, placed.agreement, lifecycle.taskQueue)).outcome).toBe('started');
    // Just after the census opening reminder, sent to both referents.
    await advanceTo(lifecycle.env, new Date(Date.parse(placed.openAt) + 60_000).toISOString());
    serverOffsetMs = (await lifecycle.env.currentTimeMs()) - Date.now();
    await stateWhen(handle(), (s) => s.sent.some((r) => r.to === PILOT), 'the census opening reminder');
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    worker?.shutdown();
    await running?.catch(() => undefined);
    await web?.close();
    await lifecycle?.teardown();
  });

  it('GET says what will happen and changes nothing, however often; the page is accessible', async () => {
    const url = await link();
    const before = await recorded();
    const until = DateTime.fromMillis((await lifecycle.env.currentTimeMs()) + 3 * 86_400_000, { zone: 'utc' });
    // (`mainText` folds no-break spaces into spaces: the raw page has them.)
    for (let i = 0; i < 3; i++) {
      const page = await openLink(url);
      expect(page.status).toBe(200);
      expect(page.csrf).toBeDefined();
      expect(page.html).toContain('\u00a0; le dernier rappel');
      // Named as its e-mails name it: by the programme year the census feeds.
      const programme = programmeYearOf(placed.agreement.census!.opensOn, placed.year);
      expect(mainText(page.html)).toContain(`Confirmer : Recensement des demandes de formation ${programme}`);
      expect(mainText(page.html)).toContain(
        `Vous recevrez ce rappel à nouveau le ${frenchDate(until.toISODate()!)} ; le dernier rappel avant l’échéance du ${frenchDate(placed.closesOn)} reste prévu.`,
      );
    }
    expect(await recorded()).toEqual(before);
    expect(before.snoozes).toEqual([]);
    const page = await browser!.newPage({ locale: 'fr-FR' });
    await page.goto(url);
    await page.getByRole('button', { name: 'Confirmer' }).waitFor();
    await expectNoAxeViolations(page, 'snooze confirmation');
    await page.close();
    expect(await recorded()).toEqual(before);
  });

  it('POST with the CSRF token records the snooze through the link, in the person’s name', async () => {
    const url = await link();
    const opened = await openLink(url);
    // Without the CSRF token: refused, nothing recorded.
    const forged = await postLink(url, { cookie: opened.cookie, csrf: undefined });
    expect(forged.status).toBe(403);
    expect((await state()).snoozes ?? []).toEqual([]);

    const posted = await postLink(url, opened);
    expect(posted.status).toBe(200);
    const view = await state();
    expect(view.snoozes).toHaveLength(1);
    const snooze = view.snoozes![0]!;
    expect(snooze).toMatchObject({ thread: thread(), personId: PILOT });
    expect(mainText(posted.html)).toContain(`Rappel reporté au ${frenchDate(snooze.until)}`);
    expect(mainText(posted.html)).toContain(`Le prochain rappel arrivera le ${frenchDate(snooze.until)}.`);
    expect(view.journal.at(-1)).toMatchObject({
      operation: 'snoozeReminders',
      recordedBy: { via: 'email-link', personId: PILOT },
      summary: { kind: 'reminders-snoozed', thread: thread(), personId: PILOT, until: snooze.until },
    });
  });

  it('a second use answers « déjà reporté », and its POST changes nothing; the page is accessible', async () => {
    const url = await link();
    const before = await recorded();
    const again = await openLink(url);
    expect(again.status).toBe(200);
    expect(again.csrf).toBeUndefined();
    const until = before.snoozes[0]!.until;
    expect(mainText(again.html)).toContain(`rappel déjà reporté au ${frenchDate(until)}`);
    // Posted anyway, with a session and token from a page that has a form: nothing more.
    const withForm = await openLink(await link({ iat: Math.floor(Date.now() / 1000) + 400 * 86_400 }));
    expect(withForm.csrf).toBeDefined();
    const posted = await postLink(url, withForm);
    expect(posted.status).toBe(200);
    expect(mainText(posted.html)).toContain('rappel déjà reporté');
    expect(await recorded()).toEqual(before);
    const page = await browser!.newPage({ locale: 'fr-FR' });
    await page.goto(url);
    await page.getByRole('heading', { name: 'Rappel déjà reporté' }).waitFor();
    await expectNoAxeViolations(page, 'snooze already recorded');
    await page.close();
  });

  it('another person of the agreement, who gets no census reminder, is refused: GET or POST, nothing changed', async () => {
    const url = await link({ sub: 'formation-terre-valserhone' });
    const before = await recorded();
    const withForm = await openLink(await link({ iat: Math.floor(Date.now() / 1000) + 400 * 86_400 }));
    const got = await openLink(url);
    expect(got.status).toBe(403);
    expect(mainText(got.html)).toContain('Lien non valide');
    expect((await postLink(url, withForm)).status).toBe(403);
    expect(await recorded()).toEqual(before);
  });

  it('once the census is answered, the link is gone', async () => {
    await handle().executeUpdate(messages.recordCensusAnswer, { args: [{ year: placed.year }] });
    const gone = await openLink(await link());
    expect(gone.status).toBe(410);
    expect(mainText(gone.html)).toContain('n’existe plus');
  });
});
