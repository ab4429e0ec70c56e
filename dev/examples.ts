/**
 * Starts the example agreements (`examples/agreements/*.yaml`) for `npm start` and the browser
 * test, exactly as `pacte start` does: workflow id `agreement-<id>`, the same summary, details,
 * memo and search attributes, conflict policy FAIL. An example already started (running, or
 * already ended) is reported and left alone, so restarting `npm start` never duplicates or
 * resets a lifecycle.
 *
 * @module
 */
import type { Client } from '@temporalio/client';
import type { WorkflowIdReusePolicy } from '@temporalio/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAgreementFile } from '../client/agreement-file';
import { lifecycleStartOptions } from '../client/lifecycle-start-options';
import type { Agreement } from '../domain/agreement';
import type { agreementLifecycle } from '../workflows/agreement-lifecycle';
import { DEFAULT_TASK_QUEUE, lifecycleWorkflowId } from '../contracts/workflow-ids';

export const EXAMPLES_DIR = fileURLToPath(new URL('../examples/agreements/', import.meta.url));

export interface ExampleOutcome {
  file: string;
  workflowId: string;
  /** `started` now, or `existing` (started by an earlier run: left as it is). */
  outcome: 'started' | 'existing';
  title: string;
}

/** Reads and validates an agreement file; throws with every problem on one line each. */
export async function loadAgreement(file: string): Promise<Agreement> {
  const parsed = await readAgreementFile(file);
  if (!parsed.ok) throw new Error(`${file}:\n  ${parsed.problems.join('\n  ')}`);
  return parsed.agreement;
}

/**
 * Starts one agreement's lifecycle with the options of `pacte start` (client/commands/start.ts).
 * Why not call `runStart`: it prints for a terminal and exits on a duplicate; here a duplicate
 * is the normal case of a restart. A running lifecycle is never started twice; `reuse` says
 * whether one that has ended may be followed by a new run (the demonstration: `ALLOW_DUPLICATE`).
 */
export async function startLifecycle(
  client: Client,
  agreement: Agreement,
  taskQueue = DEFAULT_TASK_QUEUE,
  reuse: WorkflowIdReusePolicy = 'ALLOW_DUPLICATE_FAILED_ONLY',
): Promise<{ workflowId: string; outcome: 'started' | 'existing' }> {
  const workflowId = lifecycleWorkflowId(agreement.id);
  try {
    await client.workflow.start<typeof agreementLifecycle>(
      'agreementLifecycle',
      lifecycleStartOptions(agreement, taskQueue, { reuse }),
    );
    return { workflowId, outcome: 'started' };
  } catch (e) {
    if (e instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, outcome: 'existing' };
    throw e;
  }
}

/** Starts every example agreement not started yet, in file-name order. */
export async function startExamples(
  client: Client,
  taskQueue = DEFAULT_TASK_QUEUE,
  dir = EXAMPLES_DIR,
): Promise<ExampleOutcome[]> {
  const files = (await readdir(dir)).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  const outcomes: ExampleOutcome[] = [];
  for (const name of files) {
    const file = join(dir, name);
    const agreement = await loadAgreement(file);
    const { workflowId, outcome } = await startLifecycle(client, agreement, taskQueue);
    outcomes.push({ file, workflowId, outcome, title: agreement.title });
  }
  return outcomes;
}

/**
 * Whether `npm start` starts the examples: not with `--no-examples` or `PACTE_EXAMPLES=0` (or
 * `false`, `no`, `off`). On a server `npm start` did not start itself (one already listening on
 * the port, perhaps a shared or production one), only when asked: `--examples` or
 * `PACTE_EXAMPLES=1`.
 */
export function examplesWanted(argv: readonly string[], env: NodeJS.ProcessEnv, ownServer = true): boolean {
  if (argv.includes('--no-examples') || /^(0|false|no|off)$/i.test(env.PACTE_EXAMPLES ?? '')) return false;
  if (ownServer) return true;
  return argv.includes('--examples') || /^(1|true|yes|on)$/i.test(env.PACTE_EXAMPLES ?? '');
}
