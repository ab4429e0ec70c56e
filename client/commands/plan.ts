/**
 * `pacte plan FILE [--json | --ics [OUT]] [--from YYYY-MM-DD]`: validates an agreement file and
 * prints its calendar without starting anything (docs/contracts.md#plan-json). Readable text by
 * default, `--json` for the public {@link Plan} contract, `--ics` for calendar applications.
 *
 * An invalid file prints every problem on stderr, prefixed by the file name, and exits 1 with
 * nothing on stdout.
 *
 * @module
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import type { Agreement } from '../../domain/agreement';
import { localDateProblem } from '../../domain/field-checks';
import { planCalendar, toPublicPlan } from '../../domain/calendar';
import type { Calendar, CalendarFacts } from '../../domain/calendar-types';
import { pacteDefaultsUsed, type PacteDefault } from '../../domain/pacte-defaults';
import { readAgreementData, readAgreementFile } from '../agreement-file';
import { CliError } from '../cli-error';
import { renderPlanIcs } from '../render/plan-ics';
import { renderPlanTable } from '../render/plan-table';

export interface PlanOptions {
  json?: boolean;
  /** `true` for stdout, or the output path. */
  ics?: boolean | string;
  from?: string;
}

/** Reads and validates `file`, or throws a {@link CliError} listing its problems. */
export async function loadAgreementOrFail(file: string): Promise<Agreement> {
  const result = await readAgreementFile(file);
  if (!result.ok) throw new CliError(result.problems.map((p) => `${file}: ${p}`));
  return result.agreement;
}

/** The values of a valid `file` that came from Pacte's defaults, no source giving them. */
export async function pacteDefaultsOfFile(file: string): Promise<PacteDefault[]> {
  const read = readAgreementData(await readFile(file, 'utf8'), file);
  return read.ok ? pacteDefaultsUsed(read.data) : [];
}

/** The calendar, leaving out what comes before `from` (a local date in the agreement's zone). */
export function planFrom(agreement: Agreement, from?: string): Calendar {
  const facts: CalendarFacts = {};
  if (from !== undefined) {
    const problem = localDateProblem(from);
    if (problem) throw new CliError([`--from: ${problem}`]);
    facts.now = DateTime.fromISO(from, { zone: agreement.timezone }).startOf('day').toISO() as string;
  }
  return planCalendar(agreement, facts);
}

export async function runPlan(file: string, options: PlanOptions): Promise<void> {
  if (options.json && options.ics !== undefined) throw new CliError(['pacte plan: choose one of --json and --ics']);
  const agreement = await loadAgreementOrFail(file);
  const calendar = planFrom(agreement, options.from);

  if (options.json) {
    process.stdout.write(`${JSON.stringify(toPublicPlan(calendar), null, 2)}\n`);
  } else if (options.ics !== undefined) {
    const text = renderPlanIcs(agreement, calendar);
    if (typeof options.ics === 'string') await writeFile(options.ics, text, 'utf8');
    else process.stdout.write(text);
  } else {
    const pacteDefaults = await pacteDefaultsOfFile(file);
    process.stdout.write(
      renderPlanTable(agreement, calendar, { ...(options.from ? { from: options.from } : {}), pacteDefaults }),
    );
  }
}

export function register(program: Command): void {
  program
    .command('plan')
    .description('validate an agreement file and print its governance calendar, without starting anything')
    .argument('<file>', 'agreement file (.yaml, .yml or .json)')
    .option('--json', 'print the plan as JSON (the public contract, docs/contracts.md)')
    .option('--ics [out]', 'write the plan as iCalendar (RFC 5545) to OUT, or to stdout')
    .option('--from <date>', 'leave out what comes before this local date (YYYY-MM-DD)')
    .action(async (file: string, options: PlanOptions) => runPlan(file, options));
}
