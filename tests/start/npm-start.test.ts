/**
 * `npm start` as a user runs it: the package script in a process of its own (free ports, a
 * temporary data directory), then Ctrl-C, then `npm start` again on the same data.
 *
 * 1. It comes up: Temporal dev server, Web UI, mail inbox, worker, the web application (which
 *    sends a visitor to sign in at the development OpenID provider), the four examples and the
 *    demonstration, all said in its "ready" output and listening on the ports it names; the
 *    demonstration's French reminders reach the inbox (MailDev's REST API) within two minutes of
 *    the start, delivered by the worker it started (any day of the week: the demonstration's
 *    working week has seven days and no holidays).
 * 2. Ctrl-C (SIGINT to its process group, as a terminal sends it) stops the worker first, then
 *    the web application, the inbox, then the server, as its output says in that order; it exits with status 0 and
 *    every port is released.
 * 3. A second `npm start` on the same data directory resumes the same lifecycles: every one is
 *    "kept" (none "started"), with the same workflow ids and the same run ids, the demonstration
 *    included (not a second one).
 * 4. `PACTE_EXAMPLES=0 npm start` (fresh data) starts neither the examples nor the demonstration.
 *
 * @module
 */
import { Client, Connection } from '@temporalio/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for';
import {
  cleanEnv,
  freePorts,
  listening,
  runScript,
  startOnFreePorts,
  stopScript,
  temporalCli,
  type RunningScript,
} from './processes';

const DATA = mkdtempSync(join(tmpdir(), 'pacte-npm-start-'));
const EMPTY_DATA = mkdtempSync(join(tmpdir(), 'pacte-npm-start-no-examples-'));
const DEMO_PEOPLE = ['camille.martin@example.org', 'julien.moreau@example.org', 'sophie.bernard@example.org'];
const EXAMPLE_IDS = [
  'agreement-valserhone-2025',
  'agreement-cot-seine-et-marne-2010',
  'agreement-plan-action-vaucluse-2024',
  'agreement-schema-cdg-bretagne',
];
const DEMO_ID = 'agreement-demo-pacte';
/** The demonstration's agreement id, as its e-mails' X-Pacte-Agreement header gives it. */
const DEMO_AGREEMENT = 'demo-pacte';
/** `npm start` builds the workflow bundle before it is ready: seconds, more on a busy machine. */
const READY_WITHIN_MS = 90_000;

interface Ports {
  temporal: number;
  ui: number;
  mail: number;
  mailUi: number;
  web: number;
  oidc: number;
}

interface MailDevEmail {
  id: string;
  subject: string;
  text: string;
  to: { address: string }[];
  attachments?: { contentType: string }[];
  /** Header names lower-cased, as MailDev gives them. */
  headers: Record<string, string>;
}

async function npmStart(ports: Ports, data = DATA, extra: Record<string, string> = {}): Promise<RunningScript> {
  return runScript(
    'start',
    cleanEnv({
      ...extra,
      PACTE_CACHE_DIR: data,
      TEMPORAL_CLI_PATH: temporalCli(),
      PACTE_TEMPORAL_PORT: String(ports.temporal),
      PACTE_UI_PORT: String(ports.ui),
      PACTE_MAIL_PORT: String(ports.mail),
      PACTE_MAIL_UI_PORT: String(ports.mailUi),
      PACTE_WEB_PORT: String(ports.web),
      PACTE_DEV_OIDC_PORT: String(ports.oidc),
    }),
  );
}

async function newPorts(): Promise<Ports> {
  const p = await freePorts(6);
  return { temporal: p[0]!, ui: p[1]!, mail: p[2]!, mailUi: p[3]!, web: p[4]!, oidc: p[5]! };
}

const READY = /^\[pacte\] ready in [\d.]+ s$/;

/** `npm start` on new free ports, once it is ready (started again if one was taken meanwhile). */
function startReady(
  what: string,
  data = DATA,
  extra: Record<string, string> = {},
): Promise<{ script: RunningScript; ports: Ports }> {
  return startOnFreePorts(
    async () => {
      const ports = await newPorts();
      return { script: await npmStart(ports, data, extra), ports };
    },
    { ready: READY, taken: /^\[pacte\] port \d+ is taken/, withinMs: READY_WITHIN_MS, what },
  );
}

/** The `started` / `kept` lines of the ready output: workflow id → outcome. */
function outcomes(lines: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of lines) {
    const m = /^ {2}(started|kept) +(agreement-\S+) /.exec(line);
    if (m) out.set(m[2]!, m[1]!);
  }
  return out;
}

async function runIds(address: string, ids: string[]): Promise<Map<string, { runId: string; status: string }>> {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection });
    const out = new Map<string, { runId: string; status: string }>();
    for (const id of ids) {
      const d = await client.workflow.getHandle(id).describe();
      out.set(id, { runId: d.runId, status: d.status.name });
    }
    return out;
  } finally {
    await connection.close();
  }
}

describe('npm start, as a process', () => {
  let first: RunningScript | undefined;
  let second: RunningScript | undefined;
  let third: RunningScript | undefined;
  let ports: Ports;
  let before: Map<string, { runId: string; status: string }>;

  afterAll(async () => {
    await stopScript(first);
    await stopScript(second);
    await stopScript(third);
    rmSync(DATA, { recursive: true, force: true });
    rmSync(EMPTY_DATA, { recursive: true, force: true });
  });

  it('brings up the server, the inbox, the worker, the examples and the demonstration; French reminders reach the inbox within two minutes', async () => {
    ({ script: first, ports } = await startReady('the "ready" output'));
    const text = first.lines.join('\n');
    // Where everything is, as printed, and listening there.
    expect(text).toContain(`Temporal Web UI   http://localhost:${ports.ui}/namespaces/default/workflows`);
    expect(text).toContain(
      `Temporal server   127.0.0.1:${ports.temporal}  (data: ${join(DATA, 'dev', 'temporal.sqlite')})`,
    );
    expect(text).toContain(
      `mail inbox        http://localhost:${ports.mailUi}  (SMTP smtp://127.0.0.1:${ports.mail}, files: ${join(DATA, 'dev', 'outbox')})`,
    );
    expect(text).toMatch(
      /^\[pacte worker\] 127\.0\.0\.1:\d+ · namespace default · task queue pacte · mail via smtp:\/\/127\.0\.0\.1:\d+ /m,
    );
    expect(text).toContain(
      `web application   http://localhost:${ports.web}  (sign-in: development provider http://127.0.0.1:${ports.oidc}, choose a person, no password)`,
    );
    expect(text).toMatch(/^ +referents: Camille Martin, /m);
    for (const port of Object.values(ports)) expect(await listening(port), `port ${port} listening`).toBe(true);
    // The web application answers, and sends a visitor to the development provider to sign in.
    expect((await fetch(`http://127.0.0.1:${ports.web}/sante`)).status).toBe(200);
    const signIn = await fetch(`http://127.0.0.1:${ports.web}/connexion`, { redirect: 'manual' });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${ports.oidc}/auth\\?`));
    const started = outcomes(first.lines);
    expect([...started.keys()].sort()).toEqual([...EXAMPLE_IDS, DEMO_ID].sort());
    expect(
      [...started.values()].every((o) => o === 'started'),
      text,
    ).toBe(true);
    const placed = /reminders in the inbox at (\d\d):(\d\d), the meeting at (\d\d):(\d\d) \(([^)]+)\)/.exec(text);
    expect(placed, 'the demonstration says when its reminders and meeting are').not.toBeNull();

    before = await runIds(`127.0.0.1:${ports.temporal}`, [...EXAMPLE_IDS, DEMO_ID]);
    expect(before.get(DEMO_ID)!.status).toBe('RUNNING');

    // The demonstration's reminders, delivered by the worker through MailDev, read from its REST API.
    const inbox = `http://127.0.0.1:${ports.mailUi}/email`;
    const emails = await waitFor(
      async () => {
        // The examples, started mid-term, may send their latest missed reminders too: the
        // demonstration's are those of its agreement.
        const list = ((await (await fetch(inbox)).json()) as MailDevEmail[]).filter(
          (e) => e.headers['x-pacte-agreement'] === DEMO_AGREEMENT,
        );
        return list.length >= DEMO_PEOPLE.length ? list : undefined;
      },
      {
        timeoutMs: 150_000 - (Date.now() - first.startedAt),
        what: `the demonstration's ${DEMO_PEOPLE.length} reminders in the inbox (${inbox})`,
        intervalMs: 500,
      },
    );
    const arrivedAfterMs = Date.now() - first.startedAt;
    console.log(`[test] demonstration reminders in the inbox ${(arrivedAfterMs / 1000).toFixed(1)} s after npm start`);
    expect(arrivedAfterMs, 'within two minutes of npm start').toBeLessThanOrEqual(120_000);
    expect(emails.flatMap((e) => e.to.map((t) => t.address)).sort()).toEqual(DEMO_PEOPLE);
    const [, , , meetingH, meetingM] = placed!;
    for (const email of emails) {
      // French: « Réunion de démonstration – lundi 30 novembre 2026 de 14 h 38 à 15 h 08 », or
      // « … – du lundi 30 novembre 2026 à 23 h 50 au mardi 1er décembre 2026 à 0 h 20 ».
      expect(email.subject).toMatch(
        /^Réunion de démonstration – (du )?(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2}(er)? [a-zéû]+ \d{4} (de|à) \d{1,2}\sh\s\d\d (à|au) /,
      );
      expect(email.subject).toMatch(new RegExp(` (de|à) ${Number(meetingH)}\\sh\\s${meetingM} (à|au) `));
      expect(email.text).toMatch(/^Bonjour .+,$/m);
      expect(email.text).toMatch(/^Plan d’action\s?:\s?Démonstration – réunion fictive pour essayer Pacte$/m);
      expect(
        email.attachments?.some(
          (a) => a.contentType.startsWith('text/calendar') || a.contentType === 'application/ics',
        ),
        'the invitation is attached',
      ).toBe(true);
    }
    // npm start announces each message on its console.
    await first.waitForLine(
      /^\[pacte mail\] → Sophie Bernard <sophie\.bernard@example\.org> · Réunion de démonstration/,
      10_000,
      'the console line of a delivered reminder',
    );
  });

  it('Ctrl-C stops the worker first, then the web application, the inbox and the server, and releases every port', async () => {
    expect(first, 'npm start is running').toBeDefined();
    const from = first!.lines.length;
    first!.signalGroup('SIGINT');
    const exit = await first!.waitForExit(60_000);
    expect(exit, first!.tail()).toEqual({ code: 0, signal: null });
    const after = first!.lines.slice(from);
    const order = [
      '[pacte worker] stopped',
      '[pacte] web application stopped',
      '[pacte] mail inbox stopped',
      '[pacte] Temporal dev server stopped',
      '[pacte] stopped',
    ].map((line) => after.indexOf(line));
    expect(
      order.every((i) => i >= 0),
      after.join('\n'),
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const port of Object.values(ports)) expect(await listening(port), `port ${port} released`).toBe(false);
  });

  it('a second npm start on the same data resumes the same lifecycles ("kept", same run ids), the demonstration included', async () => {
    ({ script: second, ports } = await startReady('the "ready" output of the second start'));
    const kept = outcomes(second.lines);
    expect([...kept.keys()].sort()).toEqual([...EXAMPLE_IDS, DEMO_ID].sort());
    expect(
      [...kept.values()].every((o) => o === 'kept'),
      second.lines.join('\n'),
    ).toBe(true);
    expect(second.lines.join('\n')).toContain('still running from an earlier start: kept as it is');
    const now = await runIds(`127.0.0.1:${ports.temporal}`, [...EXAMPLE_IDS, DEMO_ID]);
    for (const id of [...EXAMPLE_IDS, DEMO_ID]) expect(now.get(id)!.runId, id).toBe(before.get(id)!.runId);
    expect(now.get(DEMO_ID)!.status).toBe('RUNNING');

    second.signalGroup('SIGINT');
    expect(await second.waitForExit(60_000)).toEqual({ code: 0, signal: null });
  });

  it('PACTE_EXAMPLES=0 starts neither the examples nor the demonstration', async () => {
    const started = await startReady('the "ready" output with PACTE_EXAMPLES=0', EMPTY_DATA, { PACTE_EXAMPLES: '0' });
    third = started.script;
    const own = started.ports;
    expect(third.lines).toContain(
      '[pacte] example agreements and demonstration not started (--no-examples / PACTE_EXAMPLES=0)',
    );
    expect(outcomes(third.lines).size).toBe(0);
    const connection = await Connection.connect({ address: `127.0.0.1:${own.temporal}` });
    try {
      const client = new Client({ connection });
      for (const id of [...EXAMPLE_IDS, DEMO_ID]) {
        await expect(client.workflow.getHandle(id).describe(), id).rejects.toThrow(/not found/i);
      }
    } finally {
      await connection.close();
    }
    third.signalGroup('SIGINT');
    expect(await third.waitForExit(60_000)).toEqual({ code: 0, signal: null });
  });
});
