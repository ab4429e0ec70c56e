/**
 * The lifecycle's children: each census campaign, each project sheet and a renewal's successor
 * run as child workflows (abandoned on close, so they outlive a lifecycle that continues as new),
 * and are told by typed signals what the lifecycle recorded.
 *
 * @module
 */
import * as wf from '@temporalio/workflow';
import { ParentClosePolicy } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { agreementSearchAttributes } from '../contracts/search-attributes';
import type { LifecycleWorkflow } from '../contracts/lifecycle-state';
import { censusCampaign } from './census-campaign';
import type { ChildSignal, ChildStart } from './lifecycle-context';
import { projectSheet } from './project-sheet';

/** Starts the queued children of agreement `agreementId`; one already started is left alone. */
export async function startChildren(starts: ChildStart[], agreementId: string): Promise<void> {
  for (const start of starts) {
    try {
      if (start.kind === 'census') {
        await wf.startChild(censusCampaign, {
          workflowId: start.workflowId,
          args: [start.census],
          parentClosePolicy: ParentClosePolicy.ABANDON,
          staticSummary: `Recensement ${start.census.year} · ${agreementId}`,
        });
      } else if (start.kind === 'sheet') {
        await wf.startChild(projectSheet, {
          workflowId: start.workflowId,
          args: [start.sheet],
          parentClosePolicy: ParentClosePolicy.ABANDON,
          staticSummary: `Fiche projet ${start.sheet.projectId} · ${agreementId}`,
        });
      } else {
        await wf.startChild<LifecycleWorkflow>('agreementLifecycle', {
          workflowId: start.workflowId,
          args: [{ agreement: start.successor, predecessorId: agreementId }],
          parentClosePolicy: ParentClosePolicy.ABANDON,
          taskQueue: wf.workflowInfo().taskQueue,
          typedSearchAttributes: agreementSearchAttributes(start.successor, 'active'),
          memo: { title: start.successor.title, parties: start.successor.parties },
          staticSummary: start.successor.title.slice(0, 180),
        });
      }
    } catch (err) {
      // Already started by an earlier run of this lifecycle (continue-as-new): nothing to do.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
}

/** Sends the queued signals; a child that is gone is logged, not fatal. */
export async function signalChildren(signals: ChildSignal[]): Promise<void> {
  for (const signal of signals) {
    try {
      await signal.send(wf.getExternalWorkflowHandle(signal.workflowId));
    } catch (err) {
      wf.log.warn('could not signal child workflow', { workflowId: signal.workflowId, error: String(err) });
    }
  }
}
