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

interface ChildResult {
  variant: string;
  count: number;
  startedMs: number;
  settled: number;
  settledMs: number;
  cached: number;
  rssBefore: number;
  rssPeak: number;
}

function runChild(variant: string, count: number, log: (m: string) => void): Promise<ChildResult> {
  const script = fileURLToPath(new URL('./b3b-child.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [script, variant, String(count)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{"variant"'));
      if (code !== 0 || !line) return reject(new Error(`b3b-child ${variant} exited ${code}: ${out.slice(-500)}`));
      const r = JSON.parse(line) as ChildResult;
      log(`${variant}: ${r.settled}/${count} settled in ${ms(r.settledMs)}, RSS +${mib(r.rssPeak - r.rssBefore)}`);
      resolve(r);
    });
  });
}

export const b3bPreload: Benchmark = async (ctx) => {
  const count = ctx.quick ? 40 : 300;
  ctx.log(`bundle without preloaded modules, ${count} lifecycles`);
  const a = await runChild('none', count, ctx.log);
  ctx.log(`production bundle (preloadModules), ${count} lifecycles`);
  const b = await runChild('preloaded', count, ctx.log);
  ctx.log(`bundle with preloadModules + Pacte's planner, ${count} lifecycles`);
  const c = await runChild('preloaded-planner', count, ctx.log);
  const rate = (r: ChildResult) => r.settled / (r.settledMs / 1000);
  const perWf = (r: ChildResult) => (r.rssPeak - r.rssBefore) / Math.max(1, r.settled);
  return {
    id: 'B3b',
    title: 'sharing stateless libraries across cached lifecycles (preloadModules)',
    size: `${num(count)} lifecycles per side, all kept in the cache`,
    headers: ['workflow bundle', 'settled', 'lifecycles settled/s', 'ratio', 'worker RSS growth', 'per cached lifecycle'],
    rows: [
      ['nothing preloaded, as before (baseline)', `${num(a.settled)}/${num(count)}`, num(rate(a), 1), ratio(1), mib(a.rssPeak - a.rssBefore), `${num(perWf(a) / 1024)} KiB`],
      ['production: preloadModules zod, luxon, rrule, jours-feries', `${num(b.settled)}/${num(count)}`, num(rate(b), 1), ratio(rate(b) / rate(a)), mib(b.rssPeak - b.rssBefore), `${num(perWf(b) / 1024)} KiB`],
      ['the same + domain/calendar.ts (the planner and its memo caches; not adopted)', `${num(c.settled)}/${num(count)}`, num(rate(c), 1), ratio(rate(c) / rate(a)), mib(c.rssPeak - c.rssBefore), `${num(perWf(c) / 1024)} KiB`],
    ],
    notes: [
      `"Settled" = started and first workflow task done (\`NextDeadline\` published), measured from the first start; the cache holds every lifecycle, so RSS growth is what ` +
        `${num(count)} cached lifecycles cost. Preloading is only safe for modules without per-workflow state: zod, rrule and jours-feries are pure; luxon keeps global ` +
        `\`Settings\` that Pacte never changes and reads \`Date.now()\` per call (the sandbox's deterministic clock). The worker and every prebuilt bundle ` +
        `(tests, replays, benchmarks) use the same list (\`PRELOADED_MODULES\`, \`buildWorkflowBundle()\` in \`worker/create-worker.ts\`), so the replay tests check it. ` +
        `The planner is not preloaded: its memo caches would be shared by every lifecycle of the worker thread, safe only as long as they stay pure, a rule nothing enforces.`,
    ],
  };
};
