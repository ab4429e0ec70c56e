/**
 * B3 — many active agreements on one worker and one dev server (SQLite on disk): how long it
 * takes to start them all and for each to run its first workflow task (plan, publish its search
 * attributes, sleep until its first reminder), how much memory the worker process peaks at with
 * a bounded workflow cache, and how much the server's database grows per agreement.
 *
 * There is no baseline: these are capacity figures. A lifecycle counts as settled when its first
 * workflow task has upserted `NextDeadline` (visibility query `NextDeadline IS NOT NULL`).
 * The benchmark process is the worker process (worker, client and workflow sandboxes), so its
 * resident memory is the worker's.
 *
 * @module
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createActivities, createMailTransport } from '../activities';
import { workflowBundle } from '../tests/support/lifecycle-env';
import { createPacteWorker } from '../worker/create-worker';
import { describeTuning, loadWorkerTuning } from '../worker/tuning';
import { startLightSink } from './light-sink';
import { mib, ms, num, since, table, type Benchmark } from './report';
import { activeAgreements, inPool, startDevServer, startLifecycle } from './support';

const IN_FLIGHT = 16;

function dbBytes(file: string): number {
  let total = 0;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      total += statSync(f).size;
    } catch {
      // not there (yet)
    }
  }
  return total;
}

export const b3Active: Benchmark = async (ctx) => {
  // PACTE_BENCH_B3_COUNT / _CACHE / _BUDGET_S override the sizes, for investigating (see Findings).
  const target = Number(process.env.PACTE_BENCH_B3_COUNT ?? (ctx.quick ? 60 : 10_000));
  // Past this many seconds of starting, stop and report the size reached (honestly labelled).
  const budgetS = Number(process.env.PACTE_BENCH_B3_BUDGET_S ?? (ctx.quick ? 15 : 150));
  // The production worker's settings (worker/tuning.ts, which reads PACTE_MAX_* like
  // `npm run worker` does, for experiments), with a smaller cache in quick mode.
  const tuning = loadWorkerTuning(process.env);
  const cache = Number(process.env.PACTE_BENCH_B3_CACHE ?? (ctx.quick ? 100 : tuning.maxCachedWorkflows));
  const dir = mkdtempSync(join(tmpdir(), 'pacte-b3-'));
  const db = join(dir, 'temporal.db');
  ctx.log(`starting the dev server (SQLite ${db}) and bundling the workflows`);
  const [env, sink, bundle] = await Promise.all([
    startDevServer({ dbFilename: db }),
    startLightSink(),
    workflowBundle(),
  ]);
  const samples: { t: number; rss: number; heap: number }[] = [];
  const sample = () => {
    const m = process.memoryUsage();
    samples.push({ t: performance.now(), rss: m.rss, heap: m.heapUsed });
  };
  const sampler = setInterval(sample, 250);
  try {
    const taskQueue = 'bench-b3';
    const activities = createActivities({
      transport: createMailTransport({ smtpUrl: sink.url, timeoutMs: 10_000 }),
      from: 'Pacte <pacte@example.org>',
    });
    const worker = await createPacteWorker({
      connection: env.nativeConnection,
      taskQueue,
      activities,
      workflowBundle: bundle,
      tuning: { ...tuning, maxCachedWorkflows: cache },
    });
    sample();
    const rssBefore = process.memoryUsage().rss;
    const dbBefore = dbBytes(db);
    const agreements = activeAgreements(target, 'b3');
    const t0 = performance.now();
    let started = 0;
    let stoppedEarly = false;
    const checkpoints: { started: number; s: number; rss: number; db: number; cached: number }[] = [];
    const outcome = await worker.runUntil(async () => {
      const startMs = await inPool(
        agreements,
        IN_FLIGHT,
        async (a) => {
          if (since(t0) > budgetS) {
            stoppedEarly = true;
            return;
          }
          await startLifecycle(env.client, a, taskQueue);
          started++;
        },
        () => {
          if (checkpoints.at(-1)?.started === started) return; // past the budget: nothing new
          checkpoints.push({
            started,
            s: since(t0),
            rss: process.memoryUsage().rss,
            db: dbBytes(db) - dbBefore,
            cached: worker.getStatus().numCachedWorkflows,
          });
          ctx.log(
            `${num(started)}/${num(target)} started (${num(started / since(t0))}/s), rss ${mib(process.memoryUsage().rss)}, cached ${worker.getStatus().numCachedWorkflows}`,
          );
        },
        ctx.quick ? 50 : 500,
      );
      ctx.log(`${num(started)} started in ${ms(startMs)}; waiting until every one has run its first task`);
      let settled: number;
      const deadline = performance.now() + (ctx.quick ? 60_000 : 150_000);
      for (;;) {
        settled = Number((await env.client.workflow.count('NextDeadline IS NOT NULL')).count);
        if (settled >= started || performance.now() > deadline) break;
        ctx.log(`${num(settled)}/${num(started)} settled, rss ${mib(process.memoryUsage().rss)}`);
        await new Promise((r) => setTimeout(r, 2_000));
      }
      const settledMs = performance.now() - t0;
      const running = Number((await env.client.workflow.count('ExecutionStatus = "Running"')).count);
      return { startMs, settledMs, settled, running, cached: worker.getStatus().numCachedWorkflows };
    });
    sample();
    // Let SQLite write out its WAL before measuring the file.
    await new Promise((r) => setTimeout(r, 1_000));
    const dbAfter = dbBytes(db);
    const peakRss = Math.max(...samples.map((s) => s.rss));
    const peakHeap = Math.max(...samples.map((s) => s.heap));
    const n = started;
    return {
      id: 'B3',
      title: 'active agreements on one worker and one dev server',
      size: `${num(n)} agreements${stoppedEarly ? ` (of ${num(target)} intended: the ${budgetS} s budget ran out on this machine)` : ''}`,
      headers: ['figure', 'value'],
      rows: [
        ['lifecycles started', num(n)],
        stoppedEarly
          ? [
              `lifecycles started before the ${budgetS} s start budget ran out (start requests, worker running)`,
              `${num(n)} in ${ms(outcome.startMs)} (${num(n / (outcome.startMs / 1000))} starts/s)`,
            ]
          : [
              'time to start all (start requests, worker running)',
              `${ms(outcome.startMs)} (${num(n / (outcome.startMs / 1000))} starts/s)`,
            ],
        outcome.settled >= n
          ? [
              'time until every one has run its first task (measured)',
              `${ms(outcome.settledMs)} (${num(outcome.settled)} settled, ${num(outcome.running)} running)`,
            ]
          : [
              `lifecycles that had run their first task when the wait's deadline passed (${ms(outcome.settledMs)} after the first start)`,
              `${num(outcome.settled)} of ${num(n)} (${num(outcome.running)} running); not every one had: no time to measure`,
            ],
        ['worker settings (worker/tuning.ts)', describeTuning({ ...tuning, maxCachedWorkflows: cache })],
        ['worker cache (maxCachedWorkflows) / cached at the end', `${num(cache)} / ${num(outcome.cached)}`],
        ['worker process RSS before the first start / peak', `${mib(rssBefore)} / ${mib(peakRss)}`],
        ["main-thread JS heap peak (the workflow thread's heap is only in RSS)", mib(peakHeap)],
        [
          'server database (SQLite + WAL) growth',
          `${mib(dbAfter - dbBefore)} (${num((dbAfter - dbBefore) / Math.max(1, n) / 1024, 1)} KiB per agreement)`,
        ],
      ],
      notes: [
        `Agreements are three-year COTs starting between tomorrow and a year from now, so each lifecycle plans its calendar, publishes its search attributes and sleeps on one timer. ` +
          `The RSS figures are capacity readings with no baseline; this benchmark does not show whether memory stays bounded as agreements are added ` +
          `(the checkpoint table below gives the RSS as the starts went on, with the cache of ${num(cache)} workflows filling). ` +
          `Evicted workflows cost nothing on the worker until their timer fires; they are replayed from history then (B4 gives the size of a run's history).`,
        `Scaling during the run (at each checkpoint of the start phase; settling lags behind starting):\n\n` +
          table(
            ['started', 'elapsed', 'RSS', 'cached workflows', 'database growth', 'per agreement'],
            checkpoints.map((c) => [
              num(c.started),
              `${c.s.toFixed(0)} s`,
              mib(c.rss),
              num(c.cached),
              mib(c.db),
              `${num(c.db / Math.max(1, c.started) / 1024, 1)} KiB`,
            ]),
          ),
        `The database figure is the SQLite file plus its write-ahead log: histories (the agreement is in the start event), mutable state, timers and visibility rows.`,
      ],
    };
  } finally {
    clearInterval(sampler);
    await env.teardown();
    await sink.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};
