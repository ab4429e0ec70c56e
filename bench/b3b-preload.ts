/**
 * B3b — what preloading modules brings (full run only): the same lifecycles settled by a
 * worker whose workflow bundle preloads nothing (as before), by the production bundle (the
 * SDK's `preloadModules` for the stateless libraries the workflows import: zod, luxon, rrule,
 * jours-feries; `worker/create-worker.ts`), and by one that preloads Pacte's planner as well.
 * With `reuseV8Context` (the SDK default) a workflow's own modules are evaluated again for every
 * workflow execution the worker loads — only preloaded modules are shared. Each side runs in its
 * own process (`bench/b3b-child.ts`) on its own dev server, so neither inherits the other's heap.
 *
 * @module
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mib, ms, num, ratio, type Benchmark } from './report';
import { THREAD_HEAP_HOOK } from './thread-heap';

interface ChildResult {
  variant: string;
  count: number;
  startedMs: number;
  settled: number;
  settledMs: number;
  cached: number;
  heapBefore: number;
  heapAfter: number;
  rssBefore: number;
  rssPeak: number;
}

function runChild(variant: string, count: number, log: (m: string) => void): Promise<ChildResult> {
  const script = fileURLToPath(new URL('./b3b-child.ts', import.meta.url));
  const args = [
    '--expose-gc',
    '--require',
    fileURLToPath(THREAD_HEAP_HOOK),
    '--import',
    'tsx',
    script,
    variant,
    String(count),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{"variant"'));
      if (code !== 0 || !line) return reject(new Error(`b3b-child ${variant} exited ${code}: ${out.slice(-500)}`));
      const r = JSON.parse(line) as ChildResult;
      log(
        `${variant}: ${r.settled}/${count} settled in ${ms(r.settledMs)}, workflow heap +${mib(r.heapAfter - r.heapBefore)}, RSS +${mib(r.rssPeak - r.rssBefore)}`,
      );
      resolve(r);
    });
  });
}

export const b3bPreload: Benchmark = async (ctx) => {
  const count = ctx.quick ? 40 : 300;
  ctx.log(`before: schemas in every workflow, nothing preloaded, ${count} lifecycles`);
  const a = await runChild('before', count, ctx.log);
  ctx.log(`schemas loaded at the first update, nothing preloaded, ${count} lifecycles`);
  const b = await runChild('no-preload', count, ctx.log);
  ctx.log(`production bundle (lazy schemas + workflows/preload.ts), ${count} lifecycles`);
  const c = await runChild('production', count, ctx.log);
  const rate = (r: ChildResult) => r.settled / (r.settledMs / 1000);
  const heapPer = (r: ChildResult) => (r.heapAfter - r.heapBefore) / Math.max(1, r.settled);
  const rssPer = (r: ChildResult) => (r.rssPeak - r.rssBefore) / Math.max(1, r.settled);
  const row = (label: string, r: ChildResult) => [
    label,
    `${num(r.settled)}/${num(count)}`,
    num(rate(r), 1),
    ratio(rate(r) / rate(a)),
    `${num(heapPer(r) / 1024)} KiB`,
    ratio(heapPer(r) / heapPer(a)),
    `${num(rssPer(r) / 1024)} KiB`,
  ];
  return {
    id: 'B3b',
    title: 'memory and first-task cost per cached lifecycle: what each workflow evaluates',
    size: `${num(count)} lifecycles per side, all kept in the cache`,
    headers: [
      'workflow bundle',
      'settled',
      'lifecycles settled/s',
      'ratio',
      'workflow-thread heap per lifecycle',
      'ratio',
      'process RSS per lifecycle (peak)',
    ],
    rows: [
      row('before: zod schemas evaluated by every workflow, nothing preloaded (baseline)', a),
      row("zod schemas loaded at a lifecycle's first update, nothing preloaded", b),
      row('production: the same + planner, luxon, rrule, jours-feries preloaded (workflows/preload.ts)', c),
    ],
    notes: [
      `Each side runs in its own process on its own dev server, with the production worker settings and a cache holding every lifecycle. "Settled" = started and ` +
        `first workflow task done (the lifecycle is in the worker's cache), measured from the first start. The workflow-thread heap is read inside the SDK's workflow thread ` +
        `after two full GCs (\`bench/thread-heap-hook.cjs\`), before the first start and once all have settled: it is what the cached lifecycles keep. The RSS column ` +
        `is the whole process's peak growth (what V8 keeps allocated for the workflow thread's heap, plus the main thread's share).`,
      `With \`reuseV8Context\` (the SDK default) every workflow evaluates the bundle's modules into its own module cache; only preloaded modules are shared. ` +
        `Heap snapshots showed zod (its classes and module scopes) and Pacte's schemas built with it to be most of a cached lifecycle: they are now loaded by a lifecycle ` +
        `only when it validates an update (\`workflows/operation-schemas.ts\`), and the planner and its libraries are preloaded. zod itself cannot be preloaded: the SDK ` +
        `freezes preloaded modules and zod then fails writing to its own objects.`,
    ],
  };
};
