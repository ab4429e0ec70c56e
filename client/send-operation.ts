/**
 * Sending a validated operation to a lifecycle, for every client (`pacte` commands, the web
 * application): `executeUpdate` on the lifecycle's workflow id, and the lifecycle's answer sorted
 * into what a person can act on. A refusal by the update's validator (`InvalidOperation`) comes
 * back as its `field: message` lines, and changed nothing; an update to an ended lifecycle says it
 * has ended. Anything else (server down, no such lifecycle) is thrown as the SDK raised it.
 *
 * Loaded lazily by the commands: it pulls in the Temporal client.
 *
 * @module
 */
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';
import { INVALID_OPERATION } from '../contracts/errors';
import type { OperationResult } from '../contracts/messages';

export type Sent<Result> =
  | { ok: true; result: Result }
  /** The validator's `field: message` lines: nothing changed. */
  | { ok: false; kind: 'refused'; problems: string[] }
  /** The update failed after it was accepted. */
  | { ok: false; kind: 'failed'; message: string }
  /** The lifecycle has ended (`completed`, `terminated`…): it takes no more operations. */
  | { ok: false; kind: 'ended'; status: string };

export async function sendOperation<Input, Result extends OperationResult>(
  client: Client,
  workflowId: string,
  update: UpdateDefinition<Result, [Input]>,
  input: Input,
): Promise<Sent<Result>> {
  try {
    return { ok: true, result: await client.workflow.getHandle(workflowId).executeUpdate(update, { args: [input] }) };
  } catch (e) {
    if (e instanceof WorkflowUpdateFailedError) {
      const cause = e.cause;
      if (cause instanceof ApplicationFailure && cause.type === INVALID_OPERATION) {
        return { ok: false, kind: 'refused', problems: cause.message.split('\n').filter((l) => l.trim() !== '') };
      }
      return { ok: false, kind: 'failed', message: cause?.message ?? e.message };
    }
    if (e instanceof WorkflowNotFoundError) {
      // An update to a closed workflow is answered "not found": tell an ended lifecycle apart.
      const status = await client.workflow
        .getHandle(workflowId)
        .describe()
        .then((d) => d.status.name)
        .catch(() => undefined);
      if (status && status !== 'RUNNING') return { ok: false, kind: 'ended', status: status.toLowerCase() };
    }
    throw e;
  }
}
