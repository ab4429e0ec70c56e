/**
 * How an agreement's lifecycle is started, in one place for every starter (`pacte start`,
 * `npm start`'s examples, the benchmarks): workflow id `agreement-<id>`, the agreement as input,
 * the search attributes, memo, summary and details the Web UI shows, and the id policies.
 *
 * One lifecycle per agreement: a running one is never replaced (conflict policy FAIL; changes go
 * through `pacte amend`), and one that ended normally is not started again (reuse policy
 * ALLOW_DUPLICATE_FAILED_ONLY; a renewal gets its own id). Only a lifecycle that failed or was
 * terminated by an administrator can be started afresh.
 *
 * @module
 */
import type { WorkflowIdReusePolicy, WorkflowStartOptions } from '@temporalio/client';
import type { Agreement } from '../domain/agreement';
import { agreementSearchAttributes } from '../contracts/search-attributes';
import { lifecycleWorkflowId } from '../contracts/workflow-ids';
import type { agreementLifecycle } from '../workflows/agreement-lifecycle';
import { startDetails, startSummary } from './render/start-details';

/** `reuse`: whether an ended lifecycle may be followed by a new run (the demonstration's may). */
export function lifecycleStartOptions(
  agreement: Agreement,
  taskQueue: string,
  reuse: WorkflowIdReusePolicy = 'ALLOW_DUPLICATE_FAILED_ONLY',
): WorkflowStartOptions<typeof agreementLifecycle> {
  return {
    workflowId: lifecycleWorkflowId(agreement.id),
    taskQueue,
    args: [{ agreement }],
    workflowIdConflictPolicy: 'FAIL',
    workflowIdReusePolicy: reuse,
    typedSearchAttributes: agreementSearchAttributes(agreement, 'active'),
    memo: { title: agreement.title, parties: agreement.parties },
    staticSummary: startSummary(agreement),
    staticDetails: startDetails(agreement),
  };
}
