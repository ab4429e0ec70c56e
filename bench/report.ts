/**
 * What every benchmark returns, and the Markdown report `npm run bench` writes: machine and
 * versions (so a figure is never read without its context), one table per benchmark, its
 * explanation, and how to reproduce. Figures are ratios to a baseline measured in the same run
 * because these machines are shared: absolute times move with the neighbours' load.
 *
 * @module
 */
import { describeAim, type Aim } from './aims';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';

export interface BenchResult {
  id: string;
  title: string;
  /** The size actually measured, in words (e.g. `10,000 agreements`). */
  size: string;
  headers: string[];
  rows: string[][];
  /** Paragraphs: what the figures mean, what was found about weak ones. */
  notes: string[];
  /** The measured ratios with their aims, for the report and `--check`. */
  aims?: Aim[];
  /** The Node version that ran it (sections of a merged report may differ). */
  node?: string;
  seconds: number;
  /** When it finished and the 1-minute load average then (sections of a merged report differ). */
  ranAt?: string;
  load?: string;
}

export interface BenchContext {
  quick: boolean;
  /** One progress line on stdout, prefixed with the benchmark id and elapsed time. */
  log(message: string): void;
  /** The bench process's SDK metrics endpoint (`127.0.0.1:<port>`, tests/support/sdk-metrics.ts). */
  metricsAddress: string;
}

export type Benchmark = (ctx: BenchContext) => Promise<Omit<BenchResult, 'seconds' | 'ranAt' | 'load' | 'node'>>;

/** Server versions met during the run (`getClusterInfo`), for the machine section. */
const versions = new Map<string, string>();
export function recordVersion(what: string, version: string): void {
  versions.set(what, version);
}
/** The versions met so far, to save with the results (a merged report keeps earlier runs' servers). */
export function knownVersions(previous: Record<string, string> = {}): Record<string, string> {
  return { ...previous, ...Object.fromEntries(versions) };
}

const loadSamples: number[][] = [];
/** Load averages (1, 5, 15 min) sampled at the start and end of each benchmark. */
export function sampleLoad(): number[] {
  const l = loadavg();
  loadSamples.push(l);
  return l;
}

function packageVersion(name: string): string {
  try {
    const url = new URL(`../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export interface MachineInfo {
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: string;
  node: string;
  sdk: string;
  loadAtStart: string;
  loadRange: string;
}

function fmtLoad(l: number[]): string {
  return l.map((x) => x.toFixed(2)).join(' / ');
}

export function machineInfo(startLoad: number[]): MachineInfo {
  const ones = loadSamples.map((l) => l[0]!);
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: (totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    sdk: packageVersion('@temporalio/worker'),
    loadAtStart: fmtLoad(startLoad),
    loadRange: ones.length ? `${Math.min(...ones).toFixed(2)} – ${Math.max(...ones).toFixed(2)}` : 'n/a',
  };
}

// ---------------------------------------------------------------- formatting helpers

export function num(x: number, digits = 0): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function ratio(x: number): string {
  return `${x.toFixed(2)}×`;
}

export function ms(x: number): string {
  if (x < 1) return `${(x * 1000).toFixed(0)} µs`;
  if (x < 10_000) return `${x.toFixed(x < 100 ? 1 : 0)} ms`;
  return `${(x / 1000).toFixed(1)} s`;
}

export function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function median(xs: number[]): number {
  return percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
}

/** Seconds since `t0` (performance.now()), for progress lines. */
export function since(t0: number): number {
  return (performance.now() - t0) / 1000;
}

export function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------- the report

export interface ReportInput {
  quick: boolean;
  only: string[] | undefined;
  results: BenchResult[];
  failures: { id: string; error: string }[];
  machine: MachineInfo;
  totalSeconds: number;
  /** Hand-written sections (design findings) appended after the figures. */
  appendix: string;
  /** Server versions (this run's and those saved with merged results). */
  servers: Record<string, string>;
  /** Some sections come from earlier runs (`--merge`, `--render`). */
  merged: boolean;
}

export function renderReport(input: ReportInput): string {
  const { machine: m } = input;
  const serverLines = Object.entries(input.servers).map(([what, v]) => `- ${what}: ${v}`);
  const dated = input.results
    .filter((r) => r.ranAt)
    .map((r) => r.ranAt!)
    .sort();
  const loads = input.results.filter((r) => r.load).map((r) => Number(r.load));
  // Which Node ran which sections: a merged report may hold runs of several versions.
  const byNode = new Map<string, string[]>();
  for (const r of input.results) byNode.set(r.node ?? m.node, [...(byNode.get(r.node ?? m.node) ?? []), r.id]);
  const nodeLine =
    byNode.size <= 1
      ? `- Node ${[...byNode.keys()][0] ?? m.node}, Temporal TypeScript SDK ${m.sdk}`
      : `- Node ${[...byNode].map(([v, ids]) => `${v} (${ids.join(', ')})`).join(', ')}, Temporal TypeScript SDK ${m.sdk}`;
  const out: string[] = [
    '# Pacte benchmarks',
    '',
    '<!-- Generated by `npm run bench` (bench/run.ts): edit bench/*.ts, not this file. -->',
    '',
    'Every figure below is produced by the benchmark named in its section and reproduced by the',
    'command printed there. Ratios are against a baseline measured **in the same run, on the same',
    'servers** (B4: against a minimum computed from the same plan; B3 has no baseline: capacity',
    'readings): the machines are shared (2 cores, other engineers running test suites), so absolute',
    'times move with the neighbours’ load while the ratios hold much better. Read the absolute',
    'figures as orders of magnitude for this machine, not as capacity promises.',
    '',
    '## Machine and versions',
    '',
    ...(input.merged && dated.length
      ? [
          `- date: sections run between ${dated[0]} and ${dated.at(-1)} (each section gives its own time and load)`,
          `- CPU: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM`,
          `- 1-min load average at the end of each section: ${Math.min(...loads).toFixed(2)} – ${Math.max(...loads).toFixed(2)} (2 cores: above 2 means waiting for CPU)`,
          nodeLine,
          ...serverLines,
          `- benchmarks' own time: ${num(input.results.reduce((t, r) => t + r.seconds, 0))} s`,
        ]
      : [
          `- date: ${m.date}${input.quick ? ' (**quick mode**: reduced sizes)' : ''}${input.only ? ` (only ${input.only.join(', ')})` : ''}`,
          `- CPU: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM`,
          `- load average (1 / 5 / 15 min) at start: ${m.loadAtStart}; 1-min load during the run: ${m.loadRange} (2 cores: above 2 means waiting for CPU)`,
          `- Node ${m.node}, Temporal TypeScript SDK ${m.sdk}`,
          ...serverLines,
          `- whole run: ${num(input.totalSeconds)} s`,
        ]),
    '',
    '## How to reproduce',
    '',
    '```sh',
    'npm run setup:servers            # once: the Temporal dev server and time-skipping server',
    'npm run bench                    # every benchmark at full size, writes BENCHMARKS.md',
    'npm run bench -- --quick         # reduced sizes, what CI runs (written to a temporary file)',
    'npm run bench -- --only B1,B4    # a subset (also written to a temporary file unless --out)',
    'npm run bench -- --out FILE      # choose where the report goes',
    'npm run bench -- --only B6 --merge  # re-run some benchmarks into BENCHMARKS.md, keep the others',
    'npm run bench -- --render        # rewrite BENCHMARKS.md from bench/results.json (after editing bench/findings.md)',
    "# experiments: the worker and mail settings as `npm run worker` reads them, and B3's size",
    'PACTE_MAX_CONCURRENT_WORKFLOW_TASKS=10 PACTE_BENCH_B3_COUNT=4000 npm run bench -- --only B3',
    'SMTP_MAX_CONNECTIONS=20 npm run bench -- --only B6',
    '```',
    '',
    'Every benchmark starts its own servers (dev server, time-skipping server, SMTP sink on loopback)',
    'and one worker in the benchmark process, exactly as `npm start` composes them',
    '(`worker/create-worker.ts`, `activities/`). B2c, B3c and B6c run on the Temporal cluster on',
    'PostgreSQL instead, started by `scripts/cluster.sh` if it is not running (SCALING.md); B3c with',
    'two worker processes. `--quick` leaves those three out.',
    '',
    '## Summary',
    '',
    table(
      ['id', 'what', 'size', 'seconds'],
      input.results.map((r) => [r.id, r.title, r.size, num(r.seconds)]),
    ),
    '',
  ];
  for (const f of input.failures) out.push(`**${f.id} failed in this run:** \`${f.error.replace(/\n/g, ' ')}\``, '');
  for (const r of input.results) {
    const when = r.ranAt ? ` Run ${r.ranAt}, 1-minute load average ${r.load} at the end.` : '';
    const reproduce = `Reproduce: \`npm run bench -- --only ${r.id}${input.quick ? ' --quick' : ''}\` (every figure of this section, the table and the notes).`;
    out.push(
      `## ${r.id} — ${r.title}`,
      '',
      `Size: ${r.size}; ${num(r.seconds)} s.${when}`,
      '',
      reproduce,
      '',
      table(r.headers, r.rows),
      '',
    );
    if (r.aims?.length)
      out.push(`Aims (\`--check\`): ${r.aims.map((aim) => `${describeAim(aim).trim()}`).join('; ')}.`, '');
    for (const n of r.notes) out.push(n, '');
  }
  if (input.appendix) out.push(input.appendix.trim(), '');
  return out.join('\n');
}
