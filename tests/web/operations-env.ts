/**
 * What the web forms' tests run against, all real: a Temporal CLI dev server (Pacte's search
 * attributes registered), the Pacte worker in this process with its real activities sending to a
 * loopback SMTP server, and the web stack (tests/support/web-stack.ts: the application and the
 * development OpenID provider) using that server. The web starts lifecycles on the worker's task
 * queue, through `PACTE_TASK_QUEUE` as in production.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createActivities, createMailTransport } from '../../activities';
import type { LifecycleView } from '../../contracts/lifecycle-view';
import { stateQuery } from '../../contracts/messages';
import { PACTE_SEARCH_ATTRIBUTES } from '../../contracts/search-attributes';
import { devServerExecutable } from '../../dev/temporal-binaries';
import { createPacteWorker } from '../../worker/create-worker';
import { workflowBundle } from '../support/lifecycle-env';
import { installQuietRuntime } from '../support/runtime';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { startWebStack, type WebStack } from '../support/web-stack';

export interface WebTemporalEnv {
  env: TestWorkflowEnvironment;
  sink: SmtpSink;
  stack: WebStack;
  taskQueue: string;
  state(agreementId: string): Promise<LifecycleView>;
  close(): Promise<void>;
}

export async function startWebTemporalEnv(taskQueue: string): Promise<WebTemporalEnv> {
  installQuietRuntime();
  process.env.PACTE_TASK_QUEUE = taskQueue;
  const { executable } = devServerExecutable();
  const [env, sink, bundle] = await Promise.all([
    TestWorkflowEnvironment.createLocal({ server: { executable, searchAttributes: PACTE_SEARCH_ATTRIBUTES } }),
    startSmtpSink(),
    workflowBundle(),
  ]);
  let worker: Worker | undefined;
  let workerRun: Promise<void> | undefined;
  let stack: WebStack | undefined;
  const close = async () => {
    await stack?.close();
    if (worker) {
      worker.shutdown();
      await workerRun;
    }
    await env.teardown();
    await sink.stop();
  };
  try {
    const activities = createActivities({
      transport: createMailTransport({ smtpUrl: sink.url, timeoutMs: 10_000 }),
      from: 'Pacte <pacte@example.org>',
    });
    worker = await createPacteWorker({
      connection: env.nativeConnection,
      taskQueue,
      activities,
      workflowBundle: bundle,
    });
    workerRun = worker.run();
    stack = await startWebStack({ temporal: async () => env.client });
  } catch (e) {
    await close();
    throw e;
  }
  return {
    env,
    sink,
    stack,
    taskQueue,
    state: (agreementId) => env.client.workflow.getHandle(`agreement-${agreementId}`).query(stateQuery),
    close,
  };
}
