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

/** The workflows' entry point; bundled by the SDK (webpack) at start-up. */
export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

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
  /** Extra options (identity, tuning). */
  overrides?: Partial<WorkerOptions>;
}

export async function createPacteWorker(options: PacteWorkerOptions): Promise<Worker> {
  return await Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue ?? DEFAULT_TASK_QUEUE,
    activities: options.activities,
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    // In-flight deliveries get time to finish on SIGINT/SIGTERM instead of being cut mid-SMTP.
    shutdownGraceTime: '20 seconds',
    ...options.overrides,
  });
}
