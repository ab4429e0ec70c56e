/**
 * Every page the web application serves passes axe (WCAG 2.1 A/AA, tests/support/axe.ts) in
 * real Chromium with its strict CSP on. This file visits the pages no other browser test does:
 * the development provider's sign-in page, a filtered « Mes échéances » and its 400 for a bad
 * filter, the amendment's and the renewal's previews, the 413 of a too large file, the 429 of
 * too many sign-ins, the 503, the 500 and the home page while Temporal is away. All real: a
 * Temporal CLI dev server, the worker, the development OpenID provider
 * (tests/web/operations-env.ts).
 *
 * Its last test checks the table {@link PAGES}: every route the application registers is named
 * there with the test files that check its pages with axe, each of which does call
 * `expectNoAxeViolations` with that label; a new route without an axe test fails it.
 *
 * @module
 */
import Fastify from 'fastify';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_LIMIT_BYTES } from '../../web/app';
import type { WebDeps } from '../../web/deps';
import { ROUTES } from '../../web/routes';
import { expectNoAxeViolations } from '../support/axe';
import { startWebStack, type WebStack } from '../support/web-stack';
import type { Placed } from '../support/placement';
import { startBrowserValserhone } from './browser-valserhone';
import type { WebTemporalEnv } from './operations-env';

const TASK_QUEUE = `pacte-web-pages-${randomBytes(4).toString('hex')}`;
const REFERENT = 'camille.martin@example.org';
const THIS_FILE = 'tests/web/core-browser-pages.test.ts';

/**
 * Each route (method and path as registered) → the axe-checked pages it serves, as
 * `file: label` (the label given to `expectNoAxeViolations` there); `{ none }` with the reason
 * for a route that serves no HTML page.
 */
const PAGES: Record<string, string[] | { none: string }> = {
  'GET /': [
    'tests/e2e/web-coordinator.test.ts: Mes échéances, before',
    'tests/e2e/web-coordinator.test.ts: Mes échéances of a pilot',
    `${THIS_FILE}: filtered dashboard`,
    `${THIS_FILE}: bad filter page (400)`,
    `${THIS_FILE}: home page while Temporal is away`,
  ],
  'GET /connexion': [`${THIS_FILE}: too many sign-ins page (429)`],
  'GET /connexion/retour': ['tests/web/core-browser.test.ts: sign-in failure page'],
  'POST /deconnexion': { none: 'redirects to the provider’s sign-out page' },
  'GET /deconnexion/terminee': ['tests/web/core-browser.test.ts: signed-out page'],
  'GET /conventions/:agreementId': [
    'tests/e2e/web-coordinator.test.ts: agreement page',
    `${THIS_FILE}: agreement page while Temporal is away (503)`,
  ],
  'GET /conventions/:agreementId/calendrier.ics': { none: 'an iCalendar file' },
  'GET /conventions/:agreementId/suivi.xlsx': { none: 'a spreadsheet' },
  'GET /accessibilite': ['tests/web/core-browser.test.ts: accessibility statement, signed in'],
  'GET /sante': { none: 'plain text for the load balancer' },
  'GET /conventions/nouvelle': ['tests/e2e/web-coordinator.test.ts: new agreement'],
  'POST /conventions/nouvelle': [
    'tests/e2e/web-coordinator.test.ts: new agreement, broken file',
    'tests/e2e/web-coordinator.test.ts: new agreement, preview',
    `${THIS_FILE}: too large file page (413)`,
  ],
  'GET /conventions/:agreementId/operations/:operation': [
    'tests/web/operations-a11y.test.ts: ${slug} form',
    'tests/e2e/web-coordinator.test.ts: 403 page',
    `${THIS_FILE}: operation form while Temporal is away (500)`,
  ],
  'POST /conventions/:agreementId/operations/:operation': [
    'tests/web/operations-a11y.test.ts: ${slug} form with its errors',
    `${THIS_FILE}: amendment preview`,
    `${THIS_FILE}: renewal preview`,
  ],
  'GET /action/*': [
    'tests/e2e/action-links.test.ts: action confirm page',
    'tests/e2e/action-links.test.ts: action not yet page',
    'tests/e2e/action-links.test.ts: action refused page',
    'tests/e2e/action-links.test.ts: action gone page',
    'tests/e2e/snooze-link.test.ts: snooze confirmation',
  ],
  'POST /action/*': ['tests/e2e/action-links.test.ts: action done page'],
  // The 404 page answers any path no route has.
  'GET (no route)': ['tests/web/core-browser.test.ts: 404 page'],
};

let t: WebTemporalEnv;
let browser: Browser;
let page: Page;
let valserhone: Placed;

const url = (path: string) => `${t.stack.baseUrl}${path}`;
const ops = (slug: string) => url(`/conventions/${valserhone.agreement.id}/operations/${slug}`);

/** Clicks the main form's submit button and waits for the answer; its status. */
async function submit(selector = 'main form button[type=submit]'): Promise<number | undefined> {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  return response?.status();
}

/** From a signed-out browser, `email` chosen on the provider's page. */
async function signIn(p: Page, stack: WebStack, email: string): Promise<void> {
  await p.goto(`${stack.baseUrl}/`);
  await p.locator(`button[value="${stack.account(email).sub}"]`).click();
  await p.waitForURL(`${stack.baseUrl}/`);
}

beforeAll(async () => {
  ({ t, valserhone, browser, page } = await startBrowserValserhone(TASK_QUEUE));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('every page in Chromium, CSP on', () => {
  it('the development provider’s sign-in page', async () => {
    await page.goto(url('/'));
    expect(page.url().startsWith(t.stack.provider.issuer)).toBe(true);
    expect(await page.locator(`button[value="${t.stack.account(REFERENT).sub}"]`).count()).toBe(1);
    await expectNoAxeViolations(page, 'development provider sign-in page');
    await page.locator(`button[value="${t.stack.account(REFERENT).sub}"]`).click();
    await page.waitForURL(url('/'));
  });

  it('a filtered « Mes échéances », and the 400 page of a bad filter', async () => {
    const filtered = await page.goto(url(`/?convention=${valserhone.agreement.id}&type=meeting&periode=year`));
    expect(filtered?.status()).toBe(200);
    expect(await page.locator('#filtre-periode').inputValue()).toBe('year');
    expect(await page.locator('#filtre-type').inputValue()).toBe('meeting');
    await expectNoAxeViolations(page, 'filtered dashboard');
    const bad = await page.goto(url('/?periode=hier'));
    expect(bad?.status()).toBe(400);
    expect(await page.locator('main').innerText()).toContain('Filtre invalide');
    await expectNoAxeViolations(page, 'bad filter page (400)');
  });

  it('the amendment’s preview: what changes in the calendar', async () => {
    await page.goto(ops('amend'));
    const meetings = valserhone.raw.meetings as Record<string, Record<string, unknown>>;
    const amended = {
      ...valserhone.raw,
      meetings: {
        ...meetings,
        'annual-review': { ...meetings['annual-review'], place: 'Bellegarde, salle du conseil' },
      },
    };
    await page.fill('#champ-texte', YAML.stringify(amended));
    await page.fill('#champ-summary', 'Nouveau lieu de la rencontre annuelle');
    expect(await submit('main form[action*="/operations/"] button[type=submit]')).toBe(200);
    expect(await page.locator('form input[name="etape"][value="confirmer"]').count()).toBe(1);
    await expectNoAxeViolations(page, 'amendment preview');
    expect((await t.state(valserhone.agreement.id)).version).toBe(1);
  });

  it('the renewal’s preview: the successor’s calendar', async () => {
    await page.goto(ops('renew'));
    const term = valserhone.raw.term as Record<string, string>;
    const end = Number(term.endsOn!.slice(0, 4));
    const successor = {
      ...valserhone.raw,
      id: `${valserhone.agreement.id}-suivante`,
      term: { ...term, signedOn: `${end + 1}-01-02`, endsOn: `${end + 3}-12-31` },
    };
    await page.fill('#champ-texte', YAML.stringify(successor));
    expect(await submit('main form[action*="/operations/"] button[type=submit]')).toBe(200);
    expect(await page.locator('main table caption').first().innerText()).toContain(
      'Calendrier de la convention suivante',
    );
    await expectNoAxeViolations(page, 'renewal preview');
    expect((await t.state(valserhone.agreement.id)).phase).toBe('active');
  });

  it('a file over the upload limit: the 413 page', async () => {
    await page.goto(url('/conventions/nouvelle'));
    await page.setInputFiles('#champ-fichier', {
      name: 'convention.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.alloc(UPLOAD_LIMIT_BYTES + 1024, 'a'),
    });
    expect(await submit()).toBe(413);
    expect(await page.locator('h1').innerText()).toBe('Fichier trop volumineux');
    await expectNoAxeViolations(page, 'too large file page (413)');
  });

  it('too many sign-ins (429); Temporal away: the home page says so, an agreement’s page is a 503, a form a 500', async () => {
    // Another application beside, without Temporal, allowing one sign-in a minute.
    const alone = await startWebStack({ signInRateLimit: 1 });
    const ctx = await browser.newContext({ locale: 'fr-FR' });
    try {
      const p = await ctx.newPage();
      await signIn(p, alone, REFERENT);
      expect(await p.locator('h1').innerText()).toBe('Bonjour, Camille Martin');
      await expectNoAxeViolations(p, 'home page while Temporal is away');
      const away = await p.goto(`${alone.baseUrl}/conventions/${valserhone.agreement.id}`);
      expect(away?.status()).toBe(503);
      expect(await p.locator('h1').innerText()).toBe('Service momentanément indisponible');
      await expectNoAxeViolations(p, 'agreement page while Temporal is away (503)');
      const failed = await p.goto(`${alone.baseUrl}/conventions/${valserhone.agreement.id}/operations/amend`);
      expect(failed?.status()).toBe(500);
      expect(await p.locator('h1').innerText()).toBe('Erreur du service');
      await expectNoAxeViolations(p, 'operation form while Temporal is away (500)');
      const limited = await p.goto(`${alone.baseUrl}/connexion`);
      expect(limited?.status()).toBe(429);
      expect(await p.locator('h1').innerText()).toBe('Trop de tentatives');
      await expectNoAxeViolations(p, 'too many sign-ins page (429)');
    } finally {
      await ctx.close();
      await alone.close();
    }
  });

  it('every route the application registers is in the table, and each page named there is checked with axe', async () => {
    // The route plugins registered on a bare Fastify, recording each route they add.
    const probe = Fastify();
    const registered: string[] = [];
    probe.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) if (method !== 'HEAD') registered.push(`${method} ${route.url}`);
    });
    const deps = { config: t.stack.config, temporal: () => Promise.reject(new Error('unused')), now: () => new Date() };
    for (const routes of ROUTES) await probe.register(routes, { deps: deps as WebDeps });
    await probe.ready();
    await probe.close();
    const tabled = Object.keys(PAGES).filter((k) => k !== 'GET (no route)');
    expect([...new Set(registered)].sort()).toEqual(tabled.sort());

    const root = fileURLToPath(new URL('../../', import.meta.url));
    for (const [route, pages] of Object.entries(PAGES)) {
      if (!Array.isArray(pages)) continue;
      expect(pages.length, route).toBeGreaterThan(0);
      for (const entry of pages) {
        const [file, label] = entry.split(': ') as [string, string];
        const source = readFileSync(`${root}${file}`, 'utf8');
        const call = new RegExp(`expectNoAxeViolations\\(\\s*\\w+,\\s*[\`']${escapeRegExp(label)}[\`']`);
        expect(call.test(source), `${route}: ${file} checks « ${label} » with axe`).toBe(true);
      }
    }
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
