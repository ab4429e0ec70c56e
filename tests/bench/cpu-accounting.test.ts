/**
 * B6's CPU accounting (bench/cpu-accounting.ts) reads Linux's counters: CPU spent on purpose by
 * one thread between two marks shows up in that thread's group, and the machine's busy share
 * counts it too.
 */
import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { cpuBetween, cpuMark, describeCpu } from '../../bench/cpu-accounting';

/** Keeps the calling thread busy until it has used `ms` of CPU (not wall time: the machine may be loaded). */
function spin(ms: number): void {
  const start = process.threadCpuUsage();
  let x = 0;
  while (true) {
    for (let i = 0; i < 10_000; i++) x += Math.sqrt(i);
    const used = process.threadCpuUsage(start);
    if ((used.user + used.system) / 1000 >= ms) break;
  }
  if (x < 0) throw new Error('unreachable');
}

function groupMs(use: ReturnType<typeof cpuBetween>, what: RegExp): number {
  return use.process.filter((share) => what.test(share.what)).reduce((sum, share) => sum + share.ms, 0);
}

describe('CPU accounting', () => {
  it("counts the main thread's work in its group and in the machine's busy share", () => {
    const before = cpuMark();
    spin(300);
    const use = cpuBetween(before, cpuMark());
    // Clock ticks are 10 ms: allow a few on each side.
    expect(groupMs(use, /^main thread$/)).toBeGreaterThanOrEqual(260);
    expect(use.wallMs).toBeGreaterThanOrEqual(290);
    expect(use.busy * use.cores * use.wallMs).toBeGreaterThanOrEqual(260);
    expect(describeCpu(use, 'other processes')).toMatch(
      /^the \d+ cores \d+ % busy over [\d.]+ s .*main thread [\d.]+ s/,
    );
  });

  it("counts a worker thread's work apart from the main thread's", async () => {
    const before = cpuMark();
    const worker = new Worker(
      `const start = process.threadCpuUsage(); let x = 0;
       while (true) { for (let i = 0; i < 10000; i++) x += Math.sqrt(i);
         const u = process.threadCpuUsage(start); if ((u.user + u.system) / 1000 >= 300) break; }
       require('node:worker_threads').parentPort.postMessage(x > 0);`,
      { eval: true },
    );
    // The mark is taken while the thread still exists: a thread that has ended takes its time with it.
    await new Promise((resolve) => worker.once('message', resolve));
    const use = cpuBetween(before, cpuMark());
    await worker.terminate();
    expect(groupMs(use, /^worker threads/)).toBeGreaterThanOrEqual(260);
    expect(groupMs(use, /^main thread$/)).toBeLessThan(groupMs(use, /^worker threads/));
  });
});
