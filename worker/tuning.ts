/**
 * The worker's capacity settings, from the environment (validated: a bad value names its
 * variable and the worker does not start). Defaults come from BENCHMARKS.md (B3, B6) and
 * SCALING.md: the cache, not the number of agreements, sets the worker's memory (about 0.2 MB of
 * workflow heap per cached lifecycle, B3b).
 *
 * - `PACTE_MAX_CACHED_WORKFLOWS` (default 500): lifecycles kept in memory between
 *   wake-ups; an evicted one is replayed from its history at its next timer.
 * - `PACTE_MAX_CONCURRENT_WORKFLOW_TASKS` (default 40, the SDK's): workflow tasks run at once.
 *   They share one workflow thread, but a fifth of the slots poll for new lifecycles' first
 *   tasks: with 10, a bulk start settled 4,000 lifecycles 1.4× slower (B3, Findings).
 * - `PACTE_MAX_CONCURRENT_ACTIVITIES` (default 20): delivery batches at once, each sending a
 *   few e-mails at a time over the shared SMTP pool (`SMTP_MAX_CONNECTIONS`).
 * - `PACTE_MAX_HEAP_GROWTH_PERCENT` (default 20): how far a heap of the worker process may grow
 *   past its live data before V8 collects it again (worker/heap-growth.ts); 0 leaves V8's own
 *   sizing, which lets the resident memory climb long after the cache has filled (B3).
 *
 * @module
 */
import type { WorkerOptions } from '@temporalio/worker';
import { z } from 'zod';
import { DEFAULT_HEAP_GROWTH_PERCENT, MAX_HEAP_GROWTH_PERCENT } from './heap-growth';

const TuningEnvSchema = z.object({
  PACTE_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(500),
  // The SDK needs at least 2 (one for the sticky queue, one for the normal one).
  PACTE_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).max(1_000).default(40),
  PACTE_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(1_000).default(20),
  PACTE_MAX_HEAP_GROWTH_PERCENT: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_HEAP_GROWTH_PERCENT)
    .default(DEFAULT_HEAP_GROWTH_PERCENT),
});

/** The SDK's settings, and the heap bound the worker sets for its process. */
export type WorkerTuning = Required<
  Pick<
    WorkerOptions,
    'maxCachedWorkflows' | 'maxConcurrentWorkflowTaskExecutions' | 'maxConcurrentActivityTaskExecutions'
  >
> & { heapGrowthPercent: number };

export class WorkerTuningError extends Error {
  override readonly name = 'WorkerTuningError';
}

/** @throws {@link WorkerTuningError} naming each invalid variable. */
export function loadWorkerTuning(env: Record<string, string | undefined> = process.env): WorkerTuning {
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key.startsWith('PACTE_MAX_') && value !== undefined && value !== ''),
  );
  const parsed = TuningEnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new WorkerTuningError(`invalid worker settings: ${problems.join('; ')}`);
  }
  return {
    maxCachedWorkflows: parsed.data.PACTE_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: parsed.data.PACTE_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: parsed.data.PACTE_MAX_CONCURRENT_ACTIVITIES,
    heapGrowthPercent: parsed.data.PACTE_MAX_HEAP_GROWTH_PERCENT,
  };
}

export function describeTuning(tuning: WorkerTuning): string {
  const heap =
    tuning.heapGrowthPercent > 0 ? `heaps +${tuning.heapGrowthPercent} % over live data` : `V8's heap sizing`;
  return `cache ${tuning.maxCachedWorkflows} lifecycles · ${tuning.maxConcurrentWorkflowTaskExecutions} workflow tasks · ${tuning.maxConcurrentActivityTaskExecutions} activities at once · ${heap}`;
}
