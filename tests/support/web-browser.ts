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
  '--lang=fr-FR',
];

/**
 * The browser in French, as its users': its own controls say so (a date field reads jj/mm/aaaa,
 * not mm/dd/yyyy, in the README's screenshots). Headless Chromium takes its locale from the
 * environment, and needs its French resources: Debian's chromium-l10n (scripts/ensure-chromium.sh).
 */
const FRENCH_ENV = { LANG: 'fr_FR.UTF-8', LANGUAGE: 'fr' };

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, ...FRENCH_ENV },
  });
}

/** The text of the element that has the keyboard focus ('' when none). */
export function focusedText(page: Page): Promise<string> {
  // Evaluated in the page (the tests are type-checked without the DOM library).
  return page.evaluate(() => ((globalThis as any).document.activeElement?.textContent ?? '').trim());
}
