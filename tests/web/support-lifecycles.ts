/**
 * For the web's real-parts tests: a Temporal CLI dev server (Pacte's search attributes
 * registered), the real Pacte worker (bundled workflows, real activities sending to a loopback
 * SMTP sink), and the example agreements started as `pacte start` starts them, placed against the
 * server's clock: Terre Valserhône active after its first annual review, the Breton schema
 * and the Seine-et-Marne COT running, the Vaucluse action plan ended (its lifecycle finishes at
 * once).
 */
import type { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createActivities, createMailTransport } from '../../activities';
import { lifecycleStartOptions } from '../../client/lifecycle-start-options';
import { PACTE_SEARCH_ATTRIBUTES } from '../../contracts/search-attributes';
import { devServerExecutable } from '../../dev/temporal-binaries';
import type { Agreement } from '../../domain/agreement';
import { createPacteWorker } from '../../worker/create-worker';
import { workflowBundle } from '../support/lifecycle-env';
import { activeAfterFirst, ENDED, placeExample, readExample, RUNNING, type Placed } from '../support/placement';
import { installQuietRuntime } from '../support/runtime';
import { serverNowMs } from '../support/server-clock';
import { waitFor } from '../support/wait-for';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

export const EXAMPLE_SITUATIONS = {
  'convention-cadre-terre-valserhone': activeAfterFirst('annual-review'),
  'schema-cooperation-cdg-bretagne': RUNNING,
  'cot-seine-et-marne': RUNNING,
  'plan-action-vaucluse': ENDED,
} as const;
export type ExampleName = keyof typeof EXAMPLE_SITUATIONS;
const RUNNING_EXAMPLES = Object.values(EXAMPLE_SITUATIONS).filter((s) => s !== ENDED).length;
export const RUNNING_LIFECYCLES = `WorkflowType = 'agreementLifecycle' AND ExecutionStatus = 'Running'`;

export interface LifecycleStack {
  env: TestWorkflowEnvironment;
  client: Client;
  taskQueue: string;
  /** The placed copy of each example, as started. */
  examples: Record<ExampleName, Placed>;
  start(agreement: Agreement): Promise<void>;
  teardown(): Promise<void>;
}

export async function startLifecycleStack(taskQueue: string): Promise<LifecycleStack> {
  installQuietRuntime();
  const { executable } = devServerExecutable();
  let sink: SmtpSink | undefined;
  let env: TestWorkflowEnvironment | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  try {
    const [testEnv, smtp, bundle] = await Promise.all([
      TestWorkflowEnvironment.createLocal({ server: { executable, searchAttributes: PACTE_SEARCH_ATTRIBUTES } }),
      startSmtpSink(),
      workflowBundle(),
    ]);
    env = testEnv;
    sink = smtp;
    worker = await createPacteWorker({
      connection: env.nativeConnection,
      taskQueue,
      activities: createActivities({
        transport: createMailTransport({ smtpUrl: sink.url, timeoutMs: 10_000 }),
        from: 'Pacte <pacte@example.org>',
      }),
      workflowBundle: bundle,
    });
    running = worker.run();
    const now = await serverNowMs(env.client);
    const examples = Object.fromEntries(
      Object.entries(EXAMPLE_SITUATIONS).map(([name, situation]) => [
        name,
        placeExample(readExample(name), now, situation),
      ]),
    ) as Record<ExampleName, Placed>;
    const client = env.client;
    const start = async (agreement: Agreement) => {
      await client.workflow.start('agreementLifecycle', lifecycleStartOptions(agreement, taskQueue));
    };
    await Promise.all(Object.values(examples).map((p) => start(p.agreement)));
    // Settled before any test reads: the ended ones completed, visibility lists the running ones.
    const endedIds = Object.entries(EXAMPLE_SITUATIONS)
      .filter(([, situation]) => situation === ENDED)
      .map(([name]) => lifecycleWorkflowId(examples[name as ExampleName].agreement.id));
    await waitFor(
      async () => {
        const statuses = await Promise.all(
          endedIds.map(async (id) => (await client.workflow.getHandle(id).describe()).status.name),
        );
        const running = (await client.workflow.count(RUNNING_LIFECYCLES)).count;
        return statuses.every((s) => s === 'COMPLETED') && running === RUNNING_EXAMPLES ? true : undefined;
      },
      { timeoutMs: 60_000, what: 'the ended examples to complete and the running ones to be listed' },
    );
    const stack: LifecycleStack = {
      env,
      client,
      taskQueue,
      examples,
      start,
      async teardown() {
        worker?.shutdown();
        await running;
        await env?.teardown();
        await sink?.stop();
      },
    };
    return stack;
  } catch (e) {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await sink?.stop();
    throw e;
  }
}
