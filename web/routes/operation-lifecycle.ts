/**
 * The lifecycle an operation page acts on, read from Temporal at each request (never from a
 * cache: who may act is decided on the agreement the lifecycle holds now, and the form's choices
 * on its state now): the agreement (`agreementQuery`), its state view, and today in its zone.
 *
 * @module
 */
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { DateTime } from 'luxon';
import type { Agreement } from '../../domain/agreement';
import { ID_PATTERN } from '../../domain/field-checks';
import type { LifecycleView } from '../../contracts/lifecycle-view';
import { agreementQuery, stateQuery } from '../../contracts/messages';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import type { RecordedBy } from '../../domain/operations';
import type { WebUser } from '../deps';
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
    const [agreement, view] = await Promise.all([handle.query(agreementQuery), handle.query(stateQuery)]);
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

/** The read model's refresh, when the application has one (web/read-model): the agreement page then shows the change at once. */
interface Refreshable {
  readModel?: { refresh(workflowId: string): Promise<unknown> };
}

/** Reads the lifecycle into the read model now; a failure only delays the page (the model's own rounds catch up). */
export async function refreshReadModel(deps: object, workflowId: string, warn: (e: unknown) => void): Promise<void> {
  await (deps as Refreshable).readModel?.refresh(workflowId).catch(warn);
}
