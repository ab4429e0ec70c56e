/**
 * The worker's capacity settings, from the environment (validated: a bad value names its
 * variable and the worker does not start). Defaults come from BENCHMARKS.md (B3, B6) and
 * SCALING.md: a cached lifecycle costs about 2 MB of worker memory, so the cache, not the number
 * of agreements, sets the worker's memory.
 *
 * - `PACTE_MAX_CACHED_WORKFLOWS` (default 500, about 1 GB): lifecycles kept in memory between
 *   wake-ups; an evicted one is replayed from its history at its next timer.
 * - `PACTE_MAX_CONCURRENT_WORKFLOW_TASKS` (default 10): workflow tasks run at once. All run on
 *   one workflow thread; more only lengthens the queue a bulk start builds (B3).
 * - `PACTE_MAX_CONCURRENT_ACTIVITIES` (default 20): delivery batches at once, each sending a
 *   few e-mails at a time over the shared SMTP pool (`SMTP_MAX_CONNECTIONS`).
 *
 * @module
 */
import type { WorkerOptions } from '@temporalio/worker';
import { z } from 'zod';

const TuningEnvSchema = z.object({
  PACTE_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(500),
  // The SDK needs at least 2 (one for the sticky queue, one for the normal one).
  PACTE_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).max(1_000).default(10),
  PACTE_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(1_000).default(20),
});

export type WorkerTuning = Required<Pick<WorkerOptions, 'maxCachedWorkflows' | 'maxConcurrentWorkflowTaskExecutions' | 'maxConcurrentActivityTaskExecutions'>>;

export class WorkerTuningError extends Error {
  override readonly name = 'WorkerTuningError';
}

/** @throws {@link WorkerTuningError} naming each invalid variable. */
export function loadWorkerTuning(env: Record<string, string | undefined> = process.env): WorkerTuning {
  const present = Object.fromEntries(Object.entries(env).filter(([key, value]) => key.startsWith('PACTE_MAX_') && value !== undefined && value !== ''));
  const parsed = TuningEnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new WorkerTuningError(`invalid worker settings: ${problems.join('; ')}`);
  }
  return {
    maxCachedWorkflows: parsed.data.PACTE_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: parsed.data.PACTE_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: parsed.data.PACTE_MAX_CONCURRENT_ACTIVITIES,
  };
}

export function describeTuning(tuning: WorkerTuning): string {
  return `cache ${tuning.maxCachedWorkflows} lifecycles · ${tuning.maxConcurrentWorkflowTaskExecutions} workflow tasks · ${tuning.maxConcurrentActivityTaskExecutions} activities at once`;
}
