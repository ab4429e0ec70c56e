/**
 * The coordinator's path on the web, end to end in Chromium with real parts: the Temporal CLI dev
 * server (Pacte's search attributes registered), the Pacte worker sending to MailDev, the web
 * application and the development OpenID provider (tests/support/web-stack.ts), one of each for
 * the whole file.
 *
 * A referent signs in by choosing herself on the provider's page, sees « Mes échéances », pastes
 * a broken copy of Terre Valserhône (a bad e-mail address: the problem is shown beside its field
 * path, nothing starts), then a valid copy under a fresh id, placed against the server's clock
 * after its first annual review; she previews the calendar and presses « Démarrer ». On the
 * agreement page she records the census answer and retains a project led by the training
 * contact. The training contact signs in next, sees the sheet to send on her « Mes échéances »,
 * sends it through its form, and her counts change; the lifecycle's state says it. Last, a pilot
 * of the COT Seine-et-Marne (started beside it, its pilot review made weekly on today's weekday
 * at midnight so that one took place today on any date) signs in: she sees only her agreement
 * (the referent's is a 404 for her), is refused a referent-only form (403, its POST too, nothing
 * changed), records the pilot review she attended, and her « à faire ce mois-ci » drops by one.
 * Every page visited passes axe (WCAG 2.1 A/AA). The keyboard-only paths are tested in
 * tests/web/core-browser-keyboard.test.ts, not here.
 *
 * The README's screenshots of this path are written to docs/screenshots/ by this test.
 *
 * @module
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DateTime } from 'luxon';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities, createMailTransport } from '../../activities';
import type { LifecycleView } from '../../contracts/lifecycle-view';
import { stateQuery } from '../../contracts/messages';
import { PACTE_SEARCH_ATTRIBUTES } from '../../contracts/search-attributes';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import { startMailCatcher, type MailCatcher } from '../../dev/mail-catcher';
import { devServerExecutable } from '../../dev/temporal-binaries';
import { createPacteWorker } from '../../worker/create-worker';
import { startLifecycle } from '../../client/start-lifecycle';
import { valserhoneDates } from '../client/example-situations';
import { expectNoAxeViolations } from '../support/axe';
import { workflowBundle } from '../support/lifecycle-env';
import { activeAfterFirst, placeExample, readExample, runningAfterFirst, type Placed } from '../support/placement';
import { installQuietRuntime } from '../support/runtime';
import { serverNowMs } from '../support/server-clock';
import { launchChromium } from '../support/web-browser';
import { freePort, startWebStack, type WebStack } from '../support/web-stack';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const TASK_QUEUE = `pacte-web-e2e-${randomBytes(4).toString('hex')}`;
/** Terre Valserhône's referent (person `ref-cnfpt`) and training contact (`formation-terre-valserhone`). */
const REFERENT = 'camille.martin@example.org';
const LEAD = 'sophie.bernard@example.org';
const LEAD_ID = 'formation-terre-valserhone';
const PROJECT = { id: 'accueil-numerique', title: 'Accueil numérique des usagers' };
/** The COT Seine-et-Marne's pilot of axis 1 (person `pilote-cg-axe-1`), who attends its pilot reviews. */
const PILOT = 'daniele.mallegol@example.org';
const PILOT_REVIEW = 'pilot-review';
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

let env: TestWorkflowEnvironment;
let catcher: MailCatcher | undefined;
let mailDir: string | undefined;
let worker: Worker | undefined;
let running: Promise<void> | undefined;
let stack: WebStack | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let placed: Placed;
let censusYear: number;
/** The pilot's agreement, started beside the referent's; its pilot review held today at midnight. */
let cot: Placed;
let todayReview: string;

const agreementId = () => placed.agreement.id;
const state = (): Promise<LifecycleView> =>
  env.client.workflow.getHandle(lifecycleWorkflowId(agreementId())).query(stateQuery);
const url = (path: string) => `${stack!.baseUrl}${path}`;
/** A README screenshot: the whole page, or from its top down to the end of `until`. */
async function shoot(name: string, until?: Locator): Promise<void> {
  const box = until ? await until.boundingBox() : null;
  // boundingBox is relative to the viewport; a full-page clip to the page.
  const scrolled = await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY);
  const bottom = box ? Math.ceil(scrolled + box.y + box.height + 24) : 0;
  const clip = box ? { x: 0, y: 0, width: page.viewportSize()!.width, height: bottom } : undefined;
  await page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true, ...(clip ? { clip } : {}) });
}

/** Submits the page's main form (the operation's or the file's) and waits for the answer. */
async function submitMainForm(selector = 'main form button[type=submit]'): Promise<number | undefined> {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  return response?.status();
}

/** From a signed-out browser: the provider's page, the person chosen with the mouse, back home. */
async function signIn(email: string): Promise<void> {
  await page.goto(url('/'));
  expect(page.url().startsWith(stack!.provider.issuer)).toBe(true);
  await page.locator(`button[value="${stack!.account(email).sub}"]`).click();
  await page.waitForURL(url('/'));
}

/** Signs out with the header button, confirming at the provider (its RP-initiated logout page). */
async function signOut(): Promise<void> {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForURL((u) => u.href.startsWith(stack!.provider.issuer));
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForURL((u) => u.href.startsWith(url('/deconnexion/terminee')));
}

/** The counts of « Mes échéances », by section id (`sheets`, `month`, …). */
async function dashboardCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const item of await page.locator('.pacte-counts__item a').all()) {
    const id = (await item.getAttribute('href'))!.replace('#', '');
    counts[id] = Number(await item.locator('.pacte-counts__number').innerText());
  }
  return counts;
}

/** The text of one section of « Mes échéances ». */
const sectionText = (id: string) => page.locator(`section[aria-labelledby="${id}"]`).innerText();

beforeAll(async () => {
  installQuietRuntime();
  // The web application starts lifecycles on the worker's queue, as in production.
  process.env.PACTE_TASK_QUEUE = TASK_QUEUE;
  await mkdir(SCREENSHOTS, { recursive: true });
  mailDir = await mkdtemp(join(tmpdir(), 'pacte-web-e2e-mail-'));
  const [testEnv, mail, bundle] = await Promise.all([
    TestWorkflowEnvironment.createLocal({
      server: { executable: devServerExecutable().executable, searchAttributes: PACTE_SEARCH_ATTRIBUTES },
    }),
    (async () =>
      startMailCatcher({ outbox: mailDir!, smtpPort: await freePort(), webPort: await freePort(), announce: false }))(),
    workflowBundle(),
  ]);
  env = testEnv;
  catcher = mail;
  worker = await createPacteWorker({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    workflowBundle: bundle,
    activities: createActivities({
      transport: createMailTransport({ smtpUrl: catcher.url, timeoutMs: 10_000 }),
      from: 'Pacte <pacte@localhost>',
    }),
  });
  running = worker.run();
  stack = await startWebStack({ temporal: async () => env.client });

  // A fresh id, placed so that the server's "now" is after its first annual review.
  const raw = {
    ...readExample('convention-cadre-terre-valserhone'),
    id: `valserhone-web-${randomBytes(3).toString('hex')}`,
  };
  placed = placeExample(raw, await serverNowMs(env.client), activeAfterFirst('annual-review'));
  censusYear = valserhoneDates(placed).census.year;

  // The COT's monthly pilot review made weekly on today's weekday at midnight, kept on holidays:
  // on any date, one took place today (already past, so it can be recorded) and counts in
  // « à faire ce mois-ci » until it is recorded.
  const nowMs = await serverNowMs(env.client);
  const cotRaw = readExample('cot-seine-et-marne') as { meetings: Record<string, object> } & Record<string, unknown>;
  const today = DateTime.fromMillis(nowMs, { zone: 'Europe/Paris' });
  cotRaw.id = `cot-web-${randomBytes(3).toString('hex')}`;
  cotRaw.meetings = {
    ...cotRaw.meetings,
    [PILOT_REVIEW]: {
      ...cotRaw.meetings[PILOT_REVIEW],
      rrule: `FREQ=WEEKLY;BYDAY=${WEEKDAYS[today.weekday - 1]}`,
      time: '00:00',
      onNonBusinessDay: 'keep',
    },
  };
  cot = placeExample(cotRaw, nowMs, runningAfterFirst(PILOT_REVIEW));
  todayReview = `${PILOT_REVIEW}-${today.toISODate()}`;
  expect(cot.calendar.entries.map((e) => e.id)).toContain(todayReview);
  expect((await startLifecycle(env.client, 'default', cot.agreement, TASK_QUEUE)).ok).toBe(true);

  browser = await launchChromium();
  context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  worker?.shutdown();
  await running?.catch(() => undefined);
  await env?.teardown();
  await catcher?.close();
  if (mailDir) await rm(mailDir, { recursive: true, force: true });
});

describe('the coordinator’s path on the web, in Chromium', () => {
  it('a referent signs in and sees « Mes échéances », without this agreement yet', async () => {
    await signIn(REFERENT);
    expect(await page.locator('h1').innerText()).toBe('Bonjour, Camille Martin');
    expect(await page.title()).toBe('Mes échéances – Pacte');
    expect(await page.locator(`a[href="/conventions/${agreementId()}"]`).count()).toBe(0);
    await expectNoAxeViolations(page, 'Mes échéances, before');
  });

  it('a broken file shows its problem beside the field path, and starts nothing', async () => {
    await page.getByRole('link', { name: 'Nouvelle convention' }).first().click();
    await page.waitForURL(url('/conventions/nouvelle'));
    await expectNoAxeViolations(page, 'new agreement');
    // A real edit of the file: the referent's address loses its domain.
    const people = (placed.raw.people as { email: string }[]).map((p) =>
      p.email === REFERENT ? { ...p, email: 'camille.martin@' } : p,
    );
    const brokenAt = (placed.raw.people as { email: string }[]).findIndex((p) => p.email === REFERENT);
    await page.fill('#champ-texte', YAML.stringify({ ...placed.raw, people }));
    expect(await submitMainForm()).toBe(400);
    const problems = page.locator('table.pacte-problems tbody tr');
    expect(await problems.count()).toBe(1);
    expect(await problems.first().locator('code').innerText()).toBe(`people[${brokenAt}].email`);
    expect(await problems.first().innerText()).toContain('n’est pas une adresse électronique');
    // Beside its line of the source: the line that holds the broken address.
    const flagged = page.locator('.pacte-source-line--error');
    expect(await flagged.count()).toBe(1);
    expect(await flagged.innerText()).toContain('camille.martin@');
    expect(await flagged.locator('.pacte-source-line__problem').innerText()).toContain(`people[${brokenAt}].email`);
    expect(await page.locator('button', { hasText: 'Démarrer' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'new agreement, broken file');
    await shoot('web-new-agreement.png', flagged);
    await expect(state()).rejects.toThrow();
  });

  it('a valid file: the calendar previewed, « Démarrer », the agreement page with its timeline', async () => {
    await page.fill('#champ-texte', YAML.stringify(placed.raw));
    expect(await submitMainForm()).toBe(200);
    expect(await page.locator('#problemes').count()).toBe(0);
    // The preview: the calendar from today, ending with the term's expiry.
    const preview = page.locator('main table', { hasText: 'Calendrier à partir d’aujourd’hui' });
    const expiry = placed.calendar.entries.find((e) => e.type === 'expiry');
    expect(expiry).toBeDefined();
    expect(await preview.locator('tbody tr').last().innerText()).toContain(expiry!.title);
    await expectNoAxeViolations(page, 'new agreement, preview');
    expect(await submitMainForm('main form button:has-text("Démarrer")')).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/conventions/${agreementId()}`);
    expect(await page.locator('h1').innerText()).toBe(placed.agreement.title);
    const started = await state();
    expect(started.phase).toBe('active');
    expect(started.version).toBe(1);
    // The month-by-month timeline marks the current month.
    expect(await page.locator('.pacte-timeline__month[aria-current="date"]').count()).toBe(1);
    await expectNoAxeViolations(page, 'agreement page');
    await shoot('web-agreement.png', page.locator('.pacte-timeline__month').last());
  });

  it('records the census answer through its form: the banner, the journal « par application web », the state', async () => {
    await page.goto(url(`/conventions/${agreementId()}/operations/census-answer`));
    await page.selectOption('#champ-year', String(censusYear));
    await expectNoAxeViolations(page, 'census answer form');
    await shoot('web-operation.png');
    expect(await submitMainForm('main form[action*="/operations/"] button[type=submit]')).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/conventions/${agreementId()}`);
    const banner = page.locator('.govuk-notification-banner--success');
    expect(await banner.innerText()).toMatch(new RegExp(`recensement ${censusYear}[ \u00a0]: réponse enregistrée`));
    const journal = page.locator('#journal ~ table').first();
    expect(await journal.innerText()).toContain('Camille Martin, par application web');
    await expectNoAxeViolations(page, 'agreement page with its confirmation');
    expect((await state()).census.find((c) => c.year === censusYear)?.answeredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('retains a project led by the training contact: a sheet is expected', async () => {
    await page.goto(url(`/conventions/${agreementId()}/operations/retain-projects`));
    await page.selectOption('#champ-year', String(censusYear));
    await page.fill('#champ-projects-0-id', PROJECT.id);
    await page.fill('#champ-projects-0-title', PROJECT.title);
    await page.check(`input[name="projects[0].leads"][value="${LEAD_ID}"]`);
    await expectNoAxeViolations(page, 'retain projects form');
    expect(await submitMainForm('main form[action*="/operations/"] button[type=submit]')).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/conventions/${agreementId()}`);
    expect(await page.locator('.govuk-notification-banner--success').count()).toBe(1);
    await expectNoAxeViolations(page, 'agreement page after retaining');
    expect((await state()).pendingSheets.map((s) => s.projectId)).toEqual([PROJECT.id]);
  });

  it('signs out; the training contact signs in, sends the sheet, and her « Mes échéances » changes', async () => {
    await signOut();
    await signIn(LEAD);
    expect(await page.locator('h1').innerText()).toBe('Bonjour, Sophie Bernard');
    expect(await page.locator(`a[href="/conventions/${agreementId()}"]`).count()).toBeGreaterThan(0);
    const before = await dashboardCounts();
    const [pending] = (await state()).pendingSheets;
    const today = DateTime.fromMillis(await serverNowMs(env.client), { zone: placed.agreement.timezone }).toISODate()!;
    const dueThisMonth = pending!.dueOn.slice(0, 7) === today.slice(0, 7) && Date.parse(pending!.dueAt) >= Date.now();
    expect(before.sheets).toBe(1);
    expect(await sectionText('sheets')).toContain(PROJECT.title);
    await expectNoAxeViolations(page, 'Mes échéances of the project lead');
    await shoot('web-dashboard.png');

    await page.goto(url(`/conventions/${agreementId()}/operations/submit-sheet`));
    await page.selectOption('#champ-projectId', PROJECT.id);
    await page.fill('#champ-label', 'Accueillir les usagers au guichet numérique');
    await page.fill('#champ-place', 'Bellegarde-sur-Valserine');
    await page.fill('#champ-period', 'mars');
    await page.selectOption('#champ-mode', 'presentiel');
    await page.fill('#champ-participants', '16');
    await page.fill('#champ-context', 'Nouveaux espaces France services');
    await page.fill('#champ-objectives', 'Accompagner les démarches en ligne');
    await expectNoAxeViolations(page, 'submit sheet form');
    expect(await submitMainForm('main form[action*="/operations/"] button[type=submit]')).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/conventions/${agreementId()}`);
    expect(await page.locator('.govuk-notification-banner--success').count()).toBe(1);
    expect(await page.locator('#journal ~ table').first().innerText()).toContain('Sophie Bernard, par application web');
    await expectNoAxeViolations(page, 'agreement page after the sheet');

    await page.goto(url('/'));
    const after = await dashboardCounts();
    expect(await sectionText('sheets')).not.toContain(PROJECT.title);
    // The sheet leaves « fiches projet à envoyer », and « à faire ce mois-ci » when it was due this month.
    expect(after).toEqual({ ...before, sheets: 0, month: before.month! - (dueThisMonth ? 1 : 0) });
    await expectNoAxeViolations(page, 'Mes échéances after the sheet');

    const view = await state();
    expect(view.pendingSheets).toEqual([]);
    expect(view.submittedSheets.find((s) => s.projectId === PROJECT.id)?.sheet).toMatchObject({
      participants: 16,
      mode: 'presentiel',
    });
  });

  it('a pilot signs in, sees only her agreement, records the meeting she attends, and her « Mes échéances » changes', async () => {
    await signOut();
    await signIn(PILOT);
    expect(await page.locator('h1').innerText()).toBe('Bonjour, Danièle Mallegol');
    // Only the COT she pilots an axis of: the referent's new agreement is not hers.
    const choices = await page
      .locator('#filtre-convention option')
      .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value).filter(Boolean));
    expect(choices).toEqual([cot.agreement.id]);
    expect(await page.locator(`a[href="/conventions/${agreementId()}"]`).count()).toBe(0);
    const hidden = await page.goto(url(`/conventions/${agreementId()}`));
    expect(hidden?.status()).toBe(404);
    await page.goto(url('/'));
    const before = await dashboardCounts();
    // Today's pilot review, past since midnight and not recorded, is to do this month.
    expect(before.month).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'Mes échéances of a pilot');

    // A referent-only form: « Accès refusé », its POST too, and nothing changes.
    const refused = await page.goto(url(`/conventions/${cot.agreement.id}/operations/retain-projects`));
    expect(refused?.status()).toBe(403);
    expect(await page.locator('h1').innerText()).toBe('Accès refusé');
    await expectNoAxeViolations(page, '403 page');
    const cotState = () => env.client.workflow.getHandle(lifecycleWorkflowId(cot.agreement.id)).query(stateQuery);
    const unchanged = await cotState();

    await page.goto(url(`/conventions/${cot.agreement.id}/operations/meeting-held`));
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const posted = await page.request.post(url(`/conventions/${cot.agreement.id}/operations/retain-projects`), {
      form: { _csrf: csrf, year: String(DateTime.now().year), 'projects[0].id': 'x', 'projects[0].title': 'X' },
      maxRedirects: 0,
    });
    expect(posted.status()).toBe(403);
    expect(await cotState()).toEqual(unchanged);

    // Her own item: the pilot review held today.
    expect(await page.locator('#champ-entryId option').nth(1).getAttribute('value')).toBe(todayReview);
    await page.selectOption('#champ-entryId', todayReview);
    await expectNoAxeViolations(page, 'meeting held form, for a pilot');
    expect(await submitMainForm('main form[action*="/operations/"] button[type=submit]')).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/conventions/${cot.agreement.id}`);
    expect(await page.locator('.govuk-notification-banner--success').count()).toBe(1);
    expect(await page.locator('#journal ~ table').first().innerText()).toContain(
      'Danièle Mallegol, par application web',
    );
    expect((await cotState()).meetings.map((m) => m.entryId)).toEqual([todayReview]);

    await page.goto(url('/'));
    expect(await dashboardCounts()).toEqual({ ...before, month: before.month! - 1 });
  });
});
