/**
 * How far V8 lets a heap grow past what its last full garbage collection kept alive, for every
 * heap of the worker process: the main thread's and the SDK's workflow thread's (which the SDK
 * creates without resource limits).
 *
 * Left to itself, V8 sizes a heap against a limit of several gigabytes and lets it grow to about
 * four times its live data before collecting again: a worker replaying lifecycles through a full
 * cache then keeps hundreds of megabytes of garbage it will collect later, and its resident
 * memory climbs long after the cache has filled (BENCHMARKS.md B3). Bounding the growth keeps
 * the memory where the cache puts it, for a few more collections of a heap that is mostly
 * short-lived data. V8 reads the setting at each collection; it is process-wide.
 *
 * @module
 */
import { setFlagsFromString } from 'node:v8';

/** The default: a heap may grow 20 % past its live data before the next full collection. */
export const DEFAULT_HEAP_GROWTH_PERCENT = 20;

/** The largest growth accepted: V8's own sizing lets a heap reach about four times its live data. */
export const MAX_HEAP_GROWTH_PERCENT = 400;

/** Sets the growth for every heap of this process (0: V8's own sizing). */
export function boundHeapGrowth(percent: number): void {
  if (!Number.isInteger(percent) || percent < 0 || percent > MAX_HEAP_GROWTH_PERCENT)
    throw new RangeError(
      `heap growth must be a whole number of percent from 0 to ${MAX_HEAP_GROWTH_PERCENT}, not ${percent}`,
    );
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
