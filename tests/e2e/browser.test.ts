/**
 * End to end in a real browser: headless Chromium (Debian's package) driven by playwright-core
 * opens the Temporal Web UI served by the dev server and finds the example agreements by their
 * search attributes and summary, then opens the mail catcher's web inbox (MailDev, as `npm
 * start` runs it) and reads a reminder that a real lifecycle delivered, with its invitation.
 *
 * Everything is real and local: the Temporal CLI dev server with its UI, the Pacte worker
 * (bundled workflows, real activities sending over SMTP), MailDev's SMTP server and web UI.
 * The lifecycles are started exactly as `pacte start` starts them (dev/examples.ts). The
 * reminder comes from the demonstration agreement `npm start` starts (dev/demo.ts), placed as it
 * places it: its reminders fall due 20 to 80 s after the start on the real clock, on any day of
 * the week (seven working days, no holidays); the lifecycle's timer fires, the worker's
 * `deliverDay` activity sends them through MailDev, and the test checks both in the history.
 *
 * The screenshots used in the README are written to docs/screenshots/ by this test.
 *
 * Chromium: `CHROMIUM_PATH`, default `/usr/bin/chromium` (`apt-get install -y chromium`). A
 * missing browser FAILS the suite: it is never skipped.
 *
 * @module
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities, createMailTransport } from '../../activities';
import { startDetails, startSummary } from '../../client/render/start-details';
import { startDemo, type DemoOutcome } from '../../dev/demo';
import { loadAgreement, startExamples, EXAMPLES_DIR } from '../../dev/examples';
import { startMailCatcher, type MailCatcher } from '../../dev/mail-catcher';
import { devServerExecutable } from '../../dev/temporal-binaries';
import { createPacteWorker } from '../../worker/create-worker';
import { PACTE_SEARCH_ATTRIBUTES } from '../../contracts/search-attributes';
import { installQuietRuntime } from '../support/runtime';
import { CHROMIUM_PATH, launchChromium } from '../support/web-browser';
import { freePort } from '../support/free-port';
import { waitFor } from '../support/wait-for';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const NAMESPACE = 'default';
const TASK_QUEUE = 'pacte-e2e';

/** Waits until one of the page's frames shows `text`. */
async function textInSomeFrame(page: Page, text: string): Promise<void> {
  await waitFor(
    async () => {
      for (const frame of page.frames()) {
        const body = await frame
          .locator('body')
          .innerText({ timeout: 1_000 })
          .catch(() => '');
        if (body.includes(text)) return true;
      }
      return undefined;
    },
    { timeoutMs: 30_000, what: `"${text}" on ${page.url()}` },
  );
}

describe('the Temporal Web UI and the mail inbox, in Chromium', () => {
  let env: TestWorkflowEnvironment | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let catcher: MailCatcher | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let uiUrl: string;
  let mailDir: string;
  let demo: DemoOutcome;

  beforeAll(async () => {
    // Fails the suite (no skip) when the browser is not installed.
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium, or set CHROMIUM_PATH`);
    }
    installQuietRuntime();
    await mkdir(SCREENSHOTS, { recursive: true });
    mailDir = await mkdtemp(join(tmpdir(), 'pacte-e2e-mail-'));
    catcher = await startMailCatcher({
      outbox: mailDir,
      smtpPort: await freePort(),
      webPort: await freePort(),
      announce: false,
    });

    const uiPort = await freePort();
    uiUrl = `http://127.0.0.1:${uiPort}`;
    env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: devServerExecutable().executable,
        ip: '127.0.0.1',
        ui: true,
        uiPort,
        searchAttributes: PACTE_SEARCH_ATTRIBUTES,
      },
    });
    const activities = createActivities({
      transport: createMailTransport({ smtpUrl: catcher.url, timeoutMs: 10_000 }),
      from: 'Pacte <pacte@localhost>',
    });
    worker = await createPacteWorker({
      connection: env.nativeConnection,
      namespace: NAMESPACE,
      taskQueue: TASK_QUEUE,
      activities,
    });
    running = worker.run();

    const started = await startExamples(env.client, TASK_QUEUE);
    expect(started.map((s) => s.outcome)).toEqual(['started', 'started', 'started', 'started']);
    // The worker has picked the lifecycle up once its history has more than the start events.
    const handle = env.client.workflow.getHandle('agreement-valserhone-2025');
    await waitFor(async () => ((await handle.describe()).historyLength > 3 ? true : undefined), {
      timeoutMs: 60_000,
      what: 'the first workflow task of agreement-valserhone-2025',
    });

    // The demonstration, placed now: its reminders fall due within 80 s, while the UI is read.
    demo = await startDemo(env.client, TASK_QUEUE);
    expect(demo.outcome).toBe('started');

    browser = await launchChromium();
    page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
    });
  });

  afterAll(async () => {
    await browser?.close();
    worker?.shutdown();
    await running?.catch(() => undefined);
    await env?.teardown();
    await catcher?.close();
    if (mailDir) await rm(mailDir, { recursive: true, force: true });
  });

  it('lists the lifecycles and finds one agreement by its AgreementId search attribute', async () => {
    await page.goto(`${uiUrl}/namespaces/${NAMESPACE}/workflows`);
    for (const id of [
      'valserhone-2025',
      'cot-seine-et-marne-2010',
      'plan-action-vaucluse-2024',
      'schema-cdg-bretagne',
      'demo-pacte',
    ]) {
      await expect
        .poll(() => page.getByText(`agreement-${id}`, { exact: true }).count(), { timeout: 60_000 })
        .toBeGreaterThan(0);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'temporal-ui-lifecycles.png') });

    const query = `AgreementId="valserhone-2025"`;
    await page.goto(`${uiUrl}/namespaces/${NAMESPACE}/workflows?query=${encodeURIComponent(query)}`);
    await page.getByText('agreement-valserhone-2025', { exact: true }).first().waitFor({ timeout: 60_000 });
    await expect
      .poll(() => page.getByText('agreement-schema-cdg-bretagne', { exact: true }).count(), { timeout: 30_000 })
      .toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'temporal-ui-search.png') });
  });

  it('opens the agreement and shows the summary and details set by pacte start', async () => {
    const agreement = await loadAgreement(join(EXAMPLES_DIR, 'convention-cadre-terre-valserhone.yaml'));
    const { runId } = await env!.client.workflow.getHandle('agreement-valserhone-2025').describe();
    await page.goto(`${uiUrl}/namespaces/${NAMESPACE}/workflows/agreement-valserhone-2025/${runId}/history`);
    await page.getByText('agreement-valserhone-2025', { exact: true }).first().waitFor({ timeout: 60_000 });
    // UI 2.42 shows the static summary and details under "User Metadata".
    await page.getByText('User Metadata', { exact: true }).first().click();
    const detailsTitle = /\*\*(.+?)\*\*/.exec(startDetails(agreement))?.[1] ?? agreement.title;
    await page.getByText('Summary', { exact: true }).first().waitFor({ timeout: 30_000 });
    // Markdown is rendered in sandboxed iframes: read the text of every frame.
    await textInSomeFrame(page, startSummary(agreement));
    await textInSomeFrame(page, detailsTitle);
    await textInSomeFrame(page, 'Prochaines échéances'); // current details, set by the lifecycle
    await page.screenshot({ path: join(SCREENSHOTS, 'temporal-ui-agreement.png') });

    // The search attributes administrators filter on, as the workflow keeps them up to date.
    await page.getByText('Search Attributes', { exact: true }).first().click();
    for (const name of [
      'AgreementId',
      'AgreementKind',
      'AgreementPhase',
      'AgreementEndsOn',
      'NextDeadline',
      'Parties',
    ]) {
      await textInSomeFrame(page, name);
    }
    await textInSomeFrame(page, 'valserhone-2025');
    await page.screenshot({ path: join(SCREENSHOTS, 'temporal-ui-search-attributes.png') });
  });

  it('shows a reminder the lifecycle delivered in the mail inbox, with its invitation', async () => {
    // Delivered by the lifecycle when its timer fired: up to 80 s after the start, on the real clock.
    const emails = await waitFor(
      async () => {
        const list = (await (await page.request.get(`${catcher!.webUrl}/email`)).json()) as {
          id: string;
          subject: string;
          to: { address: string }[];
          attachments?: { contentType: string; fileName?: string }[];
        }[];
        // The examples started mid-term may have sent their late reminders too: keep the demo's.
        const fromDemo = list.filter((e) => e.subject.startsWith('Réunion de démonstration – '));
        return fromDemo.length >= demo.recipients.length ? fromDemo : undefined;
      },
      {
        timeoutMs: 120_000,
        what: `the demonstration's reminders in MailDev (due at ${demo.remindersAt})`,
        intervalMs: 500,
      },
    );
    expect(emails.flatMap((e) => e.to.map((t) => t.address)).sort()).toEqual([
      'camille.martin@example.org',
      'julien.moreau@example.org',
      'sophie.bernard@example.org',
    ]);
    // The lifecycle slept on a timer until the reminders were due, then ran the deliverDay activity.
    const history = await env!.client.workflow.getHandle(demo.workflowId).fetchHistory();
    const events = history.events ?? [];
    expect(
      events.some((e) => e.timerFiredEventAttributes),
      'a timer fired',
    ).toBe(true);
    const scheduled = events
      .filter((e) => e.activityTaskScheduledEventAttributes)
      .map((e) => e.activityTaskScheduledEventAttributes!.activityType?.name);
    expect(scheduled).toEqual(['deliverDay']);
    expect(events.filter((e) => e.activityTaskCompletedEventAttributes)).toHaveLength(1);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(demo.remindersAt));

    const email = emails.find((e) => e.to.some((t) => t.address === 'julien.moreau@example.org'))!;
    const meeting = DateTime.fromISO(demo.meetingAt, { setZone: true });
    const fr = meeting.setLocale('fr');
    // « Réunion de démonstration – lundi 30 novembre 2026 de 14 h 38 à 15 h 08 », or when the
    // meeting runs past midnight « … – du lundi 30 novembre 2026 à 23 h 50 au mardi 1er … ».
    const day = `${fr.toFormat('cccc')} ${meeting.day === 1 ? '1er' : meeting.day} ${fr.toFormat('LLLL yyyy')}`;
    // « 14 h 38 » held together by no-break spaces (French typography).
    const time = `${meeting.hour}\u00A0h\u00A0${meeting.toFormat('mm')}`;
    const subjects = [
      `Réunion de démonstration – ${day} de ${time} à `,
      `Réunion de démonstration – du ${day} à ${time} au `,
    ];
    expect(
      subjects.some((start) => email.subject.startsWith(start)),
      email.subject,
    ).toBe(true);
    expect(
      email.attachments?.some((a) => a.contentType.startsWith('text/calendar') || (a.fileName ?? '').endsWith('.ics')),
      'the invitation is attached',
    ).toBe(true);

    await page.goto(`${catcher!.webUrl}/#/email/${email.id}`);
    await page.getByText(email.subject).first().waitFor({ timeout: 30_000 });
    // The message body is shown in an iframe: wait until the reminder's text is rendered there.
    const body = page.frameLocator('iframe').first();
    await body
      .getByText('Démonstration – réunion fictive pour essayer Pacte', { exact: false })
      .first()
      .waitFor({ timeout: 30_000 });
    await body
      .getByText('Préparez la réunion et confirmez votre présence.', { exact: false })
      .first()
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'mail-reminder.png') });
  });
});
