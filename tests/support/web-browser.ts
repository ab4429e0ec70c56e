/**
 * Headless Chromium (Debian's package, driven by playwright-core) for the web application's
 * tests, launched as tests/e2e does: no sandbox as root, no background network. A missing
 * browser fails the test: it is never skipped.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // In French, as the users' browsers: form controls follow the page's lang="fr", so a date
  // field reads day/month/year. (Debian's chromium ships only en-US.pak: with chromium-l10n,
  // its placeholder also reads jj/mm/aaaa rather than dd/mm/yyyy.)
  '--lang=fr-FR',
  '--enable-blink-features=LangAttributeAwareFormControlUI',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** The text of the element that has the keyboard focus ('' when none). */
export function focusedText(page: Page): Promise<string> {
  // Evaluated in the page (the tests are type-checked without the DOM library).
  return page.evaluate(() => ((globalThis as any).document.activeElement?.textContent ?? '').trim());
}
