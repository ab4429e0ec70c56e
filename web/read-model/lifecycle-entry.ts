/**
 * One running lifecycle as the web process holds it: the agreement it holds now and its state
 * view, both from its queries, with the history length they were read at.
 *
 * @module
 */
import type { Agreement } from '../../domain/agreement';
import type { LifecycleView } from '../../contracts/lifecycle-view';

/** The lifecycle's workflow type, as the worker registers it (workflows/index.ts). */
export const LIFECYCLE_WORKFLOW_TYPE = 'agreementLifecycle';

export interface LifecycleEntry {
  workflowId: string;
  agreement: Agreement;
  view: LifecycleView;
  /** History length when `view` and `agreement` were read: a longer history means something changed. */
  historyLength: number;
  /** When they were read (epoch ms). */
  loadedAt: number;
}
