/**
 * One side of B3b, run in its own process so that neither side inherits the other's heap:
 * `node --require bench/thread-heap-hook.cjs --import tsx bench/b3b-child.ts <variant> <count>`
 * prints one JSON line with the time to settle `count` lifecycles (start → first workflow task
 * done), the workflow thread's heap growth and the process's resident memory growth, all of them
 * kept in the worker's cache. Variants:
 * - `before`: nothing preloaded, zod schemas evaluated by every workflow (bench/eager-schemas.ts);
 * - `no-preload`: schemas loaded lazily (as in production), nothing preloaded;
 * - `production`: the worker's bundle (`buildWorkflowBundle`: lazy schemas + workflows/preload.ts).
 *
 * @module
 */
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createActivities, createMailTransport } from '../activities';
import { installQuietRuntime } from '../tests/support/runtime';
import { buildWorkflowBundle, createPacteWorker, WORKFLOWS_PATH } from '../worker/create-worker';
import { loadWorkerTuning } from '../worker/tuning';
import { startLightSink } from './light-sink';
import { activeAgreements, inPool, startDevServer, startLifecycle } from './support';
import { workflowThreadHeap } from './thread-heap';

export const B3B_VARIANTS = ['before', 'no-preload', 'production'] as const;

const [variant = 'production', countArg = '200'] = process.argv.slice(2);
const count = Number(countArg);
installQuietRuntime();
const quiet = () => undefined;
const logger = { trace: quiet, debug: quiet, info: quiet, warn: console.warn, error: console.error, log: quiet };

function bundle(): Promise<WorkflowBundleWithSourceMap> {
  if (variant === 'production') return buildWorkflowBundle();
  if (variant === 'no-preload') return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger });
  if (variant === 'before') {
    const eager = fileURLToPath(new URL('./eager-schemas.ts', import.meta.url));
    return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, workflowInterceptorModules: [eager], logger });
  }
  throw new Error(`unknown variant ${variant} (${B3B_VARIANTS.join(', ')})`);
}

const [env, sink, workflowBundle] = await Promise.all([startDevServer(), startLightSink(), bundle()]);
const activities = createActivities({
  transport: createMailTransport({ smtpUrl: sink.url, timeoutMs: 10_000 }),
  from: 'Pacte <pacte@example.org>',
});
const worker = await createPacteWorker({
  connection: env.nativeConnection,
  taskQueue: 'bench-b3b',
  activities,
  workflowBundle,
  // Production settings, with a cache large enough to keep every lifecycle of the run.
  tuning: { ...loadWorkerTuning({}), maxCachedWorkflows: count + 10 },
});
const out = await worker.runUntil(async () => {
  // The workflow thread exists once the worker runs; its heap before any lifecycle is the base.
  await new Promise((r) => setTimeout(r, 1_000));
  const heapBefore = (await workflowThreadHeap()).used;
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 200);
  const t0 = performance.now();
  await inPool(activeAgreements(count, `b3b-${variant}`), 16, (a) => startLifecycle(env.client, a, 'bench-b3b'));
  const startedMs = performance.now() - t0;
  let settled: number;
  for (;;) {
    // The cache holds every lifecycle of the run: one is cached once its first task has run (the
    // start sets its search attributes already, so visibility cannot tell).
    settled = worker.getStatus().numCachedWorkflows;
    if (settled >= count || performance.now() - t0 > 240_000) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const settledMs = performance.now() - t0;
  clearInterval(sampler);
  const heapAfter = (await workflowThreadHeap()).used;
  return {
    startedMs,
    settled,
    settledMs,
    cached: worker.getStatus().numCachedWorkflows,
    heapBefore,
    heapAfter,
    rssBefore,
    rssPeak,
  };
});
console.log(JSON.stringify({ variant, count, ...out }));
await env.teardown();
await sink.stop();
process.exit(0);
