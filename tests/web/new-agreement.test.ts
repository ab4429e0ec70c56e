/**
 * « Nouvelle convention » against real parts (tests/web/operations-env.ts): a referent named in
 * the file pastes it or uploads it, sees its calendar, presses « Démarrer », and the lifecycle
 * runs exactly as `pacte start` starts it (workflow id, type, task queue, search attributes,
 * memo). A broken file shows every problem beside its path and source line, and starts nothing;
 * so does a file re-posted broken at « Démarrer », and a start by someone the file does not name
 * as a referent.
 */
import { randomBytes } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/common';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agreement } from '../../domain/agreement';
import { pacteDefaultsUsed } from '../../domain/pacte-defaults';
import { AgreementId, AgreementKind } from '../../contracts/search-attributes';
import { placeExample, readExample, RUNNING, type Placed } from '../support/placement';
import { serverNowMs } from '../support/server-clock';
import { csrfTokenOf, send, signInOverHttp, type HttpSession } from '../support/web-session';
import { startWebTemporalEnv, type WebTemporalEnv } from './operations-env';

const TASK_QUEUE = `pacte-web-start-${randomBytes(4).toString('hex')}`;
const PATH = '/conventions/nouvelle';
/** Not a referent of the Breton scheme (a training contact of Terre Valserhône). */
const OUTSIDER = 'sophie.bernard@example.org';

let t: WebTemporalEnv;
let bretagne: Placed;
let vaucluse: Placed;
const sessions: Record<string, HttpSession> = {};

function referentOf(agreement: Agreement): string {
  return agreement.people.find((p) => p.roles.includes('referent'))!.email;
}

async function session(email: string): Promise<HttpSession> {
  sessions[email] ??= await signInOverHttp(t.stack, email);
  return sessions[email];
}

async function token(email: string): Promise<string> {
  const page = await send((await session(email)).jar, `${t.stack.baseUrl}${PATH}`);
  expect(page.status).toBe(200);
  return csrfTokenOf(await page.text());
}

async function postForm(email: string, form: Record<string, string>) {
  const response = await send((await session(email)).jar, `${t.stack.baseUrl}${PATH}`, { method: 'POST', form });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

/** The file as a browser uploads it (multipart), with the form's token. */
async function upload(email: string, name: string, content: string) {
  const { jar } = await session(email);
  const form = new FormData();
  form.set('_csrf', await token(email));
  form.set('etape', 'apercu');
  form.set('fichier', new Blob([content], { type: 'application/octet-stream' }), name);
  form.set('texte', '');
  const url = `${t.stack.baseUrl}${PATH}`;
  const response = await fetch(url, {
    method: 'POST',
    body: form,
    headers: { cookie: jar.header(url) },
    redirect: 'manual',
  });
  jar.store(url, response);
  return { status: response.status, html: await response.text() };
}

/** The text the preview page posts back at « Démarrer » (as the browser would send it). */
function hiddenText(html: string): string {
  const value = /name="texte" value="([^"]*)"/.exec(html)?.[1];
  if (value === undefined) throw new Error('no « Démarrer » form on the page');
  return value
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

async function exists(agreementId: string): Promise<boolean> {
  try {
    await t.env.client.workflow.getHandle(`agreement-${agreementId}`).describe();
    return true;
  } catch (e) {
    if (e instanceof WorkflowNotFoundError) return false;
    throw e;
  }
}

async function expectStartedAsCli(placed: Placed): Promise<void> {
  const description = await t.env.client.workflow.getHandle(`agreement-${placed.agreement.id}`).describe();
  expect(description.type).toBe('agreementLifecycle');
  expect(description.taskQueue).toBe(TASK_QUEUE);
  expect(description.typedSearchAttributes.get(AgreementId)).toBe(placed.agreement.id);
  expect(description.typedSearchAttributes.get(AgreementKind)).toBe(placed.agreement.kind);
  expect((description.memo as { title?: string }).title).toBe(placed.agreement.title);
  expect(await description.staticSummary()).toBe(placed.agreement.title);
  const state = await t.state(placed.agreement.id);
  expect(state.agreementId).toBe(placed.agreement.id);
}

beforeAll(async () => {
  t = await startWebTemporalEnv(TASK_QUEUE);
  const now = await serverNowMs(t.env.client);
  bretagne = placeExample(readExample('schema-cooperation-cdg-bretagne'), now, RUNNING);
  vaucluse = placeExample(readExample('plan-action-vaucluse'), now, RUNNING);
});

afterAll(async () => {
  await t?.close();
});

describe('new agreement', () => {
  it('shows every problem of a broken file beside its path and line, and starts nothing', async () => {
    const email = referentOf(bretagne.agreement);
    const text = YAML.stringify({ ...bretagne.raw, colour: 'bleu' }).replace(/email: [^\n]+/, 'email: pas-une-adresse');
    const answer = await postForm(email, { _csrf: await token(email), etape: 'apercu', texte: text });
    expect(answer.status).toBe(400);
    expect(answer.html).toContain('govuk-error-summary');
    expect(answer.html).toMatch(/<code>colour<\/code><\/td>\s*<td[^>]*>champ inconnu/);
    expect(answer.html).toMatch(/<code>people\[0\]\.email<\/code>/);
    // Beside the source: the line holding the unknown field carries its problem.
    const line = text.split('\n').findIndex((l) => l.startsWith('colour:')) + 1;
    expect(answer.html).toMatch(new RegExp(`id="ligne-${line}" class="pacte-source-line pacte-source-line--error"`));
    expect(answer.html).not.toContain('Démarrer');
    expect(await exists(bretagne.agreement.id)).toBe(false);
  });

  it('previews a pasted file’s calendar, then starts it as `pacte start` does', async () => {
    const email = referentOf(bretagne.agreement);
    const preview = await postForm(email, {
      _csrf: await token(email),
      etape: 'apercu',
      texte: YAML.stringify(bretagne.raw),
    });
    expect(preview.status).toBe(200);
    expect(preview.html).toContain(bretagne.agreement.title.replace(/'/g, '&#39;'));
    expect(preview.html).toContain('Rappels envoyés à');
    expect(preview.html).toContain('>Démarrer</button>');
    // The example writes every value no source gives: nothing is listed as Pacte's default.
    expect(preview.html).not.toContain('id="valeurs-par-defaut"');
    expect(await exists(bretagne.agreement.id)).toBe(false);

    const started = await postForm(email, {
      _csrf: csrfTokenOf(preview.html),
      etape: 'demarrer',
      texte: hiddenText(preview.html),
    });
    expect(started.status).toBe(303);
    expect(started.location).toBe(`/conventions/${bretagne.agreement.id}`);
    await expectStartedAsCli(bretagne);

    // Again: refused with what to do instead, nothing replaced.
    const runId = (await t.env.client.workflow.getHandle(`agreement-${bretagne.agreement.id}`).describe()).runId;
    const again = await postForm(email, {
      _csrf: csrfTokenOf(preview.html),
      etape: 'demarrer',
      texte: hiddenText(preview.html),
    });
    expect(again.status).toBe(409);
    expect(again.html).toContain('avenant');
    expect((await t.env.client.workflow.getHandle(`agreement-${bretagne.agreement.id}`).describe()).runId).toBe(runId);
  });

  it('lists the values a file leaves to Pacte’s defaults, no source giving them, before « Démarrer »', async () => {
    const email = referentOf(bretagne.agreement);
    const raw = structuredClone(bretagne.raw) as { meetings: Record<string, Record<string, unknown>> };
    delete raw.meetings['annual-review']!.time;
    const preview = await postForm(email, { _csrf: await token(email), etape: 'apercu', texte: YAML.stringify(raw) });
    expect(preview.status).toBe(200);
    const listed = pacteDefaultsUsed(raw);
    expect(listed.map((d) => d.path)).toEqual(['meetings.annual-review.time']);
    const table = preview.html.slice(preview.html.indexOf('id="valeurs-par-defaut"'));
    expect(table).toContain(
      `<code>meetings.annual-review.time</code></td><td class="govuk-table__cell"><code>${listed[0]!.value}</code>`,
    );
    expect(preview.html).toContain('écrivez-les dans le fichier avant de démarrer');
    expect(preview.html).toContain('>Démarrer</button>');
  });

  it('refuses a start by someone the file does not name as a referent, and starts nothing', async () => {
    const text = JSON.stringify(vaucluse.raw);
    const preview = await postForm(OUTSIDER, { _csrf: await token(OUTSIDER), etape: 'apercu', texte: text });
    expect(preview.status).toBe(200);
    expect(preview.html).not.toContain('>Démarrer</button>');
    const forged = await postForm(OUTSIDER, { _csrf: await token(OUTSIDER), etape: 'demarrer', texte: text });
    expect(forged.status).toBe(403);
    expect(await exists(vaucluse.agreement.id)).toBe(false);
  });

  it('checks the file again at « Démarrer »: a broken re-post starts nothing', async () => {
    const email = referentOf(vaucluse.agreement);
    const broken = JSON.stringify({ ...vaucluse.raw, term: { ...(vaucluse.raw.term as object), endsOn: 'bientôt' } });
    const answer = await postForm(email, { _csrf: await token(email), etape: 'demarrer', texte: broken });
    expect(answer.status).toBe(400);
    expect(answer.html).toMatch(/<code>term\.endsOn<\/code>/);
    expect(await exists(vaucluse.agreement.id)).toBe(false);
  });

  it('previews an uploaded JSON file, then starts it', async () => {
    const email = referentOf(vaucluse.agreement);
    const preview = await upload(email, 'vaucluse.json', JSON.stringify(vaucluse.raw, null, 2));
    expect(preview.status).toBe(200);
    expect(preview.html).toContain('>Démarrer</button>');
    const started = await postForm(email, {
      _csrf: csrfTokenOf(preview.html),
      etape: 'demarrer',
      texte: hiddenText(preview.html),
    });
    expect(started.status).toBe(303);
    await expectStartedAsCli(vaucluse);
  });

  it('refuses « Démarrer » without the CSRF token, and starts nothing', async () => {
    const raw = { ...vaucluse.raw, id: 'vaucluse-sans-jeton' };
    const email = referentOf(vaucluse.agreement);
    await token(email);
    const answer = await postForm(email, { etape: 'demarrer', texte: JSON.stringify(raw) });
    expect(answer.status).toBe(403);
    expect(await exists('vaucluse-sans-jeton')).toBe(false);
  });
});
