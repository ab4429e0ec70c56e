/**
 * One side of B3b, run in its own process so that neither side inherits the other's heap:
 * `tsx bench/b3b-child.ts <none|preloaded|preloaded-planner> <count>` prints one JSON line with the time to
 * settle `count` lifecycles (start → first workflow task done) and the process's memory growth.
 *
 * @module
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createActivities, createMailTransport } from '../activities';
import { installQuietRuntime } from '../tests/support/runtime';
import { createPacteWorker, PRELOADED_MODULES, WORKFLOWS_PATH } from '../worker/create-worker';
import { startLightSink } from './light-sink';
import { activeAgreements, inPool, startDevServer, startLifecycle } from './support';

/** Pacte's planner too: its memo caches are pure functions of their keys, so sharing them is safe. */
const PLANNER = fileURLToPath(new URL('../domain/calendar.ts', import.meta.url));

const [variant = 'preloaded', countArg = '200'] = process.argv.slice(2);
const count = Number(countArg);
installQuietRuntime();
const quiet = { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} } as never;
const [env, sink, bundle] = await Promise.all([
  startDevServer(),
  startLightSink(),
  bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quiet, ...(variant === 'preloaded' ? { preloadModules: PRELOADED_MODULES } : variant === 'preloaded-planner' ? { preloadModules: [...PRELOADED_MODULES, PLANNER] } : {}) }),
]);
const activities = createActivities({ transport: createMailTransport({ smtpUrl: sink.url, timeoutMs: 10_000 }), from: 'Pacte <pacte@example.org>' });
const worker = await createPacteWorker({ connection: env.nativeConnection, taskQueue: 'bench-b3b', activities, workflowBundle: bundle, overrides: { maxCachedWorkflows: count + 10 } });
global.gc?.();
const rssBefore = process.memoryUsage().rss;
let peak = rssBefore;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
const t0 = performance.now();
const out = await worker.runUntil(async () => {
  await inPool(activeAgreements(count, `b3b-${variant}`), 16, (a) => startLifecycle(env.client, a, 'bench-b3b'));
  const startedMs = performance.now() - t0;
  for (;;) {
    const settled = Number((await env.client.workflow.count('NextDeadline IS NOT NULL')).count);
    if (settled >= count || performance.now() - t0 > 240_000) return { startedMs, settled, settledMs: performance.now() - t0, cached: worker.getStatus().numCachedWorkflows };
    await new Promise((r) => setTimeout(r, 500));
  }
});
clearInterval(sampler);
console.log(JSON.stringify({ variant, count, ...out, rssBefore, rssPeak: peak }));
await env.teardown();
await sink.stop();
process.exit(0);
