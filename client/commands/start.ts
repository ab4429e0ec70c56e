/**
 * `pacte start FILE`: validates an agreement file, then starts its lifecycle, workflow id
 * `agreement-<id>` on task queue `pacte` (docs/contracts.md#workflow-ids-and-task-queue). An
 * invalid file is refused before any connection (problems on stderr, exit 1, nothing started), like
 * `pacte plan`.
 *
 * One lifecycle per agreement (client/lifecycle-start-options.ts): a running one is never
 * replaced, one that ended normally is not started again.
 *
 * @module
 */
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import type { Agreement } from '../../domain/agreement';
import type { agreementLifecycle } from '../../workflows/agreement-lifecycle';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import { CliError } from '../cli-error';
import { connectionFlags } from '../global-options';
import { printJson } from '../lifecycle-ref';
import { lifecycleStartOptions } from '../lifecycle-start-options';
import { loadAgreementOrFail } from './plan';
import { taskQueueOf, TASK_QUEUE_HELP } from './task-queue';

export interface StartOptions {
  json?: boolean;
  taskQueue?: string;
}

export interface Started {
  workflowId: string;
  runId: string;
  namespace: string;
  taskQueue: string;
  url: string;
}

const DEFAULT_UI = 'http://localhost:8233';

/** The Web UI page of a workflow; `PACTE_UI_URL` replaces the dev server's UI base. */
export function webUiUrl(namespace: string, workflowId: string, base = process.env.PACTE_UI_URL || DEFAULT_UI): string {
  return `${base.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

export async function runStart(file: string, options: StartOptions, command: Command): Promise<void> {
  const agreement = await loadAgreementOrFail(file);
  const taskQueue = taskQueueOf(options);
  const { withClient } = await import('../connection');
  const started = await withClient(connectionFlags(command), async ({ client, namespace }) => {
    const { WorkflowExecutionAlreadyStartedError } = await import('@temporalio/common');
    const workflowId = lifecycleWorkflowId(agreement.id);
    try {
      const handle = await client.workflow.start<typeof agreementLifecycle>(
        'agreementLifecycle',
        lifecycleStartOptions(agreement, taskQueue),
      );
      const polled = await hasWorker(client, namespace, taskQueue);
      return {
        workflowId,
        runId: handle.firstExecutionRunId,
        namespace,
        taskQueue,
        url: webUiUrl(namespace, workflowId),
        polled,
      } satisfies Started & { polled: boolean };
    } catch (e) {
      if (e instanceof WorkflowExecutionAlreadyStartedError) throw await alreadyStarted(client, workflowId, agreement);
      throw e;
    }
  });
  const { polled, ...result } = started;
  if (!polled) {
    // Not an error: the lifecycle waits on the server until a worker comes. But say so.
    process.stderr.write(
      `warning: no worker is polling task queue ${result.taskQueue} yet: the lifecycle waits until one runs (\`npm run worker\` or \`npm start\`)\n`,
    );
  }
  if (options.json) {
    printJson(result);
    return;
  }
  process.stdout.write(
    [
      `started ${agreement.title}`,
      `  workflow id  ${started.workflowId}`,
      `  run id       ${started.runId}`,
      `  task queue   ${started.taskQueue} (namespace ${started.namespace})`,
      `  web UI       ${started.url}`,
      '',
    ].join('\n'),
  );
}

/** Whether a worker polled the task queue lately; `true` when the server cannot tell (no false alarm). */
async function hasWorker(client: Client, namespace: string, taskQueue: string): Promise<boolean> {
  try {
    const response = await client.workflowService.describeTaskQueue({
      namespace,
      taskQueue: { name: taskQueue },
      taskQueueType: 1 /* WORKFLOW */,
    });
    return (response.pollers?.length ?? 0) > 0;
  } catch {
    return true;
  }
}

/** Why the server refused: the lifecycle is running, or it already ran to its end. */
async function alreadyStarted(client: Client, workflowId: string, agreement: Agreement): Promise<CliError> {
  let status = 'UNKNOWN';
  let startedAt: Date | undefined;
  let closedAt: Date | undefined;
  try {
    const description = await client.workflow.getHandle(workflowId).describe();
    status = description.status.name;
    startedAt = description.startTime;
    closedAt = description.closeTime;
  } catch {
    // The refusal stands even if the description cannot be read.
  }
  if (status === 'RUNNING' || status === 'UNKNOWN') {
    const when = startedAt ? ` (started ${startedAt.toISOString()})` : '';
    return new CliError([
      `${workflowId} is already running${when}; use \`pacte amend ${agreement.id} FILE\` to change it`,
    ]);
  }
  const when = closedAt ? ` on ${closedAt.toISOString()}` : '';
  return new CliError([
    `${workflowId} already ran to its end (${status.toLowerCase()}${when}); an agreement's lifecycle is started once — a renewed agreement needs its own id (\`pacte renew\`)`,
  ]);
}

export function register(program: Command): void {
  program
    .command('start')
    .description(
      'validate an agreement file and start its lifecycle (workflow id agreement-<id>); warns when no worker polls the task queue',
    )
    .argument('<file>', 'agreement file (.yaml, .yml or .json)')
    .option('--task-queue <name>', TASK_QUEUE_HELP)
    .option('--json', 'print {workflowId, runId, namespace, taskQueue, url} as JSON')
    .action(async (file: string, options: StartOptions, command: Command) => runStart(file, options, command));
}
