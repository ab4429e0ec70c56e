/**
 * Starting an agreement's lifecycle, for every starter that has a validated agreement (`pacte
 * start`, the web application's import page): the same workflow id, input, search attributes and
 * memo (client/lifecycle-start-options.ts), and the server's refusal sorted into what a person
 * can act on: the lifecycle is running already, or it already ran to its end.
 *
 * Loaded lazily by the commands: it pulls in the Temporal client.
 *
 * @module
 */
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Agreement } from '../domain/agreement';
import { lifecycleWorkflowId } from '../contracts/workflow-ids';
import type { agreementLifecycle } from '../workflows/agreement-lifecycle';
import { lifecycleStartOptions } from './lifecycle-start-options';

export type StartedLifecycle =
  | { ok: true; workflowId: string; runId: string; polled: boolean }
  /** Running already (`status` RUNNING, or UNKNOWN when it could not be described). */
  | { ok: false; kind: 'running'; workflowId: string; startedAt?: Date }
  /** Ran to its end: one lifecycle per agreement id. */
  | { ok: false; kind: 'ended'; workflowId: string; status: string; closedAt?: Date };

export async function startLifecycle(
  client: Client,
  namespace: string,
  agreement: Agreement,
  taskQueue: string,
): Promise<StartedLifecycle> {
  const workflowId = lifecycleWorkflowId(agreement.id);
  try {
    const handle = await client.workflow.start<typeof agreementLifecycle>(
      'agreementLifecycle',
      lifecycleStartOptions(agreement, taskQueue),
    );
    const polled = await hasWorker(client, namespace, taskQueue);
    return { ok: true, workflowId, runId: handle.firstExecutionRunId, polled };
  } catch (e) {
    if (e instanceof WorkflowExecutionAlreadyStartedError) return alreadyStarted(client, workflowId);
    throw e;
  }
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
async function alreadyStarted(client: Client, workflowId: string): Promise<StartedLifecycle> {
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
  if (status === 'RUNNING' || status === 'UNKNOWN') return { ok: false, kind: 'running', workflowId, startedAt };
  return { ok: false, kind: 'ended', workflowId, status: status.toLowerCase(), closedAt };
}
