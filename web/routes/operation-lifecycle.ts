/**
 * The lifecycle an operation page acts on, read from Temporal at each request (never from a
 * cache: who may act is decided on the agreement the lifecycle holds now, and the form's choices
 * on its state now): the agreement and its state view (`snapshotQuery`), and today in its zone.
 *
 * @module
 */
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { DateTime } from 'luxon';
import type { Agreement } from '../../domain/agreement';
import { ID_PATTERN } from '../../domain/field-checks';
import type { LifecycleView } from '../../contracts/lifecycle-view';
import { snapshotQuery } from '../../contracts/messages';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import type { RecordedBy } from '../../domain/operations';
import type { WebDeps, WebUser } from '../deps';
import { readModelFor } from '../read-model/app-read-model';
import { peopleWithEmail } from '../access/roles';

export interface OperatedLifecycle {
  workflowId: string;
  agreement: Agreement;
  view: LifecycleView;
  /** Today in the agreement's zone. */
  today: string;
}

/** The lifecycle of `agreementId`, or undefined when there is none (or the id is not one). */
export async function readLifecycle(
  client: Client,
  agreementId: string,
  now: Date,
): Promise<OperatedLifecycle | undefined> {
  if (!ID_PATTERN.test(agreementId)) return undefined;
  const workflowId = lifecycleWorkflowId(agreementId);
  const handle = client.workflow.getHandle(workflowId);
  try {
    const { agreement, view } = await handle.query(snapshotQuery);
    const today = DateTime.fromJSDate(now).setZone(agreement.timezone).toISODate()!;
    return { workflowId, agreement, view, today };
  } catch (e) {
    if (e instanceof WorkflowNotFoundError) return undefined;
    throw e;
  }
}

/**
 * Who records it, for the lifecycle's journal: the web, the person of the agreement the
 * signed-in account is (if any), and the account's e-mail.
 */
export function recordedByWeb(agreement: Agreement, user: WebUser): RecordedBy {
  const person = peopleWithEmail(agreement, user.email)[0];
  return { via: 'web', ...(person ? { personId: person.id } : {}), account: user.email };
}

/**
 * Reads the lifecycle into the application's read model now (web/read-model), so the agreement
 * page shows the change at once; a failure only delays it (the model's own rounds catch up).
 */
export async function refreshReadModel(deps: WebDeps, workflowId: string, warn: (e: unknown) => void): Promise<void> {
  try {
    await (await readModelFor(deps)).refresh(workflowId);
  } catch (e) {
    warn(e);
  }
}
