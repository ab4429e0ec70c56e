/**
 * B3c — B3 on the production engine: 10,000 active lifecycles on the Temporal cluster on
 * PostgreSQL (`scripts/cluster.sh`, started here if it is not running), served by two Pacte
 * worker processes sharing one task queue (tests/cluster/live/worker-process.ts, as
 * `npm run worker` composes them, each with its delivery ledger in the cluster's PostgreSQL).
 *
 * Two phases. First, 9,000 three-year COTs asleep until their first reminder (B3's agreements):
 * how long they take to start and to run their first task, each worker's memory, the database
 * growth per agreement. Then 1,000 more whose reminder falls due in the same minute (two
 * referents each, the cluster tests' agreements): how late their timers fire (TimerFired in each
 * history against the due minute) and when their 2,000 e-mails reach the SMTP sink.
 *
 * Settled means a lifecycle's first workflow task has run: counted while waiting by the workers'
 * SDK metrics (workflow tasks executed), then checked one by one (first task completed, none
 * pending). Full runs only: it needs the cluster (`npm run bench -- --only B3c`).
 *
 * @module
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { lifecycleWorkflowId } from '../contracts/workflow-ids';
import {
  clusterLedgerUrl,
  clusterScript,
  connectClient,
  dueBatch,
  startWorkerProcess,
  type WorkerProcess,
} from '../tests/cluster/live/cluster-env';
import { startSmtpSink } from '../tests/support/smtp-sink';
import type { Aim } from './aims';
import { mib, ms, num, percentile, since, type Benchmark } from './report';
import { activeAgreements, eventMs, firstTaskDone, inPool, startLifecycle, terminateAll } from './support';

const IN_FLIGHT = 16;
const WORKERS = 2;

/** Bytes of the cluster's two Temporal databases (histories and state, visibility). */
async function databaseBytes(): Promise<{ temporal: number; visibility: number }> {
  const db = new pg.Client({ connectionString: clusterLedgerUrl() });
  await db.connect();
  try {
    const { rows } = await db.query<{ temporal: string; visibility: string }>(
      "SELECT pg_database_size('temporal') AS temporal, pg_database_size('temporal_visibility') AS visibility",
    );
    return { temporal: Number(rows[0]!.temporal), visibility: Number(rows[0]!.visibility) };
  } finally {
    await db.end();
  }
}

function spread(sorted: number[]): string {
  if (sorted.length === 0) return 'none';
  return `${ms(percentile(sorted, 50))} / ${ms(percentile(sorted, 99))} / ${ms(sorted.at(-1)!)}`;
}

/** Waits until the workers have run `count` workflow tasks on the queue, or the budget runs out. */
async function settle(
  workers: WorkerProcess[],
  count: number,
  budgetS: number,
  onPoll: (done: number) => void,
): Promise<number> {
  const deadline = performance.now() + budgetS * 1000;
  for (;;) {
    const done = workers.reduce((sum, w) => sum + w.usage.tasks, 0);
    onPoll(done);
    if (done >= count || performance.now() > deadline) return Math.min(done, count);
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

export const b3cCluster: Benchmark = async (ctx) => {
  const total = Number(process.env.PACTE_BENCH_B3C_COUNT ?? (ctx.quick ? 300 : 10_000));
  const burstSize = Math.max(1, Math.round(total / 10));
  const sleeping = total - burstSize;
  const budgetS = Number(process.env.PACTE_BENCH_B3_BUDGET_S ?? (ctx.quick ? 120 : 900));
  ctx.log('the cluster on PostgreSQL (scripts/cluster.sh --no-pacte --no-ui: starts what is not running)');
  await clusterScript('--no-pacte', '--no-ui');
  const { client, connection } = await connectClient();
  const sink = await startSmtpSink();
  const run = Date.now().toString(36);
  const taskQueue = `bench-b3c-${run}`;
  const workers: WorkerProcess[] = [];
  const rssPeak = new Map<string, number>();
  const sampler = setInterval(() => {
    for (const w of workers) rssPeak.set(w.name, Math.max(rssPeak.get(w.name) ?? 0, w.usage.rssMb));
  }, 1_000);
  const started: string[] = [];
  try {
    for (let i = 1; i <= WORKERS; i++) workers.push(await startWorkerProcess(`b3c-worker-${i}`, sink, taskQueue));
    const dbBefore = await databaseBytes();
    const workersLine = () =>
      workers.map((w) => `${w.name} ${num(w.usage.rssMb)} MiB, ${num(w.usage.cached)} cached`).join(' · ');

    // Phase 1: the sleeping majority.
    ctx.log(`phase 1: ${num(sleeping)} lifecycles asleep until their first reminder, ${WORKERS} workers`);
    const t0 = performance.now();
    const startMs = await inPool(
      activeAgreements(sleeping, `b3c-${run}`),
      IN_FLIGHT,
      async (a) => {
        if (since(t0) > budgetS) return;
        await startLifecycle(client, a, taskQueue);
        started.push(a.id);
      },
      () =>
        ctx.log(
          `${num(started.length)}/${num(sleeping)} started (${num(started.length / since(t0))}/s) · ${workersLine()}`,
        ),
      ctx.quick ? 100 : 1_000,
    );
    const sleepers = started.length;
    const startRate = sleepers / (startMs / 1000);
    const settledSleepers = await settle(workers, sleepers, budgetS, (done) =>
      ctx.log(`${num(done)}/${num(sleepers)} first tasks run · ${workersLine()}`),
    );
    const settleMs = performance.now() - t0;
    const dbAfterSleepers = await databaseBytes();

    // Phase 2: 1,000 more due in the same minute, once they can all be started before it.
    const leadS = Math.ceil(60 + (1.5 * burstSize) / Math.max(1, startRate));
    const batch = dueBatch(run, burstSize, leadS);
    const dueMs = batch.dueAt.getTime();
    ctx.log(
      `phase 2: ${num(burstSize)} lifecycles with ${num(batch.expectedMessages)} e-mails due at ${batch.dueAt.toISOString()}`,
    );
    await inPool(batch.agreements, IN_FLIGHT, async (a) => {
      await startLifecycle(client, a, taskQueue);
      started.push(a.id);
    });
    const waitMs = dueMs - Date.now() + 300_000;
    const progress = setInterval(
      () => ctx.log(`${num(sink.messages.length)}/${num(batch.expectedMessages)} e-mails received · ${workersLine()}`),
      10_000,
    );
    try {
      await sink.waitFor(batch.expectedMessages, waitMs).catch(() => undefined);
    } finally {
      clearInterval(progress);
    }
    const received = sink.messages.filter((m) => batch.plannedMessageIds.has(m.messageId ?? ''));
    const unique = new Set(received.map((m) => m.messageId));
    const arrivals = received.map((m) => m.receivedAtMs - dueMs).sort((a, b) => a - b);
    ctx.log(`reading the ${num(burstSize)} histories (timers fired against the due minute)`);
    const timerLateness: number[] = [];
    await inPool(batch.agreements, IN_FLIGHT, async (a) => {
      const events = (await client.workflow.getHandle(lifecycleWorkflowId(a.id)).fetchHistory()).events ?? [];
      const fired = events.find((e) => e.timerFiredEventAttributes && eventMs(e) >= dueMs - 1_000);
      if (fired) timerLateness.push(eventMs(fired) - dueMs);
    });
    timerLateness.sort((a, b) => a - b);

    ctx.log(`checking each of the ${num(started.length)} lifecycles (first task completed, none pending)`);
    let checked = 0;
    await inPool(started, IN_FLIGHT, async (id) => {
      if (await firstTaskDone(client, lifecycleWorkflowId(id))) checked++;
    });
    const dbAfter = await databaseBytes();
    const n = started.length;
    const grew = (d: { temporal: number; visibility: number }) =>
      d.temporal + d.visibility - dbBefore.temporal - dbBefore.visibility;
    const aims: Aim[] = ctx.quick
      ? []
      : [
          {
            what: 'B3c lifecycles started and settled on the cluster / 10,000',
            measured: Math.min(settledSleepers + burstSize, checked) / 10_000,
            aim: 1,
            direction: 'at-least',
          },
        ];
    return {
      id: 'B3c',
      title: 'active agreements on the PostgreSQL cluster with two workers',
      size: `${num(n)} agreements (${num(sleepers)} asleep, ${num(burstSize)} due in one minute)`,
      headers: ['figure', 'value'],
      rows: [
        [
          `phase 1: ${num(sleepers)} lifecycles started (start requests, workers running)`,
          `${ms(startMs)} (${num(startRate)} starts/s)${sleepers < sleeping ? `, ${budgetS} s budget ran out` : ''}`,
        ],
        [
          'phase 1: time until every one had run its first task (workers’ count)',
          settledSleepers >= sleepers
            ? ms(settleMs)
            : `${num(settledSleepers)} of ${num(sleepers)} within ${budgetS} s`,
        ],
        [
          'all lifecycles found settled one by one at the end (first task completed, none pending)',
          `${num(checked)} of ${num(n)}`,
        ],
        ...workers.map((w): [string, string] => [
          `${w.name}: resident memory peak / at the end, lifecycles cached at the end`,
          `${num(rssPeak.get(w.name) ?? 0)} MiB / ${num(w.usage.rssMb)} MiB, ${num(w.usage.cached)}`,
        ]),
        [
          'database growth after phase 1 (temporal + temporal_visibility), per agreement',
          `${mib(grew(dbAfterSleepers))}, ${num(grew(dbAfterSleepers) / Math.max(1, sleepers) / 1024, 1)} KiB`,
        ],
        [
          'database growth at the end (the burst delivered), per agreement',
          `${mib(grew(dbAfter))}, ${num(grew(dbAfter) / Math.max(1, n) / 1024, 1)} KiB (histories and state ${mib(dbAfter.temporal - dbBefore.temporal)}, visibility ${mib(dbAfter.visibility - dbBefore.visibility)})`,
        ],
        [
          `phase 2: timers fired after the due minute, p50 / p99 / max (${num(timerLateness.length)} of ${num(burstSize)} lifecycles)`,
          spread(timerLateness),
        ],
        [
          `phase 2: e-mails received after the due minute, p50 / p99 / last`,
          `${spread(arrivals)} (${num(unique.size)} of ${num(batch.expectedMessages)} expected, ${num(received.length - unique.size)} duplicates)`,
        ],
      ],
      notes: [
        `Two \`npm run worker\`-like processes (production settings, worker/tuning.ts) on one task queue, against the four Temporal services and PostgreSQL 15 on the same 2 cores as the benchmark's client and SMTP sink. ` +
          `Phase 1's agreements are B3's (three-year COTs starting between tomorrow and a year from now); phase 2's have one reminder, to their two referents, at the same minute, started ${leadS} s before it. ` +
          `The database figures are PostgreSQL's own sizes of the two databases (pg_database_size), before and after: they include what PostgreSQL has not reclaimed yet.`,
        `Timer lateness is read from each history: the TimerFired event's time against the minute the reminder was due. The e-mail figure adds the workflow task, the delivery batch and SMTP.`,
      ],
      aims,
    };
  } finally {
    clearInterval(sampler);
    ctx.log(`terminating the ${num(started.length)} lifecycles and stopping the workers`);
    await terminateAll(client, started.map(lifecycleWorkflowId));
    await Promise.all(workers.map((w) => w.stop()));
    await sink.stop();
    await connection.close();
  }
};
