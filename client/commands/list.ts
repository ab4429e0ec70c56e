/**
 * `pacte list [--phase P] [--kind K] [--running] [--json]`: the lifecycles the server knows,
 * from its visibility store (eventually consistent: a lifecycle started a second ago may not be
 * listed yet). Reads Pacte's typed search attributes (docs/contracts.md#search-attributes), so it
 * needs no worker.
 *
 * @module
 */
import type { Command } from 'commander';
import { AGREEMENT_KINDS } from '../../domain/agreement';
import { PHASES } from '../../contracts/lifecycle-state';
import { CliError } from '../cli-error';
import { connectionFlags } from '../global-options';
import { printJson } from '../lifecycle-ref';
import { renderListTable, type ListedLifecycle } from '../render/list-table';

export interface ListOptions {
  phase?: string;
  kind?: string;
  running?: boolean;
  json?: boolean;
  limit?: string;
}

/** The visibility query; filter values are checked against closed lists, so no quoting issue. */
export function listQuery(options: ListOptions): string {
  const problems: string[] = [];
  if (options.phase !== undefined && !(PHASES as readonly string[]).includes(options.phase)) {
    problems.push(`--phase: expected one of ${PHASES.join(', ')} (got '${options.phase}')`);
  }
  if (options.kind !== undefined && !(AGREEMENT_KINDS as readonly string[]).includes(options.kind)) {
    problems.push(`--kind: expected one of ${AGREEMENT_KINDS.join(', ')} (got '${options.kind}')`);
  }
  if (problems.length) throw new CliError(problems);
  const clauses = ["WorkflowType = 'agreementLifecycle'"];
  if (options.phase) clauses.push(`AgreementPhase = '${options.phase}'`);
  if (options.kind) clauses.push(`AgreementKind = '${options.kind}'`);
  if (options.running) clauses.push("ExecutionStatus = 'Running'");
  return clauses.join(' AND ');
}

function limitOf(options: ListOptions): number {
  if (options.limit === undefined) return 1000;
  const n = Number(options.limit);
  if (!Number.isInteger(n) || n < 1)
    throw new CliError([`--limit: expected a positive whole number (got '${options.limit}')`]);
  return n;
}

export async function runList(options: ListOptions, command: Command): Promise<void> {
  const query = listQuery(options);
  const limit = limitOf(options);
  const { withClient } = await import('../connection');
  const { AgreementEndsOn, AgreementId, AgreementKind, AgreementPhase, NextDeadline, Parties } =
    await import('../../contracts/search-attributes');
  const rows = await withClient(connectionFlags(command), async ({ client }) => {
    const out: ListedLifecycle[] = [];
    for await (const info of client.workflow.list({ query })) {
      const sa = info.typedSearchAttributes;
      const endsOn = sa.get(AgreementEndsOn);
      const next = sa.get(NextDeadline);
      const title = info.memo?.title;
      out.push({
        workflowId: info.workflowId,
        runId: info.runId,
        agreementId: sa.get(AgreementId) ?? info.workflowId,
        kind: sa.get(AgreementKind) ?? null,
        phase: sa.get(AgreementPhase) ?? null,
        status: info.status.name,
        // Only a running lifecycle has a deadline ahead; a closed one keeps its last value.
        nextDeadline: next && info.status.name === 'RUNNING' ? next.toISOString() : null,
        // Stored as midnight UTC of the local end date (search-attributes.ts): the date part is it.
        endsOn: endsOn ? endsOn.toISOString().slice(0, 10) : null,
        parties: sa.get(Parties) ?? [],
        title: typeof title === 'string' ? title : null,
        startTime: info.startTime.toISOString(),
        closeTime: info.closeTime ? info.closeTime.toISOString() : null,
      });
      if (out.length >= limit) break;
    }
    return out;
  });
  if (options.json) printJson(rows);
  else process.stdout.write(renderListTable(rows));
}

export function register(program: Command): void {
  program
    .command('list')
    .description("list agreement lifecycles (from the server's visibility store)")
    .option('--phase <phase>', `only this phase (${PHASES.join(', ')})`)
    .option('--kind <kind>', `only this kind (${AGREEMENT_KINDS.join(', ')})`)
    .option('--running', 'only running lifecycles')
    .option('--limit <n>', 'at most N lifecycles (default 1000)')
    .option('--json', 'print an array of lifecycles as JSON')
    .action(async (options: ListOptions, command: Command) => runList(options, command));
}
