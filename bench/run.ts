/**
 * The benchmark suite: `npm run bench [-- --quick] [-- --only B1,B4] [-- --out FILE]`.
 *
 * Runs B1…B8 one after the other (never in parallel: they would measure each other), prints
 * progress, and writes the Markdown report. A full run of every benchmark writes `BENCHMARKS.md`
 * at the repository root; a quick or partial run writes to a temporary file unless `--out` says
 * otherwise, so that a CI run never overwrites the committed figures. Exits with status 1 if a
 * benchmark failed (the others still run and are reported).
 *
 * The raw results go next to the report as JSON (`bench/results.json` for `BENCHMARKS.md`).
 * `--merge` re-runs some benchmarks into an existing report: `--only B6 --merge` replaces B6's
 * section of `BENCHMARKS.md` and keeps the others (each section states its own date and load);
 * `--render` rewrites the report from the saved results, e.g. after editing `bench/findings.md`.
 * `--check` compares every measured ratio with its aim (bench/aims.ts) and exits 1 when one falls
 * short: for full runs (or `--only` on full sizes), not CI's `--quick`.
 *
 * @module
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { b1Planning } from './b1-planning';
import { b2cClusterStarts, b2Starts } from './b2-starts';
import { b3Active } from './b3-active';
import { b3cCluster } from './b3c-cluster';
import { b3bPreload } from './b3b-preload';
import { b4Cost } from './b4-cost';
import { b5Delivery } from './b5-delivery';
import { b6Burst, b6cClusterBurst } from './b6-burst';
import { b7Web } from './b7-web';
import { b8ActionLink } from './b8-action-link';
import { describeAim, shortfalls } from './aims';
import {
  knownVersions,
  machineInfo,
  renderReport,
  sampleLoad,
  since,
  type Benchmark,
  type BenchResult,
} from './report';
import { installQuietRuntime } from '../tests/support/runtime';
import { freeLoopbackAddress } from '../tests/support/sdk-metrics';

/** id, benchmark, run in quick mode too (B3b is an experiment on B3's weak figure: full runs or --only). */
const SUITE: [string, Benchmark, boolean][] = [
  ['B1', b1Planning, true],
  ['B2', b2Starts, true],
  ['B2c', b2cClusterStarts, false],
  ['B3', b3Active, true],
  ['B3b', b3bPreload, false],
  ['B3c', b3cCluster, false],
  ['B4', b4Cost, true],
  ['B5', b5Delivery, true],
  ['B6', b6Burst, true],
  ['B6c', b6cClusterBurst, false],
  ['B7', b7Web, true],
  ['B8', b8ActionLink, true],
];

/** `b3c,B6` → the suite's ids (`B3c`, `B6`), whatever the case; unknown ones kept as given, to be reported. */
function benchIds(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => SUITE.find(([id]) => id.toLowerCase() === s.toLowerCase())?.[0] ?? s);
}

interface Args {
  quick: boolean;
  only: string[] | undefined;
  out: string | undefined;
  merge: boolean;
  /** Re-render the report from the saved results (after editing bench/findings.md); runs nothing. */
  render: boolean;
  /** Exit 1 when a measured ratio misses its aim. */
  check: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, only: undefined, out: undefined, merge: false, render: false, check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') args.quick = true;
    else if (a === '--only') args.only = benchIds(argv[++i] ?? '');
    else if (a.startsWith('--only=')) args.only = benchIds(a.slice(7));
    else if (a === '--merge') args.merge = true;
    else if (a === '--check') args.check = true;
    else if (a === '--render') args.render = args.merge = true;
    else if (a === '--out') args.out = argv[++i];
    else if (a.startsWith('--out=')) args.out = a.slice(6);
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run bench -- [--quick] [--only B1,B4] [--out FILE] [--merge] [--render] [--check]');
      process.exit(0);
    } else {
      console.error(`unknown argument ${a} (try --help)`);
      process.exit(2);
    }
  }
  const unknown = args.only?.filter((id) => !SUITE.some(([s]) => s === id)) ?? [];
  if (unknown.length) {
    console.error(`unknown benchmark ${unknown.join(', ')}: choose among ${SUITE.map(([s]) => s).join(', ')}`);
    process.exit(2);
  }
  if (args.check && (args.quick || args.render)) {
    console.error('--check judges full-size measures: not with --quick or --render');
    process.exit(2);
  }
  return args;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // The SDK's runtime logs every worker/server warning on stderr by default: keep progress readable.
  // Quiet, and the SDK's metrics on loopback: B3 counts the workflow tasks its worker has run.
  const metricsAddress = await freeLoopbackAddress();
  installQuietRuntime({ metricsAddress });
  const t0 = performance.now();
  const startLoad = sampleLoad();
  console.log(
    `Pacte benchmarks${args.quick ? ' (quick)' : ''}: load average ${startLoad.map((l) => l.toFixed(2)).join(' ')}`,
  );
  const results: BenchResult[] = [];
  const failures: { id: string; error: string }[] = [];
  for (const [id, bench, inQuick] of SUITE) {
    if (args.render || (args.only ? !args.only.includes(id) : args.quick && !inQuick)) continue;
    const tb = performance.now();
    console.log(`\n== ${id} ==`);
    sampleLoad();
    try {
      const r = await bench({
        quick: args.quick,
        metricsAddress,
        log: (m) => console.log(`[${id} +${since(tb).toFixed(1)}s] ${m}`),
      });
      results.push({
        ...r,
        seconds: since(tb),
        ranAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        node: process.version,
        load: loadavg()[0]!.toFixed(2),
      });
      console.log(`[${id}] done in ${since(tb).toFixed(1)} s`);
    } catch (err) {
      const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      console.error(`[${id}] FAILED: ${error}`);
      failures.push({ id, error: err instanceof Error ? err.message : String(err) });
    }
    sampleLoad();
    // Written after each benchmark, so that an interrupted run keeps what it measured.
    write(args, results, failures, startLoad, t0);
  }
  write(args, results, failures, startLoad, t0, true);
  if (failures.length) {
    console.error(`failed: ${failures.map((f) => f.id).join(', ')}`);
    process.exitCode = 1;
  }
  if (args.check) {
    const aims = results.flatMap((r) => r.aims ?? []);
    console.log(`\nAims (${aims.length}):`);
    for (const aim of aims) console.log(`  ${describeAim(aim)}`);
    const short = shortfalls(
      aims,
      failures.map((f) => f.id),
    );
    if (short.length) {
      console.error(`${short.length} aim(s) not met`);
      process.exitCode = 1;
    } else console.log('every aim met');
  }
}

function write(
  args: Args,
  measured: BenchResult[],
  failures: { id: string; error: string }[],
  startLoad: number[],
  t0: number,
  last = false,
): void {
  const results = [...measured];
  const full = (!args.quick && !args.only) || args.merge;
  const out =
    args.out ??
    (full ? join(ROOT, 'BENCHMARKS.md') : join(tmpdir(), `pacte-bench-${args.quick ? 'quick' : 'partial'}.md`));
  const json = out === join(ROOT, 'BENCHMARKS.md') ? join(ROOT, 'bench', 'results.json') : `${out}.json`;
  let servers = knownVersions();
  let merged = false;
  if (args.merge && existsSync(json)) {
    // Saved as { servers, results } (earlier files: the bare results array).
    const saved = JSON.parse(readFileSync(json, 'utf8')) as
      BenchResult[] | { servers: Record<string, string>; results: BenchResult[] };
    const previous = Array.isArray(saved) ? saved : saved.results;
    servers = knownVersions(Array.isArray(saved) ? {} : saved.servers);
    const fresh = new Set(results.map((r) => r.id));
    results.unshift(...previous.filter((r) => !fresh.has(r.id)));
    results.sort((a, b) => a.id.localeCompare(b.id));
    merged = true;
  }
  writeFileSync(json, `${JSON.stringify({ servers, results }, null, 2)}\n`);
  const appendix = readFileSync(new URL('./findings.md', import.meta.url), 'utf8');
  const report = renderReport({
    quick: args.quick,
    only: args.only,
    results,
    failures,
    machine: machineInfo(startLoad),
    totalSeconds: since(t0),
    appendix,
    servers,
    merged,
  });
  writeFileSync(out, report);
  if (last) console.log(`\n${measured.length} benchmark(s) in ${since(t0).toFixed(1)} s; report written to ${out}`);
}

await main();
// Native connections and the SMTP sink's sockets must not keep a finished run alive.
process.exit(process.exitCode ?? 0);
