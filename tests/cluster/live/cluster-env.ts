/**
 * What the cluster tests share: the server they run against (chosen by configuration only:
 * `TEMPORAL_ADDRESS`, `TEMPORAL_NAMESPACE`, `TEMPORAL_TLS`/`TEMPORAL_API_KEY` through the SDK's
 * environment configuration), an SMTP sink in the test process, Pacte workers as child processes
 * (so one can be `kill -9`ed like a real worker host), agreements whose reminders fall due a
 * minute or two from now in real time, and control of the services `scripts/cluster.sh` started.
 *
 * The workers share the cluster's delivery ledger, in its PostgreSQL ({@link clusterLedgerUrl}), as
 * `scripts/cluster.sh` gives it to the Pacte worker it starts.
 *
 * The cluster runs in real time (no time-skipping): a lifecycle is made to have one reminder at
 * a chosen minute of today by a one-off event later today with `remindBefore: [PT1M]` and
 * `reminders.time` at that minute.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { DateTime } from 'luxon';
import type { Agreement } from '../../../domain/agreement';
import { planCalendar } from '../../../domain/calendar';
import { parseAgreement } from '../../../domain/parse-agreement';
import { agreementLifecycle } from '../../../workflows/agreement-lifecycle';
import { reminderMessageId } from '../../../workflows/message-id';
import { lifecycleStartOptions } from '../../../client/lifecycle-start-options';
import { workflowBundle } from '../../support/lifecycle-env';
import { installQuietRuntime } from '../../support/runtime';
import { freeLoopbackAddress } from '../../support/sdk-metrics';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLUSTER_DIR = join(process.env.PACTE_CACHE_DIR || join(homedir(), '.cache', 'pacte'), 'cluster');

/**
 * The delivery ledger the cluster's workers use: `PACTE_DELIVERY_LEDGER` if set, else the
 * cluster's PostgreSQL as `scripts/cluster.sh` names it from cluster/values.env (each value
 * overridable from the environment, as there).
 */
export function clusterLedgerUrl(): string {
  if (process.env.PACTE_DELIVERY_LEDGER) return process.env.PACTE_DELIVERY_LEDGER;
  const v: Record<string, string> = {};
  for (const line of readFileSync(join(ROOT, 'cluster/values.env'), 'utf8').split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) v[m[1]!] = process.env[m[1]!] || m[2]!;
  }
  return `postgres://${v.DB_USER}:${v.DB_PASSWORD}@${v.DB_HOST}:${v.DB_PORT}/${v.LEDGER_DB_NAME}`;
}

/** The server under test, from the same variables the worker and `pacte` read. */
export function clusterTarget(): { address: string; namespace: string } {
  const config = loadClientConnectConfig();
  return { address: config.connectionOptions.address ?? '127.0.0.1:7233', namespace: config.namespace ?? 'default' };
}

export async function connectClient(): Promise<{ client: Client; connection: Connection }> {
  const config = loadClientConnectConfig();
  const connection = await Connection.connect({ address: '127.0.0.1:7233', ...config.connectionOptions });
  return { connection, client: new Client({ connection, namespace: config.namespace ?? 'default' }) };
}

/**
 * Whether the services can be killed and restarted from here: the cluster was started by
 * `scripts/cluster.sh` on this machine (its pid files exist).
 */
export function clusterControllable(): boolean {
  return existsSync(join(CLUSTER_DIR, 'run', 'history.pid')) && process.env.PACTE_CLUSTER_CONTROL !== '0';
}

/**
 * The failure and restart suites kill and restart services: selected against a cluster they
 * cannot control (Temporal Cloud, a shared cluster, nothing started), they fail, saying so.
 */
export function requireClusterControl(suite: string, leaveOut: string): void {
  if (clusterControllable()) return;
  const why =
    process.env.PACTE_CLUSTER_CONTROL === '0'
      ? 'PACTE_CLUSTER_CONTROL=0'
      : `no ${join(CLUSTER_DIR, 'run', 'history.pid')}`;
  throw new Error(
    `${suite} needs a cluster started by scripts/cluster.sh on this machine (${why}): start one with ` +
      `\`npm run cluster -- --no-pacte --no-ui\`, or leave this suite out (${leaveOut})`,
  );
}

/** Whether a process is gone (or a zombie nobody has reaped yet: dead all the same). */
export function processGone(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/**
 * `kill -9` of one of the services `scripts/cluster.sh` started (its process group, as the script
 * does), returning once the process is dead. The service is not started again here.
 */
export async function killClusterService(service: string): Promise<number> {
  const pid = readClusterPid(service);
  if (pid === undefined || processGone(pid))
    throw new Error(
      `${service} is not running (pid file ${join(CLUSTER_DIR, 'run', `${service}.pid`)}): nothing to kill`,
    );
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    process.kill(pid, 'SIGKILL');
  }
  const deadline = Date.now() + 10_000;
  while (!processGone(pid)) {
    if (Date.now() > deadline) throw new Error(`${service} (pid ${pid}) still alive 10 s after SIGKILL`);
    await sleep(10);
  }
  return pid;
}

/** `scripts/cluster.sh …`, its output echoed with timings. */
export function clusterScript(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      [join(ROOT, 'scripts/cluster.sh'), ...args],
      { cwd: ROOT, maxBuffer: 8 * 1024 * 1024 },
      (error, stdout, stderr) => {
        process.stdout.write(stdout);
        if (error) reject(new Error(`cluster.sh ${args.join(' ')}: ${stderr || error.message}`));
        else resolve(stdout);
      },
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Workers as child processes

export interface WorkerProcess {
  name: string;
  child: ChildProcess;
  /** Deliveries (activity executions) running in that worker right now. */
  readonly inFlight: number;
  readonly started: number;
  readonly completed: number;
  /**
   * Last reported resident memory (MB), CPU time (s), workflows in the worker's cache, and
   * workflow tasks run so far (not replays; from the SDK's metrics).
   */
  readonly usage: { rssMb: number; cpuSeconds: number; cached: number; tasks: number };
  /** SDK warnings about calls retried while a service was unreachable. */
  readonly retryWarnings: number;
  kill9(): void;
  stop(): Promise<void>;
}

let bundlePath: string | undefined;

/** The workflow bundle, built once per test file and handed to every worker process. */
async function bundleFile(): Promise<string> {
  if (bundlePath) return bundlePath;
  const bundle = await workflowBundle();
  bundlePath = join(mkdtempSync(join(tmpdir(), 'pacte-cluster-')), 'workflows.js');
  writeFileSync(bundlePath, bundle.code);
  return bundlePath;
}

/** Starts `worker-process.ts` on the cluster's task queue, sending to the sink; resolves once it polls. */
export async function startWorkerProcess(name: string, sink: SmtpSink, taskQueue: string): Promise<WorkerProcess> {
  const codePath = await bundleFile();
  const metricsAddress = await freeLoopbackAddress();
  // Node itself with tsx's loader, not the tsx command: the tsx command runs the script in a
  // grandchild, which a `kill -9` of the child would leave running (a worker that did not die).
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/cluster/live/worker-process.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      SMTP_URL: sink.url,
      MAIL_FROM: 'Pacte <pacte@example.org>',
      PACTE_TASK_QUEUE: taskQueue,
      PACTE_BUNDLE: codePath,
      PACTE_WORKER_NAME: name,
      PACTE_DELIVERY_LEDGER: clusterLedgerUrl(),
      PACTE_TEST_METRICS_ADDRESS: metricsAddress,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let inFlight = 0;
  let started = 0;
  let completed = 0;
  let buffer = '';
  let retryWarnings = 0;
  const usage = { rssMb: 0, cpuSeconds: 0, cached: 0, tasks: 0 };
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker ${name} exited (${code}) before polling`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const m = /^inflight (\d+) started (\d+) completed (\d+)$/.exec(line);
        if (m) {
          inFlight = Number(m[1]);
          started = Number(m[2]);
          completed = Number(m[3]);
        } else if (line.startsWith('usage ')) {
          const u = /^usage rss (\d+) cpu (\d+) cached (\d+) tasks (\d+)$/.exec(line);
          if (u)
            Object.assign(usage, {
              rssMb: Math.round(Number(u[1]) / 2 ** 20),
              cpuSeconds: Number(u[2]) / 1000,
              cached: Number(u[3]),
              tasks: Number(u[4]),
            });
        } else if (line === 'ready') resolve();
        else if (/temporalio_client::retry/.test(line)) {
          // The SDK retrying its calls while a service is down: expected here, counted, not printed.
          if (++retryWarnings === 1)
            console.log(`[${name}] the SDK retries calls to the server (further retry warnings counted)`);
        } else if (line.trim()) console.log(`[${name}] ${line}`);
      }
    });
  });
  await ready;
  return {
    name,
    child,
    get inFlight() {
      return inFlight;
    },
    get started() {
      return started;
    },
    get completed() {
      return completed;
    },
    get usage() {
      return { ...usage };
    },
    get retryWarnings() {
      return retryWarnings;
    },
    kill9() {
      child.kill('SIGKILL');
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // The SDK's runtime traps SIGTERM: the worker stops polling and lets deliveries finish.
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A client, an SMTP sink and one Pacte worker process on `taskQueue`: what the single-worker tests share. */
export interface SingleWorkerEnv {
  client: Client;
  sink: SmtpSink;
  worker: WorkerProcess;
  stop(): Promise<void>;
}

export async function startSingleWorkerEnv(workerName: string, taskQueue: string): Promise<SingleWorkerEnv> {
  installQuietRuntime();
  const { client, connection } = await connectClient();
  const sink = await startSmtpSink();
  const worker = await startWorkerProcess(workerName, sink, taskQueue);
  return {
    client,
    sink,
    worker,
    async stop() {
      await worker.stop();
      await sink.stop();
      await connection.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Agreements due in a minute or two

export interface DueBatch {
  agreements: Agreement[];
  /** The instant every batch reminder is due (whole minute). */
  dueAt: Date;
  /** Messages the batch must produce: one per person per agreement (two referents each). */
  expectedMessages: number;
  /**
   * Their Message-IDs, from the planner: every reminder of the batch's plans due at `dueAt`,
   * grouped by day and person as the lifecycle groups them into e-mails.
   */
  plannedMessageIds: Set<string>;
  zone: string;
}

/**
 * The zone of the cluster tests' agreements. Their working days are the whole week and they
 * have no public holidays, so every day is a business day: a reminder can be due at any minute,
 * whatever the day of the week.
 */
export const CLUSTER_TEST_ZONE = 'Europe/Paris';

/**
 * `count` plan-action agreements, each with one reminder to its two referents at the first
 * whole minute at least `leadSeconds` from now (`workdays` all seven, `holidays: none`).
 */
export function dueBatch(tag: string, count: number, leadSeconds: number): DueBatch {
  const dueMs = Math.ceil((Date.now() + leadSeconds * 1000) / 60_000) * 60_000;
  const zone = CLUSTER_TEST_ZONE;
  const due = DateTime.fromMillis(dueMs, { zone });
  const today = due.toISODate()!;
  const agreements: Agreement[] = [];
  for (let i = 0; i < count; i++) {
    const raw = {
      id: `cl-${tag}-${String(i).padStart(4, '0')}`,
      kind: 'plan-action',
      title: `Essai de cluster ${tag} nº ${i}`,
      timezone: zone,
      holidays: 'none',
      workdays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'],
      parties: [
        { id: 'partie-a', name: 'Collectivité A' },
        { id: 'cnfpt-test', name: 'CNFPT – Délégation de test' },
      ],
      people: [
        { id: 'ref-a', name: 'Référente A', email: `ref-a-${i}@example.org`, party: 'partie-a', roles: ['referent'] },
        {
          id: 'ref-cnfpt',
          name: 'Référent CNFPT',
          email: `ref-cnfpt-${i}@example.org`,
          party: 'cnfpt-test',
          roles: ['referent'],
        },
      ],
      term: { signedOn: due.minus({ days: 20 }).toISODate(), endsOn: due.plus({ months: 5 }).toISODate() },
      events: [
        {
          id: 'point-etape',
          title: "Point d'étape",
          date: today,
          time: '23:59',
          attendees: ['referent'],
          remindBefore: ['PT1M'],
        },
      ],
      reminders: { time: due.toFormat('HH:mm') },
    };
    const parsed = parseAgreement(raw);
    if (!parsed.ok) throw new Error(`crafted agreement: ${parsed.problems.join('; ')}`);
    agreements.push(parsed.agreement);
  }
  // The plan must have exactly the reminder the test waits for.
  const first = planCalendar(agreements[0]!)
    .entries.flatMap((e) => e.reminders)
    .filter((r) => Date.parse(r.at) >= Date.now());
  if (first[0] === undefined || Date.parse(first[0].at) !== dueMs || first[0].to.length !== 2) {
    throw new Error(
      `crafted plan is not what the test expects: ${JSON.stringify(first[0])} vs ${new Date(dueMs).toISOString()}`,
    );
  }
  const plannedMessageIds = plannedMessageIdsAt(agreements, dueMs);
  if (plannedMessageIds.size !== count * 2)
    throw new Error(`crafted plans give ${plannedMessageIds.size} messages at the due minute, not ${count * 2}`);
  return { agreements, dueAt: new Date(dueMs), expectedMessages: count * 2, plannedMessageIds, zone };
}

/** The Message-IDs of the e-mails the agreements' plans send at `atMs`: one per (day, person), keyed by its reminders. */
export function plannedMessageIdsAt(agreements: Agreement[], atMs: number): Set<string> {
  const ids = new Set<string>();
  for (const agreement of agreements) {
    const groups = new Map<string, { day: string; person: string; keys: string[] }>();
    for (const entry of planCalendar(agreement).entries) {
      for (const r of entry.reminders) {
        if (Date.parse(r.at) !== atMs) continue;
        for (const person of r.to) {
          const group = groups.get(`${r.date}|${person}`) ?? { day: r.date, person, keys: [] };
          group.keys.push(r.id);
          groups.set(`${r.date}|${person}`, group);
        }
      }
    }
    for (const g of groups.values()) ids.add(reminderMessageId(agreement.id, g.day, g.person, g.keys));
  }
  return ids;
}

/** Starts every lifecycle as `pacte start` does (client/lifecycle-start-options.ts), a few at a time. */
export async function startLifecycles(client: Client, agreements: Agreement[], taskQueue: string): Promise<void> {
  const queue = [...agreements];
  const lanes = Array.from({ length: 8 }, async () => {
    for (let a = queue.shift(); a; a = queue.shift()) {
      await client.workflow.start(agreementLifecycle, lifecycleStartOptions(a, taskQueue));
    }
  });
  await Promise.all(lanes);
}

/** The next deadline a lifecycle must show after its reminder: its first calendar entry still ahead. */
export function expectedNextDeadline(agreement: Agreement, nowMs = Date.now()): number | undefined {
  return planCalendar(agreement)
    .entries.map((e) => Date.parse(e.at))
    .filter((t) => t >= nowMs)
    .sort((a, b) => a - b)[0];
}

/** Message-ID → copies received, by one sink or several (one per worker). */
export function countByMessageId(sinks: SmtpSink | SmtpSink[], agreementIds: Set<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of [sinks].flat().flatMap((sink) => sink.messages)) {
    if (!agreementIds.has(m.headers['x-pacte-agreement'] ?? '')) continue;
    const id = m.messageId ?? '(none)';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function readClusterPid(service: string): number | undefined {
  const file = join(CLUSTER_DIR, 'run', `${service}.pid`);
  return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined;
}
