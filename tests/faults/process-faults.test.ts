/**
 * Process faults against the Temporal CLI dev server (real clock), the real worker in a child
 * process and a real SMTP server:
 * (c) the worker is killed with SIGKILL while a burst of reminders is being delivered (the test
 *     proves it: some e-mails received, not all, some in flight), then started again: every
 *     e-mail the planner owes is received, duplicates (Message-IDs received more than once) never
 *     exceed the SMTP transactions the kill cut open (counted by the SMTP server: at most one per
 *     pooled connection, `SMTP_MAX_CONNECTIONS`), thanks to the delivery ledger, a SQLite file
 *     the worker process is given through `PACTE_DELIVERY_LEDGER` as in production;
 * (d) the dev server is stopped and started again on its SQLite file: every lifecycle is still
 *     there with its state, and the restarted system still delivers.
 *
 * The burst: `PACTE_FAULT_LIFECYCLES` (default 6) copies of Terre Valserhône, placed against the
 * server's clock after their first annual review (backlog.ts), started with a backlog (every
 * reminder since the signature due at once, 9 to 30 e-mails each). Deliveries cut
 * by the kill are retried only after the activity's heartbeat timeout (1 min) and the first
 * retry interval (1 min): this file takes about 2.5 minutes whatever the size.
 */
import { Client, Connection } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devServerExecutable } from '../../dev/temporal-binaries';
import type { Agreement } from '../../domain/agreement';
import type { Placed } from '../support/placement';
import { sorted, receivedEmails } from '../support/planned-emails';
import { serverNowMs } from '../support/server-clock';
import { agreementLifecycle } from '../../workflows/agreement-lifecycle';
import type { LifecycleView } from '../../contracts/lifecycle-view';
import { stateQuery } from '../../contracts/messages';
import { PACTE_SEARCH_ATTRIBUTES } from '../../contracts/search-attributes';
import { buildWorkflowBundle } from '../../worker/create-worker';
import { loadLedgerConfig } from '../../activities/delivery-ledger-config';
import { openDeliveryLedger } from '../../activities/open-delivery-ledger';
import { freePort } from '../support/free-port';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { waitFor } from '../support/wait-for';
import { backlogEmails, backlogExample, backlogInput } from './backlog';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LIFECYCLES = Number(process.env.PACTE_FAULT_LIFECYCLES || 6);
const TASK_QUEUE = 'pacte-faults';
const SA_TYPES: Record<string, string> = { KEYWORD: 'Keyword', DATETIME: 'Datetime', KEYWORD_LIST: 'KeywordList' };
const DIR = mkdtempSync(join(tmpdir(), 'pacte-faults-'));
const DB = join(DIR, 'temporal.sqlite');
/**
 * The worker's delivery ledger, kept across the kill: a SQLite file, as for `npm start` or
 * `npm run worker`, unless `PACTE_FAULT_LEDGER` names another (`postgres://…/<new database>` to
 * try the cluster's store against a PostgreSQL server of one's own: a database of its own per
 * run, since the copies' Message-IDs are the same from one run to the next).
 */
const LEDGER = process.env.PACTE_FAULT_LEDGER || `sqlite:${join(DIR, 'delivery-ledger.sqlite')}`;
/** The worker's SMTP pool (SMTP_MAX_CONNECTIONS, default 10): the most transactions open at once. */
const POOL_SIZE = 10;

let port: number;
let server: ChildProcess | undefined;
let worker: ChildProcess | undefined;
let connection: Connection | undefined;
let client: Client;
let sink: SmtpSink;
let bundlePath: string;
let placed: Placed;

function listening(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port: p, host: '127.0.0.1' });
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** The dev server as `npm start` runs it (dev/start.ts), headless, on its SQLite file. */
async function startServer(): Promise<void> {
  const { executable } = devServerExecutable();
  if (executable.type !== 'existing-path') throw new Error('no Temporal CLI: run `npm run setup:servers`');
  server = spawn(
    executable.path,
    [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--headless',
      '--db-filename',
      DB,
      '--log-level',
      'error',
      ...PACTE_SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${SA_TYPES[key.type]}`]),
    ],
    { stdio: 'ignore' },
  );
  await waitFor(async () => ((await listening(port)) ? true : undefined), {
    timeoutMs: 60_000,
    what: 'the dev server',
  });
  connection = await Connection.connect({ address: `127.0.0.1:${port}` });
  client = new Client({ connection, namespace: 'default' });
  // Ready when the namespace answers.
  await waitFor(
    async () =>
      (await client.workflow.count().then(
        () => true,
        () => undefined,
      ))
        ? true
        : undefined,
    { timeoutMs: 30_000, what: 'the namespace' },
  );
}

async function stopServer(signal: NodeJS.Signals): Promise<void> {
  await connection?.close();
  connection = undefined;
  const s = server;
  if (!s || s.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    s.once('exit', () => resolve());
    s.kill(signal);
  });
  await waitFor(async () => ((await listening(port)) ? undefined : true), {
    timeoutMs: 10_000,
    what: 'the port freed',
  });
}

async function startWorker(): Promise<ChildProcess> {
  const child = spawn('npx', ['tsx', 'tests/faults/worker-process.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
      PACTE_TASK_QUEUE: TASK_QUEUE,
      SMTP_URL: sink.url,
      SMTP_MAX_CONNECTIONS: String(POOL_SIZE),
      PACTE_DELIVERY_LEDGER: LEDGER,
      PACTE_WORKFLOW_BUNDLE: bundlePath,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
    // Own process group: SIGKILL reaches the worker itself, not just npx.
    detached: true,
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker process exited (${code}) before ready`)));
  });
  return child;
}

function killGroup(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    process.kill(-child.pid!, signal);
  });
}

function copyId(i: number): string {
  return `fault-${i}-valserhone`;
}

function agreementCopy(i: number): Agreement {
  return { ...placed.agreement, id: copyId(i) };
}

/**
 * Lifecycles quiet: recorded deliveries unchanged since the previous poll, no delivery activity
 * and no workflow task pending (a batch completed at once from the delivery ledger is recorded
 * by the workflow task that follows it).
 */
async function quietStates(ids: string[], previous: { total: number }): Promise<LifecycleView[] | undefined> {
  // Queries need a polling worker: right after a restart they may fail; poll again.
  const all = await states(ids).catch(() => undefined);
  if (!all) return undefined;
  const total = all.reduce((n, s) => n + s.sent.length + s.failures.length, 0);
  const pending = await pendingDeliveries(ids);
  const quiet = total > 0 && total === previous.total && pending.pending === 0 && pending.workflowTasks === 0;
  previous.total = total;
  return quiet ? all : undefined;
}

async function states(ids: string[]): Promise<LifecycleView[]> {
  return await Promise.all(ids.map((id) => client.workflow.getHandle(`agreement-${id}`).query(stateQuery)));
}

/**
 * Delivery activities pending on the server, and the e-mails carried by those a worker had
 * started (in flight): a `deliverDay` batch counts its messages, read from its scheduled event.
 */
async function pendingDeliveries(ids: string[]): Promise<{ pending: number; started: number; workflowTasks: number }> {
  const perLifecycle = await Promise.all(
    ids.map(async (id) => {
      const handle = client.workflow.getHandle(`agreement-${id}`);
      const { raw } = await handle.describe();
      const activities = raw.pendingActivities ?? [];
      const workflowTask = raw.pendingWorkflowTask ? 1 : 0;
      // temporal.api.enums.v1.PendingActivityState: 2 = STARTED
      const started = new Set(activities.filter((a) => Number(a.state) === 2).map((a) => a.activityId));
      let emails = 0;
      if (started.size > 0) {
        for (const event of (await handle.fetchHistory()).events ?? []) {
          const scheduled = event.activityTaskScheduledEventAttributes;
          if (!scheduled || !started.has(scheduled.activityId)) continue;
          const input = JSON.parse(Buffer.from(scheduled.input?.payloads?.[0]?.data ?? []).toString('utf8')) as {
            messages?: unknown[];
          };
          emails += scheduled.activityType?.name === 'deliverDay' ? (input.messages?.length ?? 0) : 1;
        }
      }
      return { pending: activities.length, emails, workflowTask };
    }),
  );
  return {
    pending: perLifecycle.reduce((n, l) => n + l.pending, 0),
    started: perLifecycle.reduce((n, l) => n + l.emails, 0),
    workflowTasks: perLifecycle.reduce((n, l) => n + l.workflowTask, 0),
  };
}

beforeAll(async () => {
  port = await freePort();
  sink = await startSmtpSink();
  const bundle = await buildWorkflowBundle();
  bundlePath = join(DIR, 'workflows.js');
  writeFileSync(bundlePath, bundle.code);
  await startServer();
  placed = await backlogExample(client);
}, 300_000);

afterAll(async () => {
  await killGroup(worker, 'SIGKILL');
  await stopServer('SIGTERM');
  await sink?.stop();
  rmSync(DIR, { recursive: true, force: true });
});

describe('faults: processes', () => {
  const ids = Array.from({ length: LIFECYCLES }, (_, i) => copyId(i + 1));

  it('(c) worker killed with SIGKILL mid-delivery: everything delivered, duplicates ≤ SMTP transactions open at the kill', async () => {
    worker = await startWorker();
    const started = Date.now();
    const handles = await Promise.all(
      ids.map((_, i) => {
        const agreement = agreementCopy(i + 1);
        return client.workflow.start(agreementLifecycle, {
          workflowId: `agreement-${agreement.id}`,
          taskQueue: TASK_QUEUE,
          args: [backlogInput(agreement)],
        });
      }),
    );
    // What the burst is made of: every copy owes what the planner says was due at its start.
    const owedAtStart = backlogEmails(placed, (await handles[0]!.describe()).startTime.getTime());
    const total = owedAtStart.size * LIFECYCLES;
    const killAt = Math.max(3, LIFECYCLES * 2);
    expect(total, 'the burst is larger than the deliveries awaited before the kill').toBeGreaterThan(killAt * 2);
    // Kill as soon as a few deliveries have landed: most of the burst is in flight or queued.
    // (No kill "anyway": if they never land, this fails.)
    await waitFor(async () => (sink.messages.length >= killAt ? true : undefined), {
      timeoutMs: 60_000,
      what: `${killAt} first deliveries`,
      intervalMs: 10,
    });
    const cutBefore = sink.cutTransactions;
    await killGroup(worker, 'SIGKILL');
    // The dead worker's connections close (the kernel closes its sockets); the SMTP server counts
    // the transactions they carried still open: the only e-mails it may have accepted without the
    // worker ever reading the 250, hence recording them in its ledger.
    await waitFor(async () => (sink.connections === 0 ? true : undefined), {
      timeoutMs: 10_000,
      what: "the killed worker's SMTP connections closed",
      intervalMs: 10,
    });
    const openAtKill = sink.cutTransactions - cutBefore;
    const atKill = new Set(sink.messages.map((m) => m.messageId)).size;
    const { pending, started: inFlight } = await pendingDeliveries(ids);
    console.log(
      `[faults] SIGKILL after ${Date.now() - started} ms (ledger ${LEDGER.split(':')[0]}): ${atKill} of ${total} e-mails received, ${pending} delivery activities pending, ${inFlight} e-mails in those started (in flight), ${openAtKill} SMTP transactions open`,
    );
    // The kill fell mid-delivery: some e-mails out, not all, some being sent.
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(total);
    expect(inFlight).toBeGreaterThan(0);
    // One transaction at a time per pooled connection.
    expect(openAtKill).toBeLessThanOrEqual(POOL_SIZE);

    worker = await startWorker();
    const previous = { total: -1 };
    const final = await waitFor(async () => await quietStates(ids, previous), {
      timeoutMs: 240_000,
      what: 'every delivery after the restart',
      intervalMs: 2_000,
    });
    // Owed by now (a reminder may have fallen due during the test): received, each copy, exactly.
    const owed = backlogEmails(placed, await serverNowMs(client));
    expect(owed.size).toBeGreaterThanOrEqual(owedAtStart.size);
    for (const [i, id] of ids.entries()) {
      expect(sorted(receivedEmails(agreementCopy(i + 1), sink.messages)), id).toEqual(sorted(owed));
    }
    const recorded = final.flatMap((s) => s.sent.map((x) => x.messageId!));
    const received = sink.messages.map((m) => m.messageId!);
    const unique = new Set(received);
    const duplicates = received.length - unique.size;
    console.log(
      `[faults] after restart: ${recorded.length} reminders recorded (${final[0]!.sent.length} × ${LIFECYCLES}), ${received.length} e-mails received, ${duplicates} duplicates (≤ ${openAtKill} SMTP transactions open at the kill; ${inFlight} e-mails in flight), ${Math.round((Date.now() - started) / 1000)} s`,
    );
    // And the lifecycles' own record agrees: nothing failed, every recorded delivery reached the server, once.
    expect(final.every((s) => s.failures.length === 0)).toBe(true);
    expect(recorded.every((id) => unique.has(id))).toBe(true);
    expect(new Set(recorded).size).toBe(recorded.length);
    expect(unique.size).toBe(recorded.length);
    expect(unique.size).toBe(owed.size * LIFECYCLES);
    // The bound of the delivery ledger: what the retries found in it was not sent again.
    expect(duplicates).toBeLessThanOrEqual(openAtKill);
    // The worker processes did write the ledger they were given: every e-mail received is in it.
    const ledger = openDeliveryLedger(loadLedgerConfig({ PACTE_DELIVERY_LEDGER: LEDGER }))!;
    expect((await ledger.accepted([...unique])).size).toBe(unique.size);
    await ledger.close();
  }, 300_000);

  it('(d) dev server stopped and restarted on its SQLite file: lifecycles continue', async () => {
    const before = await states(ids);
    expect(before[0]!.sent.length).toBeGreaterThan(0);
    await stopServer('SIGTERM');
    await startServer();
    const after = await waitFor(async () => await states(ids).catch(() => undefined), {
      timeoutMs: 60_000,
      what: 'states after the restart',
    });
    expect(after.map((s) => s.sent.length)).toEqual(before.map((s) => s.sent.length));
    for (const id of ids)
      expect((await client.workflow.getHandle(`agreement-${id}`).describe()).status.name).toBe('RUNNING');
    // The same worker process (it reconnects) still runs lifecycles: a new one delivers its backlog.
    const sinkBefore = sink.messages.length;
    const extra = agreementCopy(LIFECYCLES + 1);
    await client.workflow.start(agreementLifecycle, {
      workflowId: `agreement-${extra.id}`,
      taskQueue: TASK_QUEUE,
      args: [backlogInput(extra)],
    });
    const previous = { total: -1 };
    const [state] = await waitFor(async () => await quietStates([extra.id], previous), {
      timeoutMs: 90_000,
      what: 'the new lifecycle delivered',
      intervalMs: 1_000,
    });
    const owed = backlogEmails(placed, await serverNowMs(client));
    expect(sorted(receivedEmails(extra, sink.messages))).toEqual(sorted(owed));
    expect(state!.sent.length).toBe(owed.size);
    expect(sink.messages.length - sinkBefore).toBe(owed.size);
    console.log(
      `[faults] dev server restarted on its SQLite file: ${ids.length} lifecycles RUNNING with their state, a new lifecycle delivered ${state!.sent.length} e-mails`,
    );
  }, 180_000);
});
