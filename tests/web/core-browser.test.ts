/**
 * The web application in a real browser (Chromium), signed in through the real development
 * OpenID provider: the sign-in shows the person's name, every page reachable so far passes axe
 * (WCAG 2.1 A and AA) with its strict CSP on, the sign-in works with the keyboard alone, and
 * signing out ends the session here and at the provider.
 *
 * @module
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, expectNoAxeViolations } from '../support/axe';
import { focusedText, launchChromium } from '../support/web-browser';
import { startWebStack, type WebStack } from '../support/web-stack';

const CAMILLE = 'camille.martin@example.org';

let stack: WebStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startWebStack();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** A fresh browser profile: no cookie from another test. CSP violations are collected. */
async function freshPage(): Promise<{ context: BrowserContext; page: Page; cspErrors: string[] }> {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  const cspErrors: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
  });
  return { context, page, cspErrors };
}

/** Chooses `email`'s account on the provider's sign-in page (mouse). */
async function chooseAccount(page: Page, email: string): Promise<void> {
  const account = stack.account(email);
  await page.locator(`button[value="${account.sub}"]`).click();
}

describe('in Chromium', () => {
  it('the axe check finds violations where there are some (it can fail)', async () => {
    const { context, page } = await freshPage();
    try {
      await page.setContent('<!DOCTYPE html><html><body><img src="x.png"><input type="text"></body></html>');
      const ids = (await axeViolations(page)).map((v) => v.id);
      expect(ids).toEqual(expect.arrayContaining(['html-has-lang', 'image-alt', 'label']));
      await expect(expectNoAxeViolations(page, 'a broken page')).rejects.toThrow(/image-alt/);
    } finally {
      await context.close();
    }
  });

  it('signs in through the provider, greets the person by name, and every page passes axe', async () => {
    const { context, page, cspErrors } = await freshPage();
    try {
      // Signed out: the accessibility statement and the 404 page are open to anyone.
      await page.goto(`${stack.baseUrl}/accessibilite`);
      expect(await page.locator('h1').innerText()).toBe('Accessibilité\u00a0: partiellement conforme');
      await expectNoAxeViolations(page, 'accessibility statement, signed out');
      const missing = await page.goto(`${stack.baseUrl}/nulle-part`);
      expect(missing?.status()).toBe(404);
      await expectNoAxeViolations(page, '404 page');
      const expired = await page.goto(`${stack.baseUrl}/connexion/retour?code=x&state=y`);
      expect(expired?.status()).toBe(400);
      expect(await page.locator('h1').innerText()).toBe('Connexion expirée');
      await expectNoAxeViolations(page, 'sign-in failure page');

      // The home page sends to the provider, whose page lists the example people.
      await page.goto(`${stack.baseUrl}/`);
      expect(page.url().startsWith(stack.provider.issuer)).toBe(true);
      expect(await page.locator('body').innerText()).toContain('Fournisseur d’identité de développement');
      await chooseAccount(page, CAMILLE);
      await page.waitForURL(`${stack.baseUrl}/`);
      expect(await page.locator('h1').innerText()).toBe('Bonjour, Camille Martin');
      expect(await page.title()).toBe('Mes échéances – Pacte');
      // The compiled stylesheet applies, with system fonts instead of GDS Transport.
      const font = await page
        .locator('h1')
        .evaluate((el) => (globalThis as any).getComputedStyle(el).fontFamily as string);
      expect(font).not.toMatch(/GDS Transport/);
      expect(font).toMatch(/system-ui/);
      await expectNoAxeViolations(page, 'home page, signed in');
      await page.goto(`${stack.baseUrl}/accessibilite`);
      await expectNoAxeViolations(page, 'accessibility statement, signed in');
      expect(cspErrors, 'no resource blocked by the CSP').toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('signs in with the keyboard alone (Tab and Enter, no mouse)', async () => {
    const { context, page } = await freshPage();
    try {
      await page.goto(`${stack.baseUrl}/accessibilite`);
      // The first Tab reaches the skip link, which is shown when focused.
      await page.keyboard.press('Tab');
      expect(await focusedText(page)).toBe('Aller au contenu');
      // Then Tab until « Se connecter » (header) has the focus, and Enter.
      await tabUntil(page, (text) => text === 'Se connecter');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.href.startsWith(stack.provider.issuer));
      // On the provider's page: Tab to the first person's button, Enter.
      const first = stack.provider.accounts[0]!;
      await tabUntil(page, (text) => text === `${first.givenName} ${first.usualName}`);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${stack.baseUrl}/`);
      expect(await page.locator('h1').innerText()).toBe(`Bonjour, ${first.givenName} ${first.usualName}`);
    } finally {
      await context.close();
    }
  });

  it('signs out with the header button: the session ends here and at the provider', async () => {
    const { context, page } = await freshPage();
    try {
      await page.goto(`${stack.baseUrl}/`);
      await chooseAccount(page, CAMILLE);
      await page.waitForURL(`${stack.baseUrl}/`);
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      // The provider asks to confirm (its RP-initiated logout page), then sends back here.
      await page.waitForURL((url) => url.href.startsWith(stack.provider.issuer));
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      // Back with the `state` the application sent (ProConnect requires one).
      await page.waitForURL((url) => url.href.startsWith(`${stack.baseUrl}/deconnexion/terminee?state=`));
      expect(await page.locator('h1').innerText()).toBe('Déconnexion effectuée');
      await expectNoAxeViolations(page, 'signed-out page');
      // Signed out here: the home page sends to sign in again, and the provider asks who
      // signs in (its own session has ended too).
      await page.goto(`${stack.baseUrl}/`);
      expect(page.url().startsWith(stack.provider.issuer)).toBe(true);
      await expect(page.locator(`button[value="${stack.account(CAMILLE).sub}"]`).count()).resolves.toBe(1);
    } finally {
      await context.close();
    }
  });
});

/** Presses Tab until the focused element's text satisfies `wanted` (at most 80 times). */
async function tabUntil(page: Page, wanted: (text: string) => boolean): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const text = await focusedText(page);
    if (wanted(text)) return;
  }
  throw new Error('the wanted element never received the focus');
}
