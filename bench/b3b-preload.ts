/**
 * B3b — an experiment on B3's weak figure (full run only): the same lifecycles settled by a
 * worker whose workflow bundle is built as today, and by one built with the SDK's
 * `preloadModules` for the stateless libraries the workflows import (zod, luxon, rrule,
 * jours-feries). With `reuseV8Context` (the SDK default) a workflow's own modules are evaluated
 * again for every workflow execution the worker loads — only preloaded modules are shared — so
 * every cached lifecycle carries its own zod, luxon and rrule. Each side runs in its own process
 * (`bench/b3b-child.ts`) on its own dev server, so neither inherits the other's heap.
 *
 * Bench-only: the production bundle (`worker/create-worker.ts`) is not changed here.
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
  ctx.log(`default bundle, ${count} lifecycles`);
  const a = await runChild('default', count, ctx.log);
  ctx.log(`bundle with preloadModules, ${count} lifecycles`);
  const b = await runChild('preloaded', count, ctx.log);
  ctx.log(`bundle with preloadModules + Pacte's planner, ${count} lifecycles`);
  const c = await runChild('preloaded-planner', count, ctx.log);
  const rate = (r: ChildResult) => r.settled / (r.settledMs / 1000);
  const perWf = (r: ChildResult) => (r.rssPeak - r.rssBefore) / Math.max(1, r.settled);
  return {
    id: 'B3b',
    title: 'experiment: sharing stateless libraries across cached lifecycles (preloadModules)',
    size: `${num(count)} lifecycles per side, all kept in the cache`,
    headers: ['workflow bundle', 'settled', 'lifecycles settled/s', 'ratio', 'worker RSS growth', 'per cached lifecycle'],
    rows: [
      ['as today (baseline)', `${num(a.settled)}/${num(count)}`, num(rate(a), 1), ratio(1), mib(a.rssPeak - a.rssBefore), `${num(perWf(a) / 1024)} KiB`],
      ['preloadModules: zod, luxon, rrule, jours-feries', `${num(b.settled)}/${num(count)}`, num(rate(b), 1), ratio(rate(b) / rate(a)), mib(b.rssPeak - b.rssBefore), `${num(perWf(b) / 1024)} KiB`],
      ['the same + domain/calendar.ts (the planner and its memo caches)', `${num(c.settled)}/${num(count)}`, num(rate(c), 1), ratio(rate(c) / rate(a)), mib(c.rssPeak - c.rssBefore), `${num(perWf(c) / 1024)} KiB`],
    ],
    notes: [
      `"Settled" = started and first workflow task done (\`NextDeadline\` published), measured from the first start; the cache holds every lifecycle, so RSS growth is what ` +
        `${num(count)} cached lifecycles cost. Preloading is only safe for modules without per-workflow state: zod, rrule and jours-feries are pure; luxon keeps global ` +
        `\`Settings\` that Pacte never changes and reads \`Date.now()\` per call (the sandbox's deterministic clock). Adopting it means passing \`preloadModules\` to the bundle ` +
        `the worker builds (\`worker/create-worker.ts\`, and the prebuilt bundle of the tests), then running the replay tests.`,
    ],
  };
};
