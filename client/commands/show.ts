/**
 * `pacte show ID [--json] [--lang fr|en]`: the current state of one lifecycle, from its `state`
 * query (answered by a worker, also for a lifecycle that has ended), with its execution status
 * from the server. ID is the agreement id or the workflow id.
 *
 * @module
 */
import type { Command } from 'commander';
import { LOCALES, type Locale } from '../../domain/agreement';
import { CliError } from '../cli-error';
import { connectionFlags } from '../global-options';
import { printJson, workflowIdOf } from '../lifecycle-ref';
import { renderStateView } from '../render/state-view';

export interface ShowOptions {
  json?: boolean;
  lang?: string;
}

function localeOf(options: ShowOptions): Locale {
  const lang = options.lang ?? process.env.PACTE_LANG ?? 'fr';
  if (!(LOCALES as readonly string[]).includes(lang))
    throw new CliError([`--lang: expected one of ${LOCALES.join(', ')} (got '${lang}')`]);
  return lang as Locale;
}

export async function runShow(ref: string, options: ShowOptions, command: Command): Promise<void> {
  const workflowId = workflowIdOf(ref);
  const locale = localeOf(options);
  const { withClient } = await import('../connection');
  const { stateQuery } = await import('../../contracts/messages');
  const { view, status, runId } = await withClient(connectionFlags(command), async ({ client }) => {
    const handle = client.workflow.getHandle(workflowId);
    // Describe first: it says "not found" cleanly, where a query would wait for a worker.
    const description = await handle.describe();
    const view = await handle.query(stateQuery);
    return { view, status: description.status.name, runId: description.runId };
  });
  if (options.json) printJson({ workflowId, runId, status, ...view });
  else process.stdout.write(renderStateView(view, { workflowId, status, locale }));
}

export function register(program: Command): void {
  program
    .command('show')
    .description('show the state of a lifecycle: phase, next events, project sheets, records, reminders sent')
    .argument('<id>', 'agreement id or workflow id (agreement-<id>)')
    .option('--lang <lang>', `language of the text (${LOCALES.join(', ')}; default PACTE_LANG or fr)`)
    .option('--json', 'print the state view as JSON (with workflowId, runId and status)')
    .action(async (ref: string, options: ShowOptions, command: Command) => runShow(ref, options, command));
}
