/**
 * A Pacte worker in its own process, for the fault tests to kill with SIGKILL and start again:
 * the real worker composition (worker/create-worker.ts), real activities over `SMTP_URL`,
 * connected to `TEMPORAL_ADDRESS`, task queue `PACTE_TASK_QUEUE`, workflows from the prebuilt
 * bundle `PACTE_WORKFLOW_BUNDLE` (a file: bundling again in every process costs seconds).
 * Prints `ready` on stdout once polling. Run with `npx tsx tests/faults/worker-process.ts`.
 */
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createActivitiesFromEnv } from '../../activities';
import { createPacteWorker } from '../../worker/create-worker';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const codePath = process.env.PACTE_WORKFLOW_BUNDLE;
  const worker = await createPacteWorker({
    connection,
    taskQueue: process.env.PACTE_TASK_QUEUE!,
    activities: createActivitiesFromEnv(process.env),
    ...(codePath ? { workflowBundle: { codePath } } : {}),
  });
  console.log('ready');
  try {
    await worker.run();
  } finally {
    await connection.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
