/**
 * Where the CPU went between two instants: the machine's cores (every process: the Temporal
 * server, PostgreSQL) and this process's threads, grouped by the name the runtime gives them
 * (the main thread, the SDK's workflow thread, V8's helper threads, the SDK's core). A burst that
 * keeps every core busy cannot drain faster on this machine, whatever its design; one that
 * leaves them idle is waiting for something (B6, B6c).
 *
 * Read from Linux's `/proc` (the machines these benchmarks run on): CPU time in clock ticks,
 * 10 ms each, so a window of a few seconds is measured to about a percent. A thread that ends
 * between the two marks takes its time with it.
 *
 * @module
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';

export interface CpuMark {
  at: number;
  /** Busy and total ticks over all cores, from `/proc/stat`. */
  machine: { busy: number; total: number };
  /** Ticks (user + system) of each thread of this process, by thread id, with its name. */
  threads: Map<string, { name: string; ticks: number }>;
}

/** One line of what the window cost. */
export interface CpuShare {
  what: string;
  ms: number;
}

export interface CpuUse {
  wallMs: number;
  cores: number;
  /** Fraction of all the cores' time that was busy, every process included. */
  busy: number;
  /** This process's threads, by group, largest first. */
  process: CpuShare[];
  /** Busy time of the machine outside this process. */
  otherProcessesMs: number;
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100; // USER_HZ on every Linux build these benchmarks run on
    }
  }
  return ticksPerSecond;
}

function machineTicks(): CpuMark['machine'] {
  // cpu user nice system idle iowait irq softirq steal …: idle and iowait are the cores' free time.
  const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = fields.reduce((sum, x) => sum + x, 0);
  return { busy: total - fields[3]! - fields[4]!, total };
}

function threadTicks(): CpuMark['threads'] {
  const threads: CpuMark['threads'] = new Map();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // The name is between parentheses and may hold spaces; utime and stime are fields 14 and 15.
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(tid, { name, ticks: Number(rest[11]) + Number(rest[12]) });
    } catch {
      // The thread ended while the list was read.
    }
  }
  return threads;
}

export function cpuMark(): CpuMark {
  return { at: performance.now(), machine: machineTicks(), threads: threadTicks() };
}

/** What a thread's name says it does (Node and the Temporal SDK name their threads). */
function groupOf(name: string): string {
  if (name === 'MainThread' || name === 'node') return 'main thread';
  if (name === 'WorkerThread') return "worker threads (the SDK's workflow thread)";
  if (name.startsWith('V8Worker')) return "V8's helper threads (garbage collection, compilation)";
  if (name.startsWith('tokio-runtime')) return "the SDK's core (Rust)";
  if (name.startsWith('libuv-worker')) return "libuv's thread pool";
  return 'other threads';
}

export function cpuBetween(from: CpuMark, to: CpuMark): CpuUse {
  const msPerTick = 1000 / clockTicks();
  const groups = new Map<string, number>();
  for (const [tid, thread] of to.threads) {
    const ticks = thread.ticks - (from.threads.get(tid)?.ticks ?? 0);
    if (ticks > 0) groups.set(groupOf(thread.name), (groups.get(groupOf(thread.name)) ?? 0) + ticks);
  }
  const processTicks = [...groups.values()].reduce((sum, x) => sum + x, 0);
  const busyTicks = to.machine.busy - from.machine.busy;
  const totalTicks = to.machine.total - from.machine.total;
  return {
    wallMs: to.at - from.at,
    cores: cpus().length,
    busy: totalTicks > 0 ? busyTicks / totalTicks : 0,
    process: [...groups].map(([what, ticks]) => ({ what, ms: ticks * msPerTick })).sort((a, b) => b.ms - a.ms),
    // /proc/stat counts per core, in the same ticks.
    otherProcessesMs: Math.max(0, busyTicks - processTicks) * msPerTick,
  };
}

/** Starts measuring at `atMs` (epoch milliseconds, now if past); the promise is the mark. */
export function cpuMarkAt(atMs: number): Promise<CpuMark> {
  return new Promise((resolve) => setTimeout(() => resolve(cpuMark()), Math.max(0, atMs - Date.now())));
}

function seconds(x: number): string {
  return `${(x / 1000).toFixed(2)} s`;
}

/** "the 2 cores 97 % busy over 3.41 s: this process 4.10 s of CPU (main thread 2.95 s, …), other processes 2.40 s". */
export function describeCpu(use: CpuUse, others: string): string {
  const total = use.process.reduce((sum, share) => sum + share.ms, 0);
  const shares = use.process
    .filter((share) => share.ms > 0)
    .map((share) => `${share.what} ${seconds(share.ms)}`)
    .join(', ');
  return (
    `the ${use.cores} cores ${Math.round(use.busy * 100)} % busy over ${seconds(use.wallMs)} ` +
    `(${seconds(use.wallMs * use.cores)} of CPU time): this process ${seconds(total)} (${shares}); ` +
    `${others} ${seconds(use.otherProcessesMs)}`
  );
}
