/**
 * The forms in a real Chromium (playwright-core, /usr/bin/chromium as tests/e2e does): axe-core
 * finds no WCAG 2.1 A/AA violation on each form, with and without its errors, and one form is
 * filled and sent with the keyboard alone. The person is signed in through the real development
 * provider; the lifecycle is real (tests/web/operations-env.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../support/axe';
import { signInOverHttp } from '../support/web-session';
import { valserhoneDates } from '../client/example-situations';
import type { Placed } from '../support/placement';
import { startBrowserValserhone } from './browser-valserhone';
import type { WebTemporalEnv } from './operations-env';

const TASK_QUEUE = `pacte-web-a11y-${randomBytes(4).toString('hex')}`;
const REFERENT = 'camille.martin@example.org';

let t: WebTemporalEnv;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let valserhone: Placed;

const ops = (slug: string) => `${t.stack.baseUrl}/conventions/${valserhone.agreement.id}/operations/${slug}`;

beforeAll(async () => {
  ({ t, valserhone, browser, context, page } = await startBrowserValserhone(TASK_QUEUE));
  const session = await signInOverHttp(t.stack, REFERENT);
  await context.addCookies(
    Object.entries(session.jar.cookies(t.stack.baseUrl)).map(([name, value]) => ({
      name,
      value,
      url: t.stack.baseUrl,
    })),
  );
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('forms in a browser', () => {
  it.each([
    'census-answer',
    'retain-projects',
    'submit-sheet',
    'meeting-held',
    'amend',
    'give-notice',
    'renewal-meeting',
    'renew',
    'dispute',
    'change-person',
    'indicators-sent',
  ])('the %s form has no WCAG 2.1 A/AA violation, with and without its errors', async (slug) => {
    const response = await page.goto(ops(slug));
    expect(response?.status()).toBe(200);
    await expectNoAxeViolations(page, `${slug} form`);
    // Sent empty: every required field in error, the summary above.
    // (The renewal meeting has no required field: a date in the future is what the lifecycle refuses.)
    if (slug === 'renewal-meeting') await page.fill('#champ-heldOn', '2999-01-01');
    const [sent] = await Promise.all([
      page.waitForNavigation(),
      page.click('main form[action*="/operations/"] button[type=submit]'),
    ]);
    expect(sent?.status()).toBe(400);
    expect(await page.locator('.govuk-error-summary').count()).toBe(1);
    await expectNoAxeViolations(page, `${slug} form with its errors`);
  });

  it('the new agreement page has no violation: empty, with a broken file’s problems, and its preview', async () => {
    await page.goto(`${t.stack.baseUrl}/conventions/nouvelle`);
    await expectNoAxeViolations(page, 'new agreement');
    const broken = YAML.stringify({ ...valserhone.raw, colour: 'bleu' });
    await page.fill('#champ-texte', broken);
    const [refused] = await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
    expect(refused?.status()).toBe(400);
    expect(await page.locator('#problemes').count()).toBe(1);
    await expectNoAxeViolations(page, 'new agreement, broken file');
    await page.fill('#champ-texte', YAML.stringify({ ...valserhone.raw, id: 'valserhone-apercu' }));
    const [preview] = await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
    expect(preview?.status()).toBe(200);
    expect(await page.locator('button', { hasText: 'Démarrer' }).count()).toBe(1);
    await expectNoAxeViolations(page, 'new agreement, preview');
  });

  it('records a census answer with the keyboard alone', async () => {
    const { year } = valserhoneDates(valserhone).census;
    await page.goto(ops('census-answer'));
    const focused = () =>
      page.evaluate(() => {
        const active = (globalThis as any).document.activeElement as { id: string; tagName: string } | null;
        return active?.id || active?.tagName || '';
      });
    const seen: string[] = [];
    // From the top of the page, Tab reaches the year, the date, then the submit button.
    for (let i = 0; i < 40 && (await focused()) !== 'champ-year'; i++) {
      await page.keyboard.press('Tab');
      seen.push(await focused());
    }
    expect(await focused(), seen.join(' → ')).toBe('champ-year');
    await page.keyboard.type(String(year));
    expect(await page.inputValue('#champ-year')).toBe(String(year));
    for (let i = 0; i < 10 && (await focused()) !== 'BUTTON'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('BUTTON');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe(`/conventions/${valserhone.agreement.id}`);
    // The agreement page confirms it, accessibly.
    expect(await page.locator('.govuk-notification-banner--success').count()).toBe(1);
    await expectNoAxeViolations(page, 'agreement page with its confirmation');
    const state = await t.state(valserhone.agreement.id);
    expect(state.census.find((c) => c.year === year)?.answeredOn).toBeTruthy();
  });
});
