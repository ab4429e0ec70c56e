/**
 * The `pacte` operations commands as users run them: `node bin/pacte.js …` in child processes,
 * against a real Temporal CLI dev server (Pacte's search attributes registered) with the real
 * Pacte worker in this process and its real activities sending to a loopback SMTP server.
 *
 * The examples run as copies shifted by whole years against the server's clock (whatever the
 * date): Terre Valserhône active, after its first annual review and before its renewal window;
 * the Breton schema running; the Seine-et-Marne COT and the Vaucluse plan ended (their
 * lifecycles start, send nothing for the past and finish as expired). Every dated input of the
 * operations (meeting, census year, dispute, renewal) comes from the shifted copy's own plan.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { WorkflowNotFoundError } from '@temporalio/common';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities, createMailTransport } from '../../activities';
import { buildProgram } from '../../client/cli';
import { devServerExecutable } from '../../dev/temporal-binaries';
import { PHASES } from '../../contracts/lifecycle-state';
import type { LifecycleView } from '../../contracts/lifecycle-view';
import { stateQuery } from '../../contracts/messages';
import { AgreementId, AgreementKind, AgreementPhase, PACTE_SEARCH_ATTRIBUTES } from '../../contracts/search-attributes';
import { createPacteWorker } from '../../worker/create-worker';
import { workflowBundle } from '../support/lifecycle-env';
import { ENDED, placeExample, type Placed } from '../support/placement';
import { installQuietRuntime } from '../support/runtime';
import { serverNowMs } from '../support/server-clock';
import { shiftYears } from '../support/shift-years';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { waitFor } from '../support/wait-for';
import { COT_FILE, SITUATIONS, VALSERHONE_FILE, valserhoneDates } from './example-situations';
import { recordedState } from '../support/recorded-state';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLES = join(ROOT, 'examples/agreements');
const FILES = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const SOURCES = Object.fromEntries(
  FILES.map((f) => [f, YAML.parse(readFileSync(join(EXAMPLES, f), 'utf8')) as { id: string; kind: string }]),
);
const IDS = Object.fromEntries(FILES.map((f) => [f, SOURCES[f]!.id])) as Record<string, string>;
const TMP = mkdtempSync(join(tmpdir(), 'pacte-ops-'));
const TASK_QUEUE = 'pacte-cli-test';
const VALSERHONE = SOURCES[VALSERHONE_FILE]!.id;
/** Ended: finishes as expired right away. */
const COT = SOURCES[COT_FILE]!.id;
const ENDED_IDS = FILES.filter((f) => SITUATIONS[f] === ENDED).map((f) => IDS[f]!);
const RUNNING_IDS = FILES.filter((f) => SITUATIONS[f] !== ENDED).map((f) => IDS[f]!);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let env: TestWorkflowEnvironment;
let sink: SmtpSink;
let worker: Worker;
let workerRun: Promise<void>;
/** The shifted copy of each example, written to TMP. */
const copies: Record<string, Placed & { path: string }> = {};
/** The shifted Terre Valserhône and the dates its operations use. */
let valserhone: Placed & { path: string };
let review: { id: string; date: string };
let census: { year: number; opensOn: string; years: number[] };
/** A date of the example's own time line, moved with the copy. */
const shifted = (date: string): string => shiftYears(date, valserhone.shift);

/** `pacte …` in a child process, pointed at the test server through the environment only. */
function pacte(args: string[], extraEnv: Record<string, string | undefined> = {}): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_NAMESPACE: 'default',
    PACTE_TASK_QUEUE: TASK_QUEUE,
    PACTE_DEBUG: '',
    PACTE_UI_URL: '',
    ...extraEnv,
  };
  for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'bin/pacte.js'), ...args],
      { cwd: ROOT, env: childEnv, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

function state(agreementId: string): Promise<LifecycleView> {
  return env.client.workflow.getHandle(`agreement-${agreementId}`).query(stateQuery);
}

beforeAll(async () => {
  installQuietRuntime();
  const { executable } = devServerExecutable();
  const [testEnv, smtp, bundle] = await Promise.all([
    TestWorkflowEnvironment.createLocal({ server: { executable, searchAttributes: PACTE_SEARCH_ATTRIBUTES } }),
    startSmtpSink(),
    workflowBundle(),
  ]);
  env = testEnv;
  sink = smtp;
  const activities = createActivities({
    transport: createMailTransport({ smtpUrl: sink.url, timeoutMs: 10_000 }),
    from: 'Pacte <pacte@example.org>',
  });
  worker = await createPacteWorker({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    activities,
    workflowBundle: bundle,
  });
  workerRun = worker.run();

  // Copies of the examples placed against the server's clock (a dev server keeps the real one).
  const now = await serverNowMs(env.client);
  for (const file of FILES) {
    const situation = SITUATIONS[file];
    if (!situation) throw new Error(`${file}: no situation for this example in the CLI test`);
    const placed = placeExample(
      YAML.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as Record<string, unknown>,
      now,
      situation,
    );
    const path = join(TMP, file);
    writeFileSync(path, YAML.stringify(placed.raw));
    copies[file] = { ...placed, path };
  }
  console.log(
    `[pacte cli] server clock ${new Date(now).toISOString()}; examples shifted by ${FILES.map((f) => `${IDS[f]} ${copies[f]!.shift}`).join(', ')} years`,
  );
  valserhone = copies[VALSERHONE_FILE]!;
  ({ review, census } = valserhoneDates(valserhone));
});

afterAll(async () => {
  if (worker) {
    worker.shutdown();
    await workerRun;
  }
  await env?.teardown();
  await sink?.stop();
});

describe('pacte start', () => {
  let starts: Run[];

  beforeAll(async () => {
    starts = await Promise.all(FILES.map((f) => pacte(['start', copies[f]!.path])));
  });

  it.each(FILES)(
    'starts %s: workflow id, run id, Web UI URL; search attributes, memo, summary and details set',
    async (file) => {
      const run = starts[FILES.indexOf(file)]!;
      const id = IDS[file]!;
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`workflow id  agreement-${id}`);
      expect(run.stdout).toMatch(/run id {7}[0-9a-f-]{36}/);
      expect(run.stdout).toContain(`task queue   ${TASK_QUEUE}`);
      expect(run.stdout).toContain(`http://localhost:8233/namespaces/default/workflows/agreement-${id}`);

      const description = await env.client.workflow.getHandle(`agreement-${id}`).describe();
      expect(description.type).toBe('agreementLifecycle');
      expect(description.taskQueue).toBe(TASK_QUEUE);
      expect(description.typedSearchAttributes.get(AgreementId)).toBe(id);
      expect(description.typedSearchAttributes.get(AgreementKind)).toBe(SOURCES[file]!.kind);
      expect((description.memo as { title?: string }).title).toBeTruthy();
      const summary = await description.staticSummary();
      const details = await description.staticDetails();
      expect(summary).toBe((description.memo as { title: string }).title);
      expect(Buffer.byteLength(summary!)).toBeLessThanOrEqual(200);
      expect(details).toContain('**Parties**');
      expect(Buffer.byteLength(details!)).toBeLessThanOrEqual(20 * 1024);
      // No personal data in what the server keeps in clear.
      expect(details).not.toMatch(/@/);
    },
  );

  it('refuses to start a running agreement twice, and says what to do instead', async () => {
    const again = await pacte(['start', valserhone.path]);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(
      /^agreement-valserhone-2025 is already running \(started \d{4}-\d{2}-\d{2}T[^)]+\); use `pacte amend valserhone-2025 FILE` to change it\n$/,
    );
    expect(again.stderr).not.toMatch(/\n\s+at /); // no stack
  });

  it('refuses to start again a lifecycle that already ran to its end', async () => {
    await waitFor(
      async () =>
        (await env.client.workflow.getHandle(`agreement-${COT}`).describe()).status.name === 'COMPLETED'
          ? true
          : undefined,
      {
        timeoutMs: 30_000,
        what: `agreement-${COT} to complete`,
      },
    );
    const again = await pacte(['start', copies[COT_FILE]!.path, '--json']);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(new RegExp(`^agreement-${COT} already ran to its end \\(completed on \\d{4}-`));
  });

  it('validates the file first: problems on stderr, exit 1, nothing started', async () => {
    const raw: Record<string, unknown> = { ...valserhone.raw };
    raw.id = 'broken-agreement';
    raw.kind = 'not-a-kind';
    const file = join(TMP, 'broken.yaml');
    writeFileSync(file, YAML.stringify(raw));
    const run = await pacte(['start', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${file}: kind:`);
    await expect(env.client.workflow.getHandle('agreement-broken-agreement').describe()).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );
  });

  it('--json prints the ids and the URL; PACTE_UI_URL replaces the UI base', async () => {
    const raw: Record<string, unknown> = { ...valserhone.raw };
    raw.id = 'valserhone-json';
    const file = join(TMP, 'valserhone-json.json');
    writeFileSync(file, JSON.stringify(raw));
    const run = await pacte(['start', file, '--json', '--task-queue', TASK_QUEUE], {
      PACTE_UI_URL: 'https://temporal.example.org/',
      PACTE_TASK_QUEUE: 'elsewhere',
    });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as Record<string, string>;
    expect(out).toMatchObject({
      workflowId: 'agreement-valserhone-json',
      namespace: 'default',
      taskQueue: TASK_QUEUE,
      url: 'https://temporal.example.org/namespaces/default/workflows/agreement-valserhone-json',
    });
    expect(out.runId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('warns on stderr when no worker polls the task queue, and starts anyway', async () => {
    const raw: Record<string, unknown> = { ...valserhone.raw };
    raw.id = 'valserhone-no-worker';
    const file = join(TMP, 'valserhone-no-worker.yaml');
    writeFileSync(file, YAML.stringify(raw));
    const run = await pacte(['start', file, '--task-queue', 'nobody-polls-here']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'warning: no worker is polling task queue nobody-polls-here yet: the lifecycle waits until one runs (`npm run worker` or `npm start`)\n',
    );
    expect(run.stdout).toContain('workflow id  agreement-valserhone-no-worker');
    await env.client.workflow
      .getHandle('agreement-valserhone-no-worker')
      .terminate('test: no worker on this task queue');
  });
});

describe('pacte list', () => {
  beforeAll(async () => {
    // Visibility is eventually consistent: wait until the ended lifecycles show as expired.
    await waitFor(
      async () => {
        const phases = new Map<string, string | undefined>();
        for await (const info of env.client.workflow.list({ query: "WorkflowType = 'agreementLifecycle'" })) {
          phases.set(
            info.typedSearchAttributes.get(AgreementId) ?? '',
            `${info.status.name}/${info.typedSearchAttributes.get(AgreementPhase)}`,
          );
        }
        const all = Object.values(IDS).every((id) => phases.has(id));
        return all && ENDED_IDS.every((id) => phases.get(id) === 'COMPLETED/expired') ? true : undefined;
      },
      { timeoutMs: 30_000, what: 'visibility to list the examples with their phases' },
    );
  });

  it('--json lists every started agreement with kind, phase, status, next deadline and end date', async () => {
    const run = await pacte(['list', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as {
      agreementId: string;
      kind: string;
      phase: string;
      status: string;
      nextDeadline: string | null;
      endsOn: string;
      workflowId: string;
    }[];
    for (const file of FILES) {
      const row = rows.find((r) => r.agreementId === IDS[file]);
      expect(row, IDS[file]).toBeDefined();
      expect(row!.workflowId).toBe(`agreement-${IDS[file]}`);
      expect(PHASES).toContain(row!.phase);
      expect(row!.endsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    for (const id of ENDED_IDS)
      expect(rows.find((r) => r.agreementId === id)).toMatchObject({
        phase: 'expired',
        status: 'COMPLETED',
        nextDeadline: null,
      });
    for (const id of RUNNING_IDS)
      expect(rows.find((r) => r.agreementId === id)).toMatchObject({ phase: 'active', status: 'RUNNING' });
    const row = rows.find((r) => r.agreementId === VALSERHONE)!;
    expect(row).toMatchObject({
      kind: 'convention-cadre',
      phase: 'active',
      status: 'RUNNING',
      endsOn: valserhone.agreement.term.endsOn,
    });
    expect(Date.parse(row.nextDeadline!)).toBeGreaterThan(await serverNowMs(env.client));
  });

  it('prints a table, and filters by phase, kind and running', async () => {
    const [table, expired, running, kind] = await Promise.all([
      pacte(['list']),
      pacte(['list', '--phase', 'expired', '--json']),
      pacte(['list', '--running', '--json']),
      pacte(['list', '--kind', 'cot', '--json']),
    ]);
    expect(table.code).toBe(0);
    console.log(`[pacte list]\n${table.stdout}`);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+KIND\s+PHASE\s+STATUS\s+NEXT DEADLINE \(Europe\/Paris\)\s+ENDS ON$/);
    expect(lines.find((l) => l.startsWith(`${VALSERHONE} `))).toMatch(
      new RegExp(
        `convention-cadre\\s+active\\s+running\\s+\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\\s+${valserhone.agreement.term.endsOn}$`,
      ),
    );
    expect(lines.find((l) => l.startsWith(`${COT} `))).toMatch(
      new RegExp(`cot\\s+expired\\s+completed\\s+—\\s+${copies[COT_FILE]!.agreement.term.endsOn}$`),
    );
    const ids = (run: Run) => (JSON.parse(run.stdout) as { agreementId: string }[]).map((r) => r.agreementId).sort();
    expect(ids(expired)).toEqual([...ENDED_IDS].sort());
    expect(ids(running)).not.toContain(COT);
    for (const id of RUNNING_IDS) expect(ids(running)).toContain(id);
    expect(ids(kind)).toEqual([COT]);
  });

  it('refuses an unknown filter value before contacting the server', async () => {
    const run = await pacte(['list', '--phase', "active' OR 1=1"], { TEMPORAL_ADDRESS: '127.0.0.1:1' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^--phase: expected one of active, /);
  });
});

/**
 * What a lifecycle started at `startedMs` sends at once (issue 14 item 6): the latest reminder
 * it missed of each entry still ahead, per purpose; none when nothing was missed.
 */
function missedReminderIds(placed: Placed, startedMs: number): string[] {
  return placed.calendar.entries
    .filter((entry) => Date.parse(entry.at) > startedMs)
    .flatMap((entry) => {
      const missed = entry.reminders.filter(
        (r) => Date.parse(r.at) < startedMs && Date.parse(r.at) < Date.parse(entry.at),
      );
      return [...new Set(missed.map((r) => r.purpose))].map((p) => missed.filter((r) => r.purpose === p).at(-1)!.id);
    })
    .sort();
}

/** The Valserhône lifecycle once its late reminders, if any, are sent; and which they are. */
async function valserhoneSettled(): Promise<{ view: LifecycleView; late: string[] }> {
  const handle = env.client.workflow.getHandle(`agreement-${VALSERHONE}`);
  const late = missedReminderIds(valserhone, (await handle.describe()).startTime.getTime());
  const view = await waitFor(
    async () => {
      const view = await handle.query(stateQuery);
      const sent = [...new Set(view.sent.flatMap((s) => s.reminderIds))].sort();
      return JSON.stringify(sent) === JSON.stringify(late) ? view : undefined;
    },
    { timeoutMs: 30_000, what: `late reminders ${late.join(', ') || '(none)'}` },
  );
  return { view, late };
}

describe('pacte show', () => {
  it('--json prints the state view of an agreement id or a workflow id', async () => {
    const { late } = await valserhoneSettled();
    const [byAgreement, byWorkflow] = await Promise.all([
      pacte(['show', VALSERHONE, '--json']),
      pacte(['show', `agreement-${VALSERHONE}`, '--json']),
    ]);
    expect(byAgreement.stderr).toBe('');
    const view = JSON.parse(byAgreement.stdout) as LifecycleView & { workflowId: string; status: string };
    expect(view).toMatchObject({
      workflowId: `agreement-${VALSERHONE}`,
      status: 'RUNNING',
      agreementId: VALSERHONE,
      kind: 'convention-cadre',
      phase: 'active',
      version: 1,
    });
    expect(view.nextEvents.length).toBeGreaterThan(0);
    const now = await serverNowMs(env.client);
    expect(view.nextEvents.every((e) => Date.parse(e.at) > now)).toBe(true);
    // The past is not replayed: only the latest missed reminder of each item still ahead, late.
    expect([...new Set(view.sent.flatMap((s) => s.reminderIds))].sort()).toEqual(late);
    expect(JSON.parse(byWorkflow.stdout).agreementId).toBe(VALSERHONE);
  });

  it('reads as text, in French by default and in English on request; an ended lifecycle answers too', async () => {
    const { late } = await valserhoneSettled();
    const [fr, en, ended] = await Promise.all([
      pacte(['show', VALSERHONE]),
      pacte(['show', VALSERHONE, '--lang', 'en']),
      pacte(['show', COT]),
    ]);
    expect(fr.code).toBe(0);
    console.log(`[pacte show]\n${fr.stdout}`);
    expect(fr.stdout).toContain(
      `Convention cadre CNFPT – CC Terre Valserhône (${VALSERHONE}) — agreement-${VALSERHONE}`,
    );
    expect(fr.stdout).toContain('phase active · statut en cours');
    expect(en.stdout).toContain('phase active · status running');
    expect(fr.stdout).toContain('Prochaines échéances :');
    expect(fr.stdout).toMatch(/● \S+ \d+(er)? \S+ \d{4} à \d+ h \d{2} — .+ {2}\[annual-review\]/);
    expect(fr.stdout).toContain('version 1 · exécution n° 1');
    expect(fr.stdout).toContain(late.length ? 'Derniers rappels envoyés :' : 'aucun rappel envoyé');
    expect(en.stdout).toContain('Next events:');
    expect(en.stdout).toContain(late.length ? 'Last reminders sent:' : 'no reminder sent');
    expect(ended.code).toBe(0);
    expect(ended.stdout).toContain('phase expired · statut terminée');
  });

  it('says when there is no such lifecycle, and when the server cannot be reached', async () => {
    const [missing, unreachable] = await Promise.all([
      pacte(['show', 'no-such-agreement']),
      pacte(['show', VALSERHONE], { TEMPORAL_ADDRESS: '127.0.0.1:1' }),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^no lifecycle agreement-no-such-agreement in namespace default at .+: start it with `pacte start FILE`\n$/,
    );
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toBe('cannot reach Temporal at 127.0.0.1:1: is `npm start` running?\n');
  });

  it('--address overrides TEMPORAL_ADDRESS, before or after the subcommand', async () => {
    const [before, after] = await Promise.all([
      pacte(['--address', env.address, 'show', VALSERHONE, '--json'], { TEMPORAL_ADDRESS: '127.0.0.1:1' }),
      pacte(['show', VALSERHONE, '--json', '--address', env.address], { TEMPORAL_ADDRESS: '127.0.0.1:1' }),
    ]);
    expect(before.stderr).toBe('');
    expect(JSON.parse(before.stdout).agreementId).toBe(VALSERHONE);
    expect(after.stderr).toBe('');
    expect(JSON.parse(after.stdout).agreementId).toBe(VALSERHONE);
  });
});

describe('operations', () => {
  it('records a dispute and a meeting held, and prints the lifecycle answer', async () => {
    const dispute = await pacte([
      'dispute',
      VALSERHONE,
      '--by',
      'terre-valserhone',
      '--on',
      review.date,
      '--subject',
      'Tarif des formations',
    ]);
    expect(dispute.stderr).toBe('');
    expect(dispute.code).toBe(0);
    expect(dispute.stdout).toMatch(
      /^agreement-valserhone-2025: différend notifié par terre-valserhone le \S+ \d+(er)? \S+ \d{4} : règlement amiable ; une juridiction peut être saisie à partir du \S+ \d+(er)? \S+ \d{4} \(phase active\)\n$/,
    );

    const meeting = await pacte([
      'meeting-held',
      `agreement-${VALSERHONE}`,
      '--entry',
      review.id,
      '--on',
      review.date,
      '--tracking',
      'not-applicable',
      '--json',
    ]);
    expect(meeting.stderr).toBe('');
    expect(JSON.parse(meeting.stdout)).toMatchObject({
      phase: 'active',
      locale: 'fr',
      outcome: { kind: 'meeting-held', entryId: review.id, heldOn: review.date },
    });

    const view = await state(VALSERHONE);
    expect(view.disputes).toEqual([
      expect.objectContaining({
        byParty: 'terre-valserhone',
        notifiedOn: review.date,
        subject: 'Tarif des formations',
      }),
    ]);
    expect(view.meetings).toEqual([
      expect.objectContaining({ entryId: review.id, heldOn: review.date, trackingTable: 'not-applicable' }),
    ]);
  });

  it('census answer, retained projects (a title with a colon), a sheet from a file, an amendment: the census path end to end', async () => {
    const answer = await pacte(['census-answer', VALSERHONE, '--year', String(census.year), '--on', census.opensOn]);
    expect(answer.stderr).toBe('');
    // In the agreement's language (French here), with the date as people write it.
    expect(answer.stdout).toMatch(
      new RegExp(
        `^agreement-${VALSERHONE}: recensement ${census.year} : réponse enregistrée le \\S+ \\d+(er)? \\S+ ${census.opensOn.slice(0, 4)} \\(phase active\\)\\n$`,
      ),
    );
    // Sent with who sent it, for the lifecycle's journal: the CLI and the operating system's user.
    const history = await env.client.workflow.getHandle(`agreement-${VALSERHONE}`).fetchHistory();
    const sent = (history.events ?? [])
      .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input)
      .filter((input) => input?.name === 'recordCensusAnswer')
      .map((input) => JSON.parse(Buffer.from(input!.args!.payloads![0]!.data!).toString('utf8')) as unknown);
    const account = process.env.PACTE_ACCOUNT?.trim() || userInfo().username;
    expect(sent.at(-1)).toMatchObject({ recordedBy: { via: 'cli', account } });

    const retained = await pacte([
      'retain-projects',
      VALSERHONE,
      '--year',
      String(census.year),
      '--project',
      'managers:Managers : prise de poste:formation-terre-valserhone',
      '--json',
    ]);
    expect(retained.stderr).toBe('');
    expect(JSON.parse(retained.stdout).outcome).toEqual({
      kind: 'projects-retained',
      year: census.year,
      sheets: [{ projectId: 'managers', dueOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }],
    });

    const sheetFile = join(TMP, 'sheet.yaml');
    writeFileSync(
      sheetFile,
      YAML.stringify({
        projectId: 'managers',
        label: 'Prise de poste des managers',
        place: 'Bellegarde',
        period: 'printemps 2027',
        mode: 'mixte',
        participants: 12,
        context: 'Nouveaux encadrants',
        objectives: 'Piloter une équipe',
      }),
    );
    const sheet = await pacte(['submit-sheet', VALSERHONE, '--file', sheetFile, '--participants', '14']);
    expect(sheet.stderr).toBe('');
    expect(sheet.stdout).toMatch(/^agreement-valserhone-2025: fiche projet managers reçue le \S+ \d+(er)? \S+ \d{4}/);

    const amended = await pacte(['amend', VALSERHONE, valserhone.path, '--summary', 'Avenant n° 1', '--json']);
    expect(amended.stderr).toBe('');
    expect(JSON.parse(amended.stdout)).toMatchObject({ version: 2, phase: 'active' });

    const view = await state(VALSERHONE);
    // (A campaign open when the lifecycle started has its own record, unanswered.)
    expect(view.census.find((c) => c.year === census.year)).toMatchObject({ answeredOn: census.opensOn });
    expect(view.submittedSheets).toEqual([
      expect.objectContaining({
        projectId: 'managers',
        title: 'Managers : prise de poste',
        leads: ['formation-terre-valserhone'],
        sheet: expect.objectContaining({ participants: 14, mode: 'mixte' }),
      }),
    ]);
    expect(view.amendments).toEqual([expect.objectContaining({ version: 2, summary: 'Avenant n° 1' })]);

    const shown = await pacte(['show', VALSERHONE]);
    expect(shown.stdout).toContain('Fiches projet reçues :');
    expect(shown.stdout).toContain(`Managers : prise de poste (managers, ${census.year})`);
    expect(shown.stdout).toContain('Avenants :');
  });

  it('refuses invalid operations with the field named, exit 1, and changes nothing', async () => {
    const handle = env.client.workflow.getHandle(`agreement-${VALSERHONE}`);
    const before = recordedState(await state(VALSERHONE));
    const historyBefore = (await handle.describe()).historyLength;

    const other = copies[COT_FILE]!.path;
    const future = shifted('2030-01-15');
    const noCensus = Number(shifted('2031-01-01').slice(0, 4));
    const beforeSignature = shifted('2024-12-01');
    const cases: { args: string[]; stderr: RegExp }[] = [
      // Judged by the lifecycle's validators.
      {
        args: ['give-notice', VALSERHONE, '--by', 'nobody'],
        stderr: /^byParty: unknown party 'nobody' \(parties: cnfpt-ara, terre-valserhone\)\n$/,
      },
      {
        args: ['dispute', VALSERHONE, '--by', 'cnfpt-ara', '--on', future],
        stderr: new RegExp(`^notifiedOn: ${future} is in the future \\(today is \\d{4}-\\d{2}-\\d{2}\\)\\n$`),
      },
      {
        args: ['census-answer', VALSERHONE, '--year', String(noCensus)],
        stderr: new RegExp(`^year: no census in ${noCensus} \\(census years: ${census.years.join(', ')}\\)\\n$`),
      },
      {
        args: ['meeting-held', VALSERHONE, '--entry', review.id],
        stderr: new RegExp(`^entryId: meeting '${review.id}' is already recorded\\n$`),
      },
      {
        args: ['amend', VALSERHONE, other],
        stderr: new RegExp(
          `^agreement\\.id: an amendment keeps the agreement id '${VALSERHONE}' \\(got '${COT}'\\)\\n$`,
        ),
      },
      {
        args: ['change-person', VALSERHONE, '--person', 'ref-terre-valserhone', '--remove'],
        stderr:
          /^personId: 'ref-terre-valserhone' is the last referent of terre-valserhone; add a person who takes over instead\n$/,
      },
      {
        args: ['change-person', VALSERHONE, '--person', 'nobody', '--email', 'someone@example.org'],
        stderr: /^personId: unknown person 'nobody' \(people: ref-cnfpt, /,
      },
      {
        args: ['renewal-meeting', VALSERHONE, '--on', beforeSignature],
        stderr: new RegExp(
          `^heldOn: ${beforeSignature} is before the signature \\(${valserhone.agreement.term.signedOn}\\)\\n$`,
        ),
      },
      // Refused by the schema before anything is sent.
      { args: ['census-answer', VALSERHONE, '--year', '1999'], stderr: /^year: .*2000/ },
      {
        args: ['census-answer', VALSERHONE, '--year', 'next'],
        stderr: /^year: Invalid input: expected number, received string\n$/,
      },
      {
        args: ['give-notice', VALSERHONE, '--by', 'Terre Valserhône', '--on', '2026-02-30'],
        stderr: /^byParty: not a valid id.*\ngivenOn: not a real calendar date: "[0-9-]*"\n$/,
      },
      {
        args: ['meeting-held', VALSERHONE, '--entry', 'x', '--tracking', 'sometimes', '--minutes', 'not a url'],
        stderr: /^minutesUrl: not a URL\ntrackingTable: .+\n$/,
      },
      {
        args: ['retain-projects', VALSERHONE, '--year', String(census.year), '--project', 'bad'],
        stderr: /^--project\[0\]: expected id:title:lead1,lead2/,
      },
      {
        args: [
          'submit-sheet',
          VALSERHONE,
          '--project',
          'projet-1',
          '--label',
          'L',
          '--place',
          'P',
          '--period',
          'T',
          '--mode',
          'online',
          '--participants',
          '0',
          '--context',
          'C',
          '--objectives',
          'O',
        ],
        stderr: /^mode: .+\nparticipants: at least one participant\n$/,
      },
      {
        args: [
          'change-person',
          VALSERHONE,
          '--person',
          'ref-cnfpt',
          '--email',
          'not an address',
          '--from',
          '2026-02-30',
        ],
        stderr: /^email: not an e-mail address\neffectiveOn: not a real calendar date: "[0-9-]*"\n$/,
      },
    ];
    const runs = await Promise.all(cases.map((c) => pacte(c.args)));
    runs.forEach((run, i) => {
      expect(run.stderr, cases[i]!.args.join(' ')).toMatch(cases[i]!.stderr);
      expect(run.code, cases[i]!.args.join(' ')).toBe(1);
      expect(run.stdout).toBe('');
    });

    expect(recordedState(await state(VALSERHONE))).toEqual(before);
    // A rejected update never enters the history.
    expect((await handle.describe()).historyLength).toBe(historyBefore);
  });

  it('renews an agreement: the successor starts its own lifecycle, linked to its predecessor', async () => {
    const raw: Record<string, unknown> = { ...valserhone.raw };
    raw.id = 'valserhone-2028';
    // Signed before the predecessor's end, starting the day after it.
    raw.term = shiftYears({ signedOn: '2026-11-02', startsOn: '2028-01-01', endsOn: '2029-10-31' }, valserhone.shift);
    const file = join(TMP, 'valserhone-2028.yaml');
    writeFileSync(file, YAML.stringify(raw));
    const run = await pacte(['renew', 'valserhone-json', file]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      new RegExp(
        `^agreement-valserhone-json: renouvelé par valserhone-2028 \\(agreement-valserhone-2028\\) ; cet accord court jusqu'au \\S+ \\d+(er)? \\S+ ${valserhone.agreement.term.endsOn.slice(0, 4)} \\(phase renewed\\)\\n$`,
      ),
    );
    const successor = await waitFor(
      async () => {
        const shown = await pacte(['show', 'valserhone-2028', '--json']);
        return shown.code === 0 ? (JSON.parse(shown.stdout) as LifecycleView) : undefined;
      },
      { timeoutMs: 20_000, what: 'the successor lifecycle' },
    );
    expect(successor).toMatchObject({
      agreementId: 'valserhone-2028',
      predecessorId: 'valserhone-json',
      phase: 'active',
    });
    const again = await pacte(['renew', 'valserhone-json', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("agreement: already renewed by 'valserhone-2028'\n");
  });

  it('an ended lifecycle takes no more operations', async () => {
    const run = await pacte(['dispute', COT, '--by', 'cg77']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `agreement-${COT} has ended (completed): an ended lifecycle takes no more operations (see \`pacte show ${COT}\`)\n`,
    );
  });

  it('every command has --help, and --json', async () => {
    const commands = [
      'start',
      'list',
      'show',
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
      'decline-reminder',
    ];
    // One child process for the overview and one per kind of help; the rest is read in-process.
    const [overview, help] = await Promise.all([pacte(['--help']), pacte(['submit-sheet', '--help'])]);
    for (const c of commands) expect(overview.stdout).toMatch(new RegExp(`\\n  ${c} `));
    expect(overview.stdout).toContain('--address <host:port>');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: pacte submit-sheet [options] <id>');
    const program = buildProgram();
    for (const c of commands) {
      const command = program.commands.find((x) => x.name() === c);
      expect(command, c).toBeDefined();
      expect(
        command!.options.map((o) => o.long),
        c,
      ).toContain('--json');
    }
  });
});
