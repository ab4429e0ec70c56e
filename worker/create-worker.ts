/**
 * The Pacte worker's composition: which workflows and activities run on which task queue.
 * Shared by `npm run worker`, `npm start` and the tests, so they all run the same thing.
 *
 * @module
 */
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import type { PacteActivities } from '../activities';
import { DEFAULT_TASK_QUEUE } from '../workflows/workflow-ids';
import { loadWorkerTuning, type WorkerTuning } from './tuning';

/** The workflows' entry point; bundled by the SDK (webpack) at start-up. */
export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/**
 * Stateless libraries the workflows import, evaluated once per workflow thread instead of once
 * per cached lifecycle (BENCHMARKS.md B3b: faster first workflow tasks). Safe because none keeps
 * per-workflow state: zod, rrule and jours-feries are pure; luxon's global `Settings` are never
 * changed by Pacte and it reads `Date.now()` per call, which the sandbox makes deterministic.
 * The replay tests run with the same list (`tests/support/lifecycle-env.ts`).
 */
export const PRELOADED_MODULES = ['zod', 'luxon', 'rrule', '@socialgouv/jours-feries'];

export interface PacteWorkerOptions {
  connection: NativeConnection;
  namespace?: string;
  taskQueue?: string;
  activities: PacteActivities;
  /** A prebuilt bundle (tests build it once); otherwise the workflows are bundled from source. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /**
   * Payload encryption (codec/): `encryptingDataConverter(codec)`. Left out, payloads are stored
   * as plain JSON; `npm run worker` always decides explicitly (keys, or `PACTE_CODEC=off`).
   */
  dataConverter?: DataConverter;
  /** Cache and concurrency (default: `loadWorkerTuning({})`, the documented defaults). */
  tuning?: WorkerTuning;
  /** Extra options (identity, experiments). */
  overrides?: Partial<WorkerOptions>;
}

export async function createPacteWorker(options: PacteWorkerOptions): Promise<Worker> {
  return await Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue ?? DEFAULT_TASK_QUEUE,
    activities: options.activities,
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { preloadModules: PRELOADED_MODULES } }),
    ...(options.tuning ?? loadWorkerTuning({})),
    // In-flight deliveries get time to finish on SIGINT/SIGTERM instead of being cut mid-SMTP.
    shutdownGraceTime: '20 seconds',
    ...options.overrides,
  });
}
