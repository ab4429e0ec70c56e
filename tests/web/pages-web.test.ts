/**
 * « Mes échéances » and the agreement pages as people use them: a real Temporal CLI dev server,
 * the real worker, the example agreements' real lifecycles (Terre Valserhône, the Breton schema
 * and the Seine-et-Marne COT running; the Vaucluse plan ended), the web application with the
 * development OpenID provider, each person signed in over HTTP through the provider.
 *
 * Who sees what on the server (dashboard and by URL, refused without revealing anything), the
 * exports read back by ical.js and exceljs, today marked on the timeline, and the pages checked
 * by axe-core (WCAG 2.1 A and AA) in Chromium: zero violations.
 */
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ADMIN_EMAIL } from '../../dev/oidc-accounts';
import { longDate } from '../../client/render/french-dates';
import type { Agreement } from '../../domain/agreement';
import { entryUid } from '../../client/render/plan-ics';
import { TRACKING_HEADERS } from '../../web/exports/tracking-table';
import { OPERATION_SLUGS } from '../../web/forms/operation-forms';
import { expectNoAxeViolations } from '../support/axe';
import { stringsOf, typographyBreaches } from '../support/typography-check';
import { launchChromium } from '../support/web-browser';
import { signInOverHttp, type HttpSession } from '../support/web-session';
import { startWebStack, type WebStack } from '../support/web-stack';
import { startLifecycleStack, type ExampleName, type LifecycleStack } from './support-lifecycles';

let lifecycles: LifecycleStack;
let web: WebStack;
const sessions = new Map<string, HttpSession>();

const agreementOf = (name: ExampleName): Agreement => lifecycles.examples[name].agreement;
const personOf = (name: ExampleName, id: string) => agreementOf(name).people.find((p) => p.id === id)!;
const VALSERHONE = 'convention-cadre-terre-valserhone';
const COT = 'cot-seine-et-marne';
const SCHEMA = 'schema-cooperation-cdg-bretagne';
const ENDED = 'plan-action-vaucluse';
const TEMPORAL_UI = 'https://temporal-ui.example.org';

async function sessionOf(email: string): Promise<HttpSession> {
  let session = sessions.get(email);
  if (!session) sessions.set(email, (session = await signInOverHttp(web, email)));
  return session;
}

/** Text as the templates write it (escaped). */
function html(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&#34;')
    .replace(/'/g, '&#39;');
}
const titleOf = (name: ExampleName) => html(agreementOf(name).title);
/** A page without its per-render CSRF token. */
const withoutToken = (body: string) => body.replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf"');

async function get(email: string, url: string) {
  return web.app.inject({ method: 'GET', url, headers: (await sessionOf(email)).headers });
}

beforeAll(async () => {
  lifecycles = await startLifecycleStack('pacte-web-pages');
  web = await startWebStack({
    temporal: async () => lifecycles.client,
    env: { PACTE_TEMPORAL_UI_URL: TEMPORAL_UI },
  });
}, 300_000);

afterAll(async () => {
  await web?.close();
  await lifecycles?.teardown();
});

describe('who sees what', () => {
  it("shows a referent their agreement's items on « Mes échéances », and not another agreement's", async () => {
    const referent = personOf(VALSERHONE, 'ref-cnfpt');
    const page = await get(referent.email, '/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Mes échéances');
    expect(page.body).toContain(`/conventions/${agreementOf(VALSERHONE).id}`);
    expect(page.body).toContain(titleOf(VALSERHONE));
    for (const other of [COT, SCHEMA, ENDED] as const) {
      expect(page.body).not.toContain(`/conventions/${agreementOf(other).id}`);
      expect(page.body).not.toContain(titleOf(other));
    }
  });

  it('refuses by URL an agreement a person may not see, exactly as one that does not exist', async () => {
    const referent = personOf(VALSERHONE, 'ref-cnfpt');
    const other = await get(referent.email, `/conventions/${agreementOf(COT).id}`);
    const unknown = await get(referent.email, '/conventions/no-such-agreement');
    expect(other.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(withoutToken(other.body)).toBe(withoutToken(unknown.body));
    expect(other.body).not.toContain(titleOf(COT));
    for (const path of ['calendrier.ics', 'suivi.xlsx']) {
      const file = await get(referent.email, `/conventions/${agreementOf(COT).id}/${path}`);
      expect(file.statusCode).toBe(404);
      expect(file.headers['content-disposition']).toBeUndefined();
    }
    // An ended lifecycle is not in the read model: the same answer.
    expect((await get(DEV_ADMIN_EMAIL, `/conventions/${agreementOf(ENDED).id}`)).statusCode).toBe(404);
  });

  it('shows a pilot their agreement and the meetings they attend', async () => {
    const pilot = personOf(COT, 'pilote-cg-axe-1');
    const page = await get(pilot.email, `/conventions/${agreementOf(COT).id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('pilote d’axe');
    expect(page.body).toContain('Enregistrer une réunion tenue');
    expect(page.body).not.toContain('Enregistrer un avenant');
    const home = await get(pilot.email, '/?type=meeting');
    expect(home.body).toContain(titleOf(COT));
    expect(home.body).not.toContain(titleOf(VALSERHONE));
    expect((await get(pilot.email, `/conventions/${agreementOf(VALSERHONE).id}`)).statusCode).toBe(404);
  });

  it('shows an administrator every running agreement, with the link to the lifecycle in the Temporal Web UI', async () => {
    const home = await get(DEV_ADMIN_EMAIL, '/');
    for (const name of [VALSERHONE, COT, SCHEMA] as const) expect(home.body).toContain(titleOf(name));
    const page = await get(DEV_ADMIN_EMAIL, `/conventions/${agreementOf(SCHEMA).id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('administrateur');
    const link = `href="${TEMPORAL_UI}/namespaces/default/workflows/agreement-${agreementOf(SCHEMA).id}"`;
    expect(page.body).toContain(link);
    // A referent of the same agreement does not get it.
    const referent = agreementOf(SCHEMA).people.find((p) => p.roles.includes('referent'))!;
    const theirs = await get(referent.email, `/conventions/${agreementOf(SCHEMA).id}`);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).not.toContain(TEMPORAL_UI);
  });

  it('sends a signed-out visitor to sign in, and refuses bad filters naming the field', async () => {
    const anonymous = await web.app.inject({ method: 'GET', url: `/conventions/${agreementOf(COT).id}` });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/connexion\?retour=/);
    const bad = await get(DEV_ADMIN_EMAIL, '/?periode=hier');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('periode');
  });
});

describe('the agreement page', () => {
  it('marks today on the timeline, in words, in the current month', async () => {
    const referent = personOf(VALSERHONE, 'ref-cnfpt');
    const page = await get(referent.email, `/conventions/${agreementOf(VALSERHONE).id}`);
    const today = DateTime.now().setZone(agreementOf(VALSERHONE).timezone).toISODate()!;
    const lower = DateTime.fromISO(today).setLocale('fr').toFormat('LLLL yyyy');
    // The month's first letter only is capitalised, « (mois en cours) » is not.
    const month = lower.charAt(0).toUpperCase() + lower.slice(1);
    expect(page.body).toContain(`Aujourd’hui, ${longDate(today)}`);
    const current =
      /<li class="pacte-timeline__month pacte-timeline__month--current" aria-current="date">\s*<h3[^>]*>([^<]+)</.exec(
        page.body,
      );
    expect(current?.[1]?.trim()).toBe(month);
    expect(page.body).toContain('<span class="pacte-today">(mois en cours)</span>');
    expect(page.body.match(/aria-current="date"/g)).toHaveLength(1);
  });

  it('downloads the calendar as iCalendar that ical.js reads, one event per dated entry', async () => {
    const referent = personOf(VALSERHONE, 'ref-cnfpt');
    const file = await get(referent.email, `/conventions/${agreementOf(VALSERHONE).id}/calendrier.ics`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toMatch(/^text\/calendar/);
    expect(file.headers['content-disposition']).toBe(`attachment; filename="${agreementOf(VALSERHONE).id}.ics"`);
    const calendar = new ICAL.Component(ICAL.parse(file.body));
    const uids = calendar.getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('uid'));
    const planned = lifecycles.examples[VALSERHONE].calendar.entries.filter((e) => !e.undated);
    expect(uids.sort()).toEqual(planned.map((e) => entryUid(agreementOf(VALSERHONE).id, e.id)).sort());
  });

  it('downloads the tracking table that exceljs reads: French headers, real dates, one row per item', async () => {
    const lead = personOf(COT, 'ref-cg77');
    const file = await get(lead.email, `/conventions/${agreementOf(COT).id}/suivi.xlsx`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Tableau de suivi')!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...TRACKING_HEADERS]);
    const planned = lifecycles.examples[COT].calendar.entries;
    const indicators = planned.filter((e) => e.indicatorsDueOn).length;
    expect(sheet.rowCount - 1).toBe(planned.length + indicators);
    const review = planned.find((e) => e.type === 'annual-review')!;
    const row = sheet
      .getRows(2, sheet.rowCount - 1)!
      .find(
        (r) =>
          r.getCell(2).value === review.title && (r.getCell(1).value as Date).toISOString().startsWith(review.date),
      );
    expect(row).toBeDefined();
    expect(row!.getCell(1).value).toBeInstanceOf(Date);
    expect(row!.getCell(4).value).toContain('Chantal Batique');
  });
});

describe('typography', () => {
  it('sets every page in French typography: no-break spaces, curly apostrophes, no space before a comma', async () => {
    const pages: [string, string][] = [
      [DEV_ADMIN_EMAIL, '/'],
      [DEV_ADMIN_EMAIL, '/?periode=all'],
      [personOf(VALSERHONE, 'ref-cnfpt').email, '/'],
      [personOf(COT, 'pilote-cg-axe-1').email, '/'],
      [DEV_ADMIN_EMAIL, '/conventions/nouvelle'],
      [DEV_ADMIN_EMAIL, '/accessibilite'],
      [DEV_ADMIN_EMAIL, '/conventions/no-such-agreement'],
    ];
    for (const name of [VALSERHONE, COT, SCHEMA] as const) {
      const id = agreementOf(name).id;
      pages.push([DEV_ADMIN_EMAIL, `/conventions/${id}`]);
      for (const slug of OPERATION_SLUGS) pages.push([DEV_ADMIN_EMAIL, `/conventions/${id}/operations/${slug}`]);
    }
    // What the agreement files say is shown as written: only the pages' own words are checked.
    const verbatim = ([VALSERHONE, COT, SCHEMA] as const)
      .flatMap((name) => stringsOf(agreementOf(name)))
      .filter((s) => s.length > 3 && s.includes("'"));
    const breaches = new Set<string>();
    for (const [email, url] of pages) {
      const page = await get(email, url);
      expect([200, 404]).toContain(page.statusCode);
      for (const b of typographyBreaches(page.body, verbatim)) breaches.add(`${url}: ${b}`);
    }
    expect([...breaches]).toEqual([]);
  });

  it('finds a breach when there is one (the checker is not blind)', () => {
    expect(typographyBreaches("<p>Erreur : l'accord , «x»</p>")).toHaveLength(5);
    expect(typographyBreaches("<p>Partie : Côtes-d'Armor</p>", ["Côtes-d'Armor"])).toHaveLength(1);
    expect(typographyBreaches('<p>Erreur\u00a0: l’accord, «\u202fx\u202f» à 10:00, https://a.b</p>')).toEqual([]);
  });
});

describe('accessibility', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('« Mes échéances » and an agreement page pass axe-core (WCAG 2.1 A and AA) with zero violations', async () => {
    const referent = personOf(COT, 'ref-cnfpt');
    const session = await sessionOf(referent.email);
    const context = await browser.newContext();
    const [pair] = session.headers.cookie.split('; ').filter((c) => c.startsWith('pacte_session='));
    await context.addCookies([
      { name: 'pacte_session', value: pair!.slice('pacte_session='.length), url: web.baseUrl },
    ]);
    const page = await context.newPage();
    for (const path of ['/', `/conventions/${agreementOf(COT).id}`]) {
      const response = await page.goto(`${web.baseUrl}${path}`);
      expect(response?.status()).toBe(200);
      await expectNoAxeViolations(page, path);
    }
    await context.close();
  });
});
