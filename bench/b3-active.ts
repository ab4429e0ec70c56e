/**
 * B3 — many active agreements on one worker and one dev server (SQLite on disk): how long it
 * takes to start them all and for each to run its first workflow task (plan, publish its search
 * attributes, sleep until its first reminder), how much memory the worker process peaks at with
 * a bounded workflow cache, and how much the server's database grows per agreement.
 *
 * There is no baseline: these are capacity figures. A lifecycle counts as settled once its first
 * workflow task has run. The start already sets every search attribute (the first deadline
 * included), so visibility cannot tell; while waiting, the worker's own count of workflow tasks
 * run (the SDK's metrics, tests/support/sdk-metrics.ts) says how many have, and at the end each
 * lifecycle is described, one by one: a first task completed, none pending.
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
import type { Aim } from './aims';
import { mib, ms, num, since, table, type Benchmark } from './report';
import { activeAgreements, firstTaskDone, inPool, startDevServer, startLifecycle } from './support';
import { lifecycleWorkflowId } from '../contracts/workflow-ids';
import { workflowTasksExecuted } from '../tests/support/sdk-metrics';

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
  const budgetS = Number(process.env.PACTE_BENCH_B3_BUDGET_S ?? (ctx.quick ? 15 : 900));
  // How long to wait, after the last start, for every lifecycle to run its first task.
  const settleBudgetS = Number(process.env.PACTE_BENCH_B3_SETTLE_S ?? (ctx.quick ? 60 : 900));
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
  const samples: { t: number; rss: number; heap: number; cached: number }[] = [];
  let cachedNow = () => 0;
  const sample = () => {
    const m = process.memoryUsage();
    samples.push({ t: performance.now(), rss: m.rss, heap: m.heapUsed, cached: cachedNow() });
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
    cachedNow = () => worker.getStatus().numCachedWorkflows;
    sample();
    const rssBefore = process.memoryUsage().rss;
    const dbBefore = dbBytes(db);
    const agreements = activeAgreements(target, 'b3');
    const t0 = performance.now();
    let started = 0;
    let stoppedEarly = false;
    const checkpoints: { started: number; s: number; rss: number; db: number; cached: number }[] = [];
    const settling: { settled: number; s: number; rss: number; cached: number }[] = [];
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
      const deadline = performance.now() + settleBudgetS * 1000;
      for (let poll = 0; ; poll++) {
        settled = Math.min(started, await workflowTasksExecuted(ctx.metricsAddress, taskQueue));
        if (poll % 10 === 0 || settled >= started)
          settling.push({
            settled,
            s: since(t0),
            rss: process.memoryUsage().rss,
            cached: worker.getStatus().numCachedWorkflows,
          });
        if (settled >= started || performance.now() > deadline) break;
        ctx.log(`${num(settled)}/${num(started)} settled, rss ${mib(process.memoryUsage().rss)}`);
        await new Promise((r) => setTimeout(r, 2_000));
      }
      const settledMs = performance.now() - t0;
      const running = Number((await env.client.workflow.count('ExecutionStatus = "Running"')).count);
      // Not timed: every lifecycle described, to check what the worker's count said.
      ctx.log(`checking each of the ${num(started)} lifecycles (first task completed, none pending)`);
      let checked = 0;
      await inPool(agreements.slice(0, started), IN_FLIGHT, async (a) => {
        if (await firstTaskDone(env.client, lifecycleWorkflowId(a.id))) checked++;
      });
      return { startMs, settledMs, settled, checked, running, cached: worker.getStatus().numCachedWorkflows };
    });
    sample();
    // Let SQLite write out its WAL before measuring the file.
    await new Promise((r) => setTimeout(r, 1_000));
    const dbAfter = dbBytes(db);
    const peakRss = Math.max(...samples.map((s) => s.rss));
    const peakHeap = Math.max(...samples.map((s) => s.heap));
    const n = started;
    // Flat after the cache fills: the peak RSS from the moment the cache is full, against the RSS then.
    const full = samples.findIndex((s) => s.cached >= cache);
    const rssAtFull = full >= 0 ? samples[full]!.rss : NaN;
    const peakAfterFull = full >= 0 ? Math.max(...samples.slice(full).map((s) => s.rss)) : NaN;
    const growthAfterFull = peakAfterFull / rssAtFull;
    const aims: Aim[] = ctx.quick
      ? []
      : [
          {
            what: 'B3 lifecycles started and settled / 10,000',
            measured: Math.min(n, outcome.settled, outcome.checked) / 10_000,
            aim: 1,
            direction: 'at-least',
          },
          {
            what: 'B3 peak RSS after the cache filled / RSS when it filled',
            measured: growthAfterFull,
            aim: 1.2,
            direction: 'at-most',
          },
        ];
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
              `${ms(outcome.settledMs)} (${num(outcome.running)} running)`,
            ]
          : [
              `lifecycles that had run their first task when the wait's deadline passed (${ms(outcome.settledMs)} after the first start)`,
              `${num(outcome.settled)} of ${num(n)} (${num(outcome.running)} running); not every one had: no time to measure`,
            ],
        [
          'lifecycles found settled one by one afterwards (first task completed, none pending)',
          `${num(outcome.checked)} of ${num(n)}`,
        ],
        ['worker settings (worker/tuning.ts)', describeTuning({ ...tuning, maxCachedWorkflows: cache })],
        ['worker cache (maxCachedWorkflows) / cached at the end', `${num(cache)} / ${num(outcome.cached)}`],
        ['worker process RSS before the first start / peak', `${mib(rssBefore)} / ${mib(peakRss)}`],
        [
          'worker process RSS when the cache filled / peak after (ratio)',
          full >= 0
            ? `${mib(rssAtFull)} at ${((samples[full]!.t - t0) / 1000).toFixed(0)} s / ${mib(peakAfterFull)} (${growthAfterFull.toFixed(2)}×)`
            : 'the cache never filled',
        ],
        ["main-thread JS heap peak (the workflow thread's heap is only in RSS)", mib(peakHeap)],
        [
          'server database (SQLite + WAL) growth',
          `${mib(dbAfter - dbBefore)} (${num((dbAfter - dbBefore) / Math.max(1, n) / 1024, 1)} KiB per agreement)`,
        ],
      ],
      notes: [
        `Agreements are three-year COTs starting between tomorrow and a year from now, so each lifecycle plans its calendar, publishes its search attributes and sleeps on one timer. ` +
          `The RSS figures are capacity readings with no baseline; whether memory stays bounded is read from the tables below and from the ratio of the peak RSS after the cache of ${num(cache)} workflows filled to the RSS when it filled (aim ≤ 1.2×: lifecycles beyond the cache cost the worker nothing until they wake). ` +
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
        `Settling (lifecycles that have run their first task, from the first start; the worker replays and evicts as the cache of ${num(cache)} turns over):\n\n` +
          table(
            ['settled', 'elapsed', 'RSS', 'cached workflows'],
            settling.map((c) => [num(c.settled), `${c.s.toFixed(0)} s`, mib(c.rss), num(c.cached)]),
          ),
        `The database figure is the SQLite file plus its write-ahead log: histories (the agreement is in the start event), mutable state, timers and visibility rows.`,
      ],
      aims,
    };
  } finally {
    clearInterval(sampler);
    await env.teardown();
    await sink.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};
