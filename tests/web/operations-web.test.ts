/**
 * The operation forms as people use them, against real parts (tests/web/operations-env.ts: a
 * Temporal dev server, the Pacte worker, the web application signed in through the real
 * development OpenID provider), over HTTP as a browser sends forms.
 *
 * Terre Valserhône runs (placed after its first annual review, before its renewal window, on any
 * date) with one more person, a pilot; the Breton scheme runs beside it as another agreement.
 * Every refusal is checked by querying the lifecycle's state before and after: nothing changed.
 */
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLifecycle } from '../../client/start-lifecycle';
import { agreementQuery } from '../../contracts/messages';
import { activeAfterFirst, placeExample, readExample, RUNNING, type Placed } from '../support/placement';
import { serverNowMs } from '../support/server-clock';
import { csrfTokenOf, send, signInOverHttp, type HttpSession } from '../support/web-session';
import { valserhoneDates } from '../client/example-situations';
import { startWebTemporalEnv, type WebTemporalEnv } from './operations-env';
import { recordedState } from '../support/recorded-state';
import { placeDemoCensus } from '../support/demo-census';
import { waitFor } from '../support/wait-for';
import { typographyBreaches } from '../support/typography-check';

const TASK_QUEUE = `pacte-web-ops-${randomBytes(4).toString('hex')}`;
const REFERENT = 'camille.martin@example.org';
const TRAINING_CONTACT = 'sophie.bernard@example.org';
/** Named in the COT example; added to Terre Valserhône's copy as a pilot. */
const PILOT = 'daniele.mallegol@example.org';

let t: WebTemporalEnv;
let valserhone: Placed;
let bretagne: Placed;
let censusYear: number;
const sessions: Record<string, HttpSession> = {};

function url(path: string): string {
  return `${t.stack.baseUrl}${path}`;
}

/** The form page, then its token: the token is the session's, as a browser would post it. */
async function openForm(email: string, path: string): Promise<{ status: number; html: string; token?: string }> {
  const response = await send(sessions[email]!.jar, url(path));
  const html = await response.text();
  return { status: response.status, html, ...(response.status === 200 ? { token: csrfTokenOf(html) } : {}) };
}

async function post(email: string, path: string, form: Record<string, string>) {
  const response = await send(sessions[email]!.jar, url(path), { method: 'POST', form });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

/** Opens the form and posts it with the session's token. */
async function submit(email: string, path: string, form: Record<string, string>) {
  const page = await openForm(email, path);
  expect(page.status).toBe(200);
  return post(email, path, { _csrf: page.token!, ...form });
}

beforeAll(async () => {
  t = await startWebTemporalEnv(TASK_QUEUE);
  const now = await serverNowMs(t.env.client);
  const raw = readExample('convention-cadre-terre-valserhone');
  const withPilot = {
    ...raw,
    people: [
      ...(raw.people as object[]),
      { id: 'pilote-valserhone', name: 'Danièle Mallegol', email: PILOT, party: 'terre-valserhone', roles: ['pilot'] },
    ],
  };
  valserhone = placeExample(withPilot, now, activeAfterFirst('annual-review'));
  bretagne = placeExample(readExample('schema-cooperation-cdg-bretagne'), now, RUNNING);
  censusYear = valserhoneDates(valserhone).census.year;
  for (const placed of [valserhone, bretagne]) {
    const started = await startLifecycle(t.env.client, 'default', placed.agreement, TASK_QUEUE);
    expect(started.ok).toBe(true);
  }
  for (const email of [REFERENT, TRAINING_CONTACT, PILOT]) sessions[email] = await signInOverHttp(t.stack, email);
});

afterAll(async () => {
  await t?.close();
});

describe('operation forms', () => {
  const ops = (slug: string) => `/conventions/${valserhone.agreement.id}/operations/${slug}`;

  it('shows a referent the census form with the agreement’s census years, in French, with its token', async () => {
    const page = await openForm(REFERENT, ops('census-answer'));
    expect(page.status).toBe(200);
    expect(page.html).toContain('Réponse au recensement');
    expect(page.html).toContain(`<option value="${censusYear}"`);
    expect(page.html).toMatch(/name="_csrf" value="[^"]+"/);
  });

  it('records a census answer: the lifecycle’s state shows it, and the journal says who, from the web', async () => {
    const before = await t.state(valserhone.agreement.id);
    expect(before.census.find((c) => c.year === censusYear)?.answeredOn).toBeUndefined();
    const answer = await submit(REFERENT, ops('census-answer'), { year: String(censusYear), answeredOn: '' });
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`/conventions/${valserhone.agreement.id}`);
    // The agreement page says what was done, once.
    const shown = await send(sessions[REFERENT]!.jar, url(answer.location!));
    const html = await shown.text();
    expect(html).toContain('govuk-notification-banner--success');
    expect(html).toMatch(new RegExp(`recensement ${censusYear}[ \u00a0]: réponse enregistrée`));
    expect(typographyBreaches(html)).toEqual([]);
    expect(await (await send(sessions[REFERENT]!.jar, url(answer.location!))).text()).not.toContain(
      'govuk-notification-banner--success',
    );
    const after = await t.state(valserhone.agreement.id);
    expect(after.census.find((c) => c.year === censusYear)?.answeredOn).toBeTruthy();
    // The update's input as the server keeps it: sent with recordedBy {via: web, personId, account}.
    const inputs = await updateInputs(valserhone.agreement.id, 'recordCensusAnswer');
    expect(inputs.at(-1)).toMatchObject({
      year: censusYear,
      recordedBy: { via: 'web', personId: 'ref-cnfpt', account: REFERENT },
    });
  });

  it('shows the lifecycle’s own refusal beside its field, and changes nothing', async () => {
    const before = recordedState(await t.state(valserhone.agreement.id));
    const again = await submit(REFERENT, ops('census-answer'), { year: String(censusYear) });
    expect(again.status).toBe(400);
    expect(again.html).toContain('govuk-error-summary');
    expect(again.html).toMatch(/id="champ-year-error"[^>]*>.*déjà enregistrée/s);
    // In French, the date in words, set with its no-break spaces (« Erreur : » too).
    expect(again.html).not.toMatch(/déjà enregistrée \(le \d{4}-/);
    expect(typographyBreaches(again.html)).toEqual([]);
    expect(recordedState(await t.state(valserhone.agreement.id))).toEqual(before);
  });

  it('shows the schema’s problems beside their fields before sending anything', async () => {
    const before = recordedState(await t.state(valserhone.agreement.id));
    const bad = await submit(REFERENT, ops('retain-projects'), {
      year: String(censusYear),
      'projects[0].id': 'Pas Un Id',
      'projects[0].title': '',
      'projects[0].leads': 'formation-terre-valserhone',
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/id="champ-projects-0-id-error"[^>]*>.*identifiant invalide/s);
    expect(bad.html).toMatch(/id="champ-projects-0-title-error"[^>]*>.*à renseigner/s);
    expect(bad.html).toContain('href="#champ-projects-0-title"');
    // What was typed is shown back.
    expect(bad.html).toContain('value="Pas Un Id"');
    // The group's heading in the plural, each row numbered; the leads are checkboxes, and the hint says so.
    expect(bad.html).toContain('<h2 class="govuk-heading-m">Projets retenus</h2>');
    expect(bad.html).toContain('Projet retenu 1</legend>');
    expect(bad.html).toContain('Cochez une ou plusieurs personnes.');
    expect(bad.html).toMatch(
      /type="checkbox"[^>]*name="projects\[0\]\.leads"|name="projects\[0\]\.leads"[^>]*type="checkbox"/,
    );
    expect(bad.html).not.toContain('Ctrl');
    expect(typographyBreaches(bad.html)).toEqual([]);
    expect(recordedState(await t.state(valserhone.agreement.id))).toEqual(before);
  });

  it('retains a project, then its lead submits the sheet: the state shows it submitted', async () => {
    const retained = await submit(REFERENT, ops('retain-projects'), {
      year: String(censusYear),
      'projects[0].id': 'management-web',
      'projects[0].title': 'Management de proximité',
      'projects[0].leads': 'formation-terre-valserhone',
    });
    expect(retained.status).toBe(303);
    expect((await t.state(valserhone.agreement.id)).pendingSheets.map((s) => s.projectId)).toContain('management-web');

    const sheet = await submit(TRAINING_CONTACT, ops('submit-sheet'), {
      projectId: 'management-web',
      label: 'Manager en proximité',
      place: 'Bellegarde-sur-Valserine',
      period: 'octobre',
      mode: 'presentiel',
      participants: '14',
      context: 'Nouveaux encadrants',
      objectives: 'Conduire une équipe',
    });
    expect(sheet.status).toBe(303);
    const after = await t.state(valserhone.agreement.id);
    const submitted = after.submittedSheets.find((s) => s.projectId === 'management-web');
    expect(submitted?.sheet).toMatchObject({ label: 'Manager en proximité', participants: 14, mode: 'presentiel' });
  });

  it('refuses a pilot recording someone else’s item (403), and nothing changes', async () => {
    const retained = await submit(REFERENT, ops('retain-projects'), {
      year: String(censusYear),
      // No id typed: the form makes it from the title.
      'projects[0].title': 'Accueil des publics',
      'projects[0].leads': 'formation-terre-valserhone',
    });
    expect(retained.status).toBe(303);
    expect((await t.state(valserhone.agreement.id)).pendingSheets.map((s) => s.projectId)).toContain(
      'accueil-des-publics',
    );
    const before = recordedState(await t.state(valserhone.agreement.id));
    // The pilot may open no sheet form: they lead no project.
    expect((await openForm(PILOT, ops('submit-sheet'))).status).toBe(403);
    // A form forged with the pilot's own valid token: refused on the server all the same.
    const token = (await openForm(PILOT, '/conventions/nouvelle')).token!;
    const forged = await post(PILOT, ops('submit-sheet'), {
      _csrf: token,
      projectId: 'accueil-des-publics',
      label: 'x',
      place: 'x',
      period: 'x',
      mode: 'mixte',
      participants: '10',
      context: 'x',
      objectives: 'x',
    });
    expect(forged.status).toBe(403);
    expect(recordedState(await t.state(valserhone.agreement.id))).toEqual(before);
  });

  it('refuses a referent of one agreement acting on another’s by URL, and nothing changes', async () => {
    const other = `/conventions/${bretagne.agreement.id}/operations/renewal-meeting`;
    const before = recordedState(await t.state(bretagne.agreement.id));
    // 404, as for the agreement page: the refusal does not even tell that the agreement exists.
    expect((await openForm(REFERENT, other)).status).toBe(404);
    const token = csrfTokenOf((await openForm(REFERENT, ops('renewal-meeting'))).html);
    const forged = await post(REFERENT, other, { _csrf: token });
    expect(forged.status).toBe(404);
    expect(recordedState(await t.state(bretagne.agreement.id))).toEqual(before);
  });

  it('refuses a form posted without its CSRF token, or with a wrong one, and nothing changes', async () => {
    const before = recordedState(await t.state(valserhone.agreement.id));
    await openForm(REFERENT, ops('renewal-meeting'));
    expect((await post(REFERENT, ops('renewal-meeting'), {})).status).toBe(403);
    expect((await post(REFERENT, ops('renewal-meeting'), { _csrf: 'forged' })).status).toBe(403);
    expect(recordedState(await t.state(valserhone.agreement.id))).toEqual(before);
  });

  it('refuses a post whose session cookie was tampered with, and nothing changes', async () => {
    const before = recordedState(await t.state(valserhone.agreement.id));
    const page = await openForm(REFERENT, ops('renewal-meeting'));
    const cookie = sessions[REFERENT]!.jar.header(url('/'));
    const value = /pacte_session=([^;]+)/.exec(cookie)![1]!;
    // One character of the encrypted session changed, or its end cut: its authentication no longer holds.
    const i = Math.floor(value.length / 2);
    const flipped = value.slice(0, i) + (value[i] === 'A' ? 'B' : 'A') + value.slice(i + 1);
    for (const tampered of [flipped, value.slice(0, -8), 'forged']) {
      const response = await fetch(url(ops('renewal-meeting')), {
        method: 'POST',
        headers: {
          cookie: cookie.replace(value, tampered),
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ _csrf: page.token! }).toString(),
        redirect: 'manual',
      });
      // Treated as signed out: sent to sign in (or refused), never recorded.
      expect([303, 403]).toContain(response.status);
      if (response.status === 303) expect(response.headers.get('location')).toMatch(/^\/connexion/);
    }
    expect(recordedState(await t.state(valserhone.agreement.id))).toEqual(before);
    // The genuine session still posts (the refusals were the cookie's, not the form's).
    expect((await openForm(REFERENT, ops('renewal-meeting'))).status).toBe(200);
  });

  it('shows an amendment’s calendar changes before confirming, then puts it in force', async () => {
    const id = valserhone.agreement.id;
    const day = DateTime.fromMillis(await serverNowMs(t.env.client), { zone: valserhone.agreement.timezone })
      .plus({ days: 40 })
      .toISODate()!;
    const amended = {
      ...valserhone.raw,
      events: [
        ...((valserhone.raw.events as object[] | undefined) ?? []),
        { id: 'journee-referents', title: 'Journée des référents', date: day },
      ],
    };
    const text = YAML.stringify(amended);
    const preview = await multipart(REFERENT, ops('amend'), { texte: text, summary: 'Une journée de plus' });
    expect(preview.status).toBe(200);
    expect(preview.html).toMatch(/Échéances ajoutées[\s\S]*Journée des référents/);
    expect(preview.html).not.toContain('Échéances supprimées');
    expect((await t.state(id)).version).toBe(1);

    const confirmed = await post(REFERENT, ops('amend'), {
      _csrf: csrfTokenOf(preview.html),
      etape: 'confirmer',
      texte: hiddenValue(preview.html, 'texte'),
      summary: hiddenValue(preview.html, 'summary'),
    });
    expect(confirmed.status).toBe(303);
    const after = await t.state(id);
    expect(after.version).toBe(2);
    expect(after.amendments.at(-1)).toMatchObject({ version: 2, summary: 'Une journée de plus' });
  });

  it('refuses an amendment that changes the agreement’s id, beside the source, and changes nothing', async () => {
    const before = recordedState(await t.state(valserhone.agreement.id));
    const text = YAML.stringify({ ...valserhone.raw, id: 'autre-convention' });
    const answer = await multipart(REFERENT, ops('amend'), { texte: text });
    expect(answer.status).toBe(400);
    expect(answer.html).toMatch(/<code>id<\/code><\/td>\s*<td[^>]*>un avenant garde l’identifiant/);
    expect(recordedState(await t.state(valserhone.agreement.id))).toEqual(before);
  });

  it('changes a person’s e-mail: the agreement the lifecycle holds has it; a handover without its new person is refused beside its fields', async () => {
    const id = valserhone.agreement.id;
    const bad = await submit(REFERENT, ops('change-person'), { change: 'add', personId: 'ref-terre-valserhone' });
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/id="champ-name-error"/);
    expect(bad.html).not.toContain('Identifiant');
    const changed = await submit(REFERENT, ops('change-person'), {
      change: 'replace',
      personId: 'ref-terre-valserhone',
      email: 'julien.moreau@valserhone.example.org',
    });
    expect(changed.status).toBe(303);
    const agreement = await t.env.client.workflow.getHandle(`agreement-${id}`).query(agreementQuery);
    expect(agreement.people.find((p) => p.id === 'ref-terre-valserhone')?.email).toBe(
      'julien.moreau@valserhone.example.org',
    );
    // A handover: the new person's id is made from their name; the confirmation names people, not ids.
    const handover = await submit(REFERENT, ops('change-person'), {
      change: 'add',
      personId: 'sign-terre-valserhone',
      name: 'Claire Dupont',
      email: 'claire.dupont@example.org',
    });
    expect(handover.status).toBe(303);
    const after = await t.env.client.workflow.getHandle(`agreement-${id}`).query(agreementQuery);
    expect(after.people.find((p) => p.id === 'claire-dupont')).toMatchObject({ name: 'Claire Dupont' });
    const confirmation = await (await send(sessions[REFERENT]!.jar, url(handover.location!))).text();
    expect(confirmation).toContain('Claire Dupont reprend les rôles de Patrick Perreard');
  });

  it('answers 404 for an unknown operation or agreement', async () => {
    expect((await openForm(REFERENT, ops('teleport'))).status).toBe(404);
    expect((await openForm(REFERENT, '/conventions/no-such-agreement/operations/dispute')).status).toBe(404);
  });

  it('shows a renewal’s successor calendar before confirming, then starts the successor', async () => {
    const id = valserhone.agreement.id;
    const successorId = `${id}-suite`;
    const text = YAML.stringify({ ...valserhone.raw, id: successorId });
    const preview = await multipart(REFERENT, ops('renew'), { texte: text });
    expect(preview.status).toBe(200);
    expect(preview.html).toContain('Calendrier de la convention suivante');
    expect(preview.html).toContain('>Renouveler</button>');
    expect((await t.state(id)).renewal.successorId).toBeUndefined();

    const confirmed = await post(REFERENT, ops('renew'), {
      _csrf: csrfTokenOf(preview.html),
      etape: 'confirmer',
      texte: hiddenValue(preview.html, 'texte'),
      summary: '',
    });
    expect(confirmed.status).toBe(303);
    expect((await t.state(id)).renewal.successorId).toBe(successorId);
    expect((await t.state(successorId)).agreementId).toBe(successorId);
  });
});
describe('failed deliveries on « Mes échéances »', () => {
  it('counts them for the referents, linking to the agreement’s failures; not for a training contact', async () => {
    // The demonstration with its meeting tomorrow and its reminder two days before: started now,
    // the lifecycle sends that missed reminder at once (late-reminders.ts), on any date…
    const { agreement } = await placeDemoCensus(
      `echecs-${randomBytes(3).toString('hex')}`,
      await serverNowMs(t.env.client),
      {
        closeAfterDays: 7,
        meetingAfterDays: -1,
        endAfterDays: 20,
        remindBefore: ['P3D'],
        meetingRemindBefore: ['P2D'],
      },
    );
    // … and the mail server refuses every attendee.
    for (const p of agreement.people) t.sink.rejectRecipient(p.email);
    const started = await startLifecycle(t.env.client, 'default', agreement, TASK_QUEUE);
    expect(started.ok).toBe(true);
    const failed = await waitFor(
      async () => {
        const n = (await t.state(agreement.id)).failures.length;
        return n > 0 ? n : undefined;
      },
      { timeoutMs: 30_000, what: 'a failed delivery in the lifecycle' },
    );
    const referent = agreement.people.find((p) => p.roles.includes('referent'))!.email;
    // The read model sees the new lifecycle and its failures on its next refresh.
    const home = await waitFor(
      async () => {
        const page = await (await send(sessions[referent]!.jar, url('/'))).text();
        return page.includes(`/conventions/${agreement.id}#echecs`) ? page : undefined;
      },
      { timeoutMs: 60_000, what: 'the failed deliveries on « Mes échéances »' },
    );
    expect(home).toContain('Envois en échec');
    const shown = new RegExp(
      `href="/conventions/${agreement.id}#echecs">[^<]*&nbsp;: (\\d+) envois? en échec</a>`,
    ).exec(home);
    // The count the read model had (the failures of the three attendees may still be arriving).
    expect(Number(shown?.[1])).toBeGreaterThanOrEqual(1);
    expect(Number(shown?.[1])).toBeLessThanOrEqual((await t.state(agreement.id)).failures.length);
    expect(failed).toBeGreaterThanOrEqual(1);
    const contact = agreement.people.find((p) => p.roles.includes('training-contact'))!.email;
    const theirs = await (await send(sessions[contact]!.jar, url('/'))).text();
    expect(theirs).toContain(`/conventions/${agreement.id}`); // the agreement is theirs too
    expect(theirs).toContain('Mes échéances');
    expect(theirs).not.toContain('Envois en échec');
  });
});

/** A form posted as multipart (the file forms), with the session's token. */
async function multipart(email: string, path: string, fields: Record<string, string>) {
  const page = await openForm(email, path);
  const form = new FormData();
  form.set('_csrf', page.token!);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const { jar } = sessions[email]!;
  const response = await fetch(url(path), {
    method: 'POST',
    body: form,
    headers: { cookie: jar.header(url(path)) },
    redirect: 'manual',
  });
  jar.store(url(path), response);
  return { status: response.status, html: await response.text() };
}

/** A hidden field's value as the browser would post it back. */
function hiddenValue(html: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  if (value === undefined) throw new Error(`no hidden ${name} in the page`);
  return value
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The inputs of the accepted updates named `name`, from the lifecycle's history (plain JSON payloads). */
async function updateInputs(agreementId: string, name: string): Promise<Record<string, unknown>[]> {
  const history = await t.env.client.workflow.getHandle(`agreement-${agreementId}`).fetchHistory();
  return (history.events ?? [])
    .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input)
    .filter((input) => input?.name === name)
    .map((input) => {
      const payload = input!.args!.payloads![0]!;
      return JSON.parse(Buffer.from(payload.data!).toString('utf8')) as Record<string, unknown>;
    });
}
