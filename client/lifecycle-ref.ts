/**
 * How commands name a lifecycle: by agreement id (`valserhone-2025`) or by workflow id
 * (`agreement-valserhone-2025`, as the Web UI shows it). Light on purpose: no SDK import.
 *
 * @module
 */
import { lifecycleWorkflowId } from '../contracts/workflow-ids';
import { CliError } from './cli-error';

const PREFIX = lifecycleWorkflowId('');

/**
 * The workflow id for `ref`. A ref that already starts with `agreement-` is taken as a workflow
 * id: an agreement whose own id starts with `agreement-` must then be given in full.
 */
export function workflowIdOf(ref: string): string {
  const trimmed = ref.trim();
  if (trimmed === '' || trimmed === PREFIX)
    throw new CliError([`ID: expected an agreement id or a workflow id (${PREFIX}<id>)`]);
  return trimmed.startsWith(PREFIX) ? trimmed : lifecycleWorkflowId(trimmed);
}

/** Prints `value` as indented JSON on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
