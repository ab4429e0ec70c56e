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
import type { Command } from 'commander';
import type { Agreement } from '../../domain/agreement';
import { CliError } from '../cli-error';
import { connectionFlags } from '../global-options';
import { printJson } from '../lifecycle-ref';
import type { StartedLifecycle } from '../start-lifecycle';
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
  const { startLifecycle } = await import('../start-lifecycle');
  const started = await withClient(connectionFlags(command), async ({ client, namespace }) => ({
    namespace,
    outcome: await startLifecycle(client, namespace, agreement, taskQueue),
  }));
  const { namespace, outcome } = started;
  if (!outcome.ok) throw refusal(outcome, agreement);
  const result: Started = {
    workflowId: outcome.workflowId,
    runId: outcome.runId,
    namespace,
    taskQueue,
    url: webUiUrl(namespace, outcome.workflowId),
  };
  if (!outcome.polled) {
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
      `  workflow id  ${result.workflowId}`,
      `  run id       ${result.runId}`,
      `  task queue   ${result.taskQueue} (namespace ${result.namespace})`,
      `  web UI       ${result.url}`,
      '',
    ].join('\n'),
  );
}

/** Why the server refused: the lifecycle is running, or it already ran to its end. */
function refusal(outcome: Exclude<StartedLifecycle, { ok: true }>, agreement: Agreement): CliError {
  if (outcome.kind === 'running') {
    const when = outcome.startedAt ? ` (started ${outcome.startedAt.toISOString()})` : '';
    return new CliError([
      `${outcome.workflowId} is already running${when}; use \`pacte amend ${agreement.id} FILE\` to change it`,
    ]);
  }
  const when = outcome.closedAt ? ` on ${outcome.closedAt.toISOString()}` : '';
  return new CliError([
    `${outcome.workflowId} already ran to its end (${outcome.status}${when}); an agreement's lifecycle is started once — a renewed agreement needs its own id (\`pacte renew\`)`,
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
