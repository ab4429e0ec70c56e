/**
 * The worker bounds how far its heaps grow past their live data (worker/heap-growth.ts), and the
 * bound reaches a worker thread started afterwards, as the SDK's workflow thread is: the same
 * churn, in the same run, peaks lower with the worker's default than with V8's own sizing.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { median } from '../../bench/report';
import { boundHeapGrowth, DEFAULT_HEAP_GROWTH_PERCENT } from '../../worker/heap-growth';

const CHURN = fileURLToPath(new URL('../support/fixtures/heap-growth/churn.ts', import.meta.url));

/**
 * The churn's peak heap with `percent`. Garbage collection on the churning thread itself
 * (`--single-threaded-gc`): V8's helper threads would otherwise mark concurrently, and on a
 * loaded machine (the suite's other files) how far the heap grows before they finish depends on
 * scheduling, not on the bound.
 */
function peakHeapBytes(percent: number): number {
  const child = spawnSync(process.execPath, ['--single-threaded-gc', '--import', 'tsx', CHURN, String(percent)], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(child.status, child.stderr).toBe(0);
  return (JSON.parse(child.stdout.trim()) as { peak: number }).peak;
}

describe('boundHeapGrowth', () => {
  it('keeps a worker thread started afterwards well below the heap V8 sizes by itself', () => {
    // Alternated, three of each: a moment of memory pressure does not decide alone.
    const unbounded: number[] = [];
    const bounded: number[] = [];
    for (let i = 0; i < 3; i++) {
      unbounded.push(peakHeapBytes(0));
      bounded.push(peakHeapBytes(DEFAULT_HEAP_GROWTH_PERCENT));
    }
    expect(Math.min(...bounded)).toBeGreaterThan(0);
    expect(median(bounded) / median(unbounded)).toBeLessThan(0.8);
  }, 240_000);

  it('refuses a growth that is not a whole number of percent from 0 to 400', () => {
    expect(() => boundHeapGrowth(-1)).toThrow(/0 to 400/);
    expect(() => boundHeapGrowth(12.5)).toThrow(/0 to 400/);
  });
});
