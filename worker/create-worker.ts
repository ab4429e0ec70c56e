/**
 * The Pacte worker's composition: which workflows and activities run on which task queue.
 * Shared by `npm run worker`, `npm start` and the tests, so they all run the same thing.
 *
 * @module
 */
import type { DataConverter } from '@temporalio/common';
import {
  bundleWorkflowCode,
  type NativeConnection,
  Worker,
  type WorkerOptions,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import type { PacteActivities } from '../activities';
import { DEFAULT_TASK_QUEUE } from '../contracts/workflow-ids';
import { boundHeapGrowth } from './heap-growth';
import { loadWorkerTuning, type WorkerTuning } from './tuning';
import { BUNDLER_OPTIONS, WORKFLOWS_PATH } from './workflow-bundler';

export { PRELOADED_MODULES, WORKFLOWS_PATH } from './workflow-bundler';

/**
 * The workflow bundle exactly as the worker builds it at start-up, for tests, replays and tools
 * that build it once ahead of time. Webpack's progress is quiet; its warnings and errors are not.
 */
export function buildWorkflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  const quiet = () => undefined;
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    ...BUNDLER_OPTIONS,
    logger: { trace: quiet, debug: quiet, info: quiet, warn: console.warn, error: console.error, log: quiet },
  });
}

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
  const { heapGrowthPercent, ...sdkTuning } = options.tuning ?? loadWorkerTuning({});
  // Before the SDK creates its workflow thread, whose heap is the one that grows (B3).
  boundHeapGrowth(heapGrowthPercent);
  return await Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue ?? DEFAULT_TASK_QUEUE,
    activities: options.activities,
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: BUNDLER_OPTIONS }),
    ...sdkTuning,
    // In-flight deliveries get time to finish on SIGINT/SIGTERM instead of being cut mid-SMTP.
    shutdownGraceTime: '20 seconds',
    // A batch's progress reaches the server every 200 ms while it sends (the SDK would wait 80 %
    // of the heartbeat timeout): a worker that dies mid-batch leaves at most that much of its
    // e-mails to send again (RELIABILITY.md: worker SIGKILL). One heartbeat call per batch per
    // 200 ms, only while e-mails are going out.
    maxHeartbeatThrottleInterval: '200 milliseconds',
    ...options.overrides,
  });
}
