/**
 * The main paths with the keyboard alone, in real Chromium: only Tab, Shift+Tab, Enter and Space
 * move and act (typing and an arrow key go into the fields). At every stop the focused element shows its focus
 * (an outline, or GOV.UK's yellow box shadow), and the controls are reached in the
 * page's reading order. All real: the development OpenID provider, a Temporal CLI dev server and
 * the worker (tests/web/operations-env.ts).
 *
 * - sign in on the provider's page → « Mes échéances » → the agreement → the « réunion tenue »
 *   form → submit → the agreement page with its confirmation, the meeting in the lifecycle;
 * - « Nouvelle convention »: the file pasted → « Vérifier le fichier » → « Démarrer » → the new
 *   agreement's page, its lifecycle started.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeAfterFirst, placeExample, readExample, type Placed } from '../support/placement';
import { waitFor } from '../support/wait-for';
import { signInOverHttp } from '../support/web-session';
import { startBrowserValserhone } from './browser-valserhone';
import type { WebTemporalEnv } from './operations-env';

const TASK_QUEUE = `pacte-web-keyboard-${randomBytes(4).toString('hex')}`;
const REFERENT = 'camille.martin@example.org';

let t: WebTemporalEnv;
let browser: Browser;
let page: Page;
let valserhone: Placed;
/** A copy under a fresh id, started from the browser. */
let fresh: Placed;

/** What has the focus, and whether it shows it. */
interface Focused {
  /** `tag#id`, `a[href]` or `button:text`: enough to know where the focus is. */
  what: string;
  text: string;
  visible: boolean;
  /** The focused element's outline and box shadow, to say why it does not show. */
  style: string;
}

function focused(p: Page): Promise<Focused> {
  // Evaluated in the page (the tests are type-checked without the DOM library).
  return p.evaluate(() => {
    const el = (globalThis as any).document.activeElement;
    if (!el || el === (globalThis as any).document.body) return { what: 'body', text: '', visible: false, style: '' };
    const style = (globalThis as any).getComputedStyle(el);
    const outline =
      style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && style.outlineColor !== 'rgba(0, 0, 0, 0)';
    const box = style.boxShadow !== 'none';
    const tag = el.tagName.toLowerCase();
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ');
    const what = el.id
      ? `${tag}#${el.id}`
      : tag === 'a'
        ? `a[${el.getAttribute('href')}]`
        : `${tag}:${el.getAttribute('value') || text}`;
    // The last stop of a date field is its calendar button, inside the browser's own shadow tree:
    // the field no longer matches :focus there, and Chromium rings the button itself.
    const calendarButton = tag === 'input' && el.type === 'date' && !el.matches(':focus');
    const seen = `outline ${style.outline}, box-shadow ${style.boxShadow}`;
    return { what, text, visible: outline || box || calendarButton, style: seen };
  });
}

/**
 * Presses `key` (Tab or Shift+Tab) until the focus is on `wanted`, at most `max` times; every
 * stop on the way must show its focus. Returns the stops, in order.
 */
async function tabTo(wanted: string | ((f: Focused) => boolean), key = 'Tab', max = 60): Promise<string[]> {
  const matches = typeof wanted === 'string' ? (f: Focused) => f.what === wanted : wanted;
  const stops: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const now = await focused(page);
    expect(now.visible, `the focus shows on ${now.what} (${now.style}; after ${stops.join(' → ')})`).toBe(true);
    stops.push(now.what);
    if (matches(now)) return stops;
  }
  throw new Error(`${String(wanted)} never got the focus: ${stops.join(' → ')}`);
}

/** Presses `key` on the focused control and waits for the page it leads to; its status. */
async function activate(key: 'Enter' | 'Space'): Promise<number | undefined> {
  const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
  return response?.status();
}

/** The position of each of `items` in `stops`, which must be increasing (reading order). */
function expectInOrder(stops: string[], items: string[]): void {
  const at = items.map((item) => stops.indexOf(item));
  expect(
    at.every((i) => i >= 0),
    `${items.join(', ')} all reached in ${stops.join(' → ')}`,
  ).toBe(true);
  expect(
    [...at].sort((a, b) => a - b),
    `${items.join(' before ')} in ${stops.join(' → ')}`,
  ).toEqual(at);
}

beforeAll(async () => {
  let now: number;
  ({ t, now, valserhone, browser, page } = await startBrowserValserhone(TASK_QUEUE));
  const id = `valserhone-clavier-${randomBytes(3).toString('hex')}`;
  fresh = placeExample(
    { ...readExample('convention-cadre-terre-valserhone'), id },
    now,
    activeAfterFirst('annual-review'),
  );
  // Listed on « Mes échéances » once Temporal's visibility has it (a moment after the start).
  const session = await signInOverHttp(t.stack, REFERENT);
  await waitFor(
    async () => {
      const home = await fetch(`${t.stack.baseUrl}/`, { headers: session.headers });
      return (await home.text()).includes(`href="/conventions/${valserhone.agreement.id}"`) || undefined;
    },
    { timeoutMs: 30_000, what: 'the agreement on « Mes échéances »' },
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('with the keyboard alone', () => {
  it('signs in, goes from « Mes échéances » to the agreement, records a meeting held through its form', async () => {
    const agreementPath = `/conventions/${valserhone.agreement.id}`;
    const formPath = `${agreementPath}/operations/meeting-held`;

    // The provider's page: Tab to the referent's button, Enter.
    await page.goto(`${t.stack.baseUrl}/`);
    expect(page.url().startsWith(t.stack.provider.issuer)).toBe(true);
    await tabTo((f) => f.what === `button:${t.stack.account(REFERENT).sub}`);
    await activate('Enter');
    await page.waitForURL(`${t.stack.baseUrl}/`);
    expect(await page.locator('h1').innerText()).toBe('Bonjour, Camille Martin');

    // « Mes échéances »: the skip link first, the header, then the agreement's link.
    const home = await tabTo(`a[${agreementPath}]`);
    expect(home[0]).toBe('a[#contenu]');
    expectInOrder(home, ['a[#contenu]', 'a[/conventions/nouvelle]', `a[${agreementPath}]`]);
    expect(await activate('Enter')).toBe(200);
    expect(new URL(page.url()).pathname).toBe(agreementPath);

    // The agreement page: on to the « réunion tenue » form.
    await tabTo(`a[${formPath}]`);
    expect(await activate('Enter')).toBe(200);
    expect(new URL(page.url()).pathname).toBe(formPath);

    // The form's controls in reading order; the meeting chosen with the arrow key; Shift+Tab
    // goes back the same way.
    const form = await tabTo('select#champ-entryId');
    expectInOrder(form, ['a[#contenu]', 'select#champ-entryId']);
    await page.keyboard.press('ArrowDown');
    const entryId = await page.inputValue('#champ-entryId');
    expect(entryId).toMatch(/^annual-review-\d{4}-\d{2}-\d{2}$/);
    const rest = await tabTo((f) => f.text === 'Enregistrer la réunion');
    expectInOrder(
      ['select#champ-entryId', ...rest],
      ['select#champ-entryId', 'input#champ-heldOn', 'input#champ-minutesUrl', 'select#champ-trackingTable'],
    );
    expect(await tabTo('select#champ-trackingTable', 'Shift+Tab')).toEqual(['select#champ-trackingTable']);
    await tabTo((f) => f.text === 'Enregistrer la réunion');
    expect(await activate('Enter')).toBe(200);

    // The result: back on the agreement page, confirmed, recorded by the lifecycle.
    expect(new URL(page.url()).pathname).toBe(agreementPath);
    expect(await page.locator('.govuk-notification-banner--success').count()).toBe(1);
    const state = await t.state(valserhone.agreement.id);
    expect(state.meetings.map((m) => m.entryId)).toEqual([entryId]);
  });

  it('starts a new agreement: the file pasted, « Vérifier le fichier », « Démarrer »', async () => {
    await page.goto(`${t.stack.baseUrl}/`);
    await tabTo('a[/conventions/nouvelle]');
    expect(await activate('Enter')).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/conventions/nouvelle');

    // The file input, then the text area; the file's text pasted there.
    const stops = await tabTo('textarea#champ-texte');
    expectInOrder(stops, ['input#champ-fichier', 'textarea#champ-texte']);
    await page.keyboard.insertText(YAML.stringify(fresh.raw));
    await tabTo((f) => f.text === 'Vérifier le fichier');
    expect(await activate('Enter')).toBe(200);
    expect(await page.locator('#problemes').count()).toBe(0);
    await expect(t.state(fresh.agreement.id)).rejects.toThrow();

    // The preview: Tab to « Démarrer », Space presses it.
    await tabTo((f) => f.text === 'Démarrer');
    expect(await activate('Space')).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/conventions/${fresh.agreement.id}`);
    expect((await t.state(fresh.agreement.id)).phase).toBe('active');
  });
});
