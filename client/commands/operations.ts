/**
 * The operations coordinators record in a running lifecycle, one command each
 * (docs/domain.md#what-coordinators-record):
 * `census-answer`, `retain-projects`, `submit-sheet`, `meeting-held`, `amend`, `give-notice`,
 * `renewal-meeting`, `renew`, `dispute`, `change-person`, `indicators-sent`, `decline-reminder`.
 *
 * Every command builds the update's input from its options (or a file), validates it with the
 * zod schema the workflow uses (`domain/operations.ts`) BEFORE connecting, then sends it with
 * `executeUpdate` to `agreement-<id>`. Bad input never leaves the machine; input only the
 * lifecycle can judge (an unknown party, a date in the future, a year without census) is refused
 * by the workflow's validator, which changes nothing and answers an `InvalidOperation` failure
 * whose lines are printed as they are (`field: message`), exit 1.
 *
 * Every operation says it comes from the CLI (`recordedBy`, kept in the lifecycle's journal),
 * with the account `PACTE_ACCOUNT` names, else the user running the command.
 *
 * @module
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { describeZodError } from '../../domain/operations';
import { OPERATIONS, type Operation } from '../../contracts/operations';
import type { OperationResult } from '../../contracts/messages';
import { readAgreementFile } from '../agreement-file';
import { CliError } from '../cli-error';
import { readDataFile, readMappingFile } from '../data-file';
import { connectionFlags } from '../global-options';
import { printJson, workflowIdOf } from '../lifecycle-ref';
import { operationLine } from '../render/operation-outcome';

interface Common {
  json?: boolean;
}

/** Validates `input` with the operation's schema, sends it as its update and prints the lifecycle's answer. */
export async function runOperation<Input, Parsed extends Input, Result extends OperationResult>(
  ref: string,
  { update, schema }: Operation<Input, Parsed, Result>,
  input: unknown,
  options: Common,
  command: Command,
): Promise<Result> {
  const workflowId = workflowIdOf(ref);
  const parsed = schema.safeParse(withRecordedBy(input));
  if (!parsed.success) throw new CliError(describeZodError(parsed.error));

  const { withClient } = await import('../connection');
  const { sendOperation } = await import('../send-operation');
  // Every operation answers at least an OperationResult; the extra fields are printed with --json.
  const sent = await withClient(connectionFlags(command), ({ client }) =>
    sendOperation(client, workflowId, update, parsed.data),
  );
  if (!sent.ok) {
    if (sent.kind === 'refused') throw new CliError(sent.problems);
    if (sent.kind === 'failed') throw new CliError([`${workflowId}: the operation failed: ${sent.message}`]);
    throw new CliError([
      `${workflowId} has ended (${sent.status}): an ended lifecycle takes no more operations (see \`pacte show ${ref}\`)`,
    ]);
  }
  const result = sent.result;
  if (options.json) printJson(result);
  else process.stdout.write(`${operationLine(workflowId, result)}\n`);
  return result;
}

/** Who records from here: the CLI, and the account running it (kept in the lifecycle's journal only). */
function withRecordedBy(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || 'recordedBy' in input) return input;
  let account = process.env.PACTE_ACCOUNT?.trim();
  if (!account) {
    try {
      account = userInfo().username;
    } catch {
      account = undefined; // no user name in this container: the channel alone is said
    }
  }
  return { ...input, recordedBy: { via: 'cli', ...(account ? { account: account.slice(0, 200) } : {}) } };
}

/** `"2025"` → 2025; anything else is passed on as written for the schema to refuse by name. */
function numeric(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  return /^-?\d+$/.test(value.trim()) ? Number(value) : value;
}

/** Drops undefined values: the schemas are strict about keys, and `--on` left out means "today". */
function defined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

/** `id:title:lead1,lead2` (a title may hold colons: the first field is the id, the last the leads). */
export function parseProjectSpec(spec: string, index: number): { id: string; title: string; leads: string[] } {
  const parts = spec.split(':');
  if (parts.length < 3) throw new CliError([`--project[${index}]: expected id:title:lead1,lead2 (got '${spec}')`]);
  const id = parts[0]!.trim();
  const leads = parts
    .at(-1)!
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const title = parts.slice(1, -1).join(':').trim();
  return { id, title, leads };
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Reads an agreement file for `amend`/`renew`: validated here, sent as written (the workflow parses it again). */
async function agreementFileInput(file: string, summary: string | undefined): Promise<unknown> {
  const checked = await readAgreementFile(file);
  if (!checked.ok) throw new CliError(checked.problems.map((p) => `${file}: ${p}`));
  return defined({ agreement: await readDataFile(file), summary });
}

const JSON_HELP = "print the lifecycle's answer as JSON";
const ID_HELP = 'agreement id or workflow id (agreement-<id>)';

export function register(program: Command): void {
  program
    .command('census-answer')
    .description('record the answer to the yearly training census (art. 9)')
    .argument('<id>', ID_HELP)
    .requiredOption('--year <year>', 'census year')
    .option('--on <date>', 'date of the answer, YYYY-MM-DD (default: today)')
    .option('--json', JSON_HELP)
    .action(async (id: string, o: Common & { year: string; on?: string }, command: Command) => {
      await runOperation(
        id,
        OPERATIONS.recordCensusAnswer,
        defined({ year: numeric(o.year), answeredOn: o.on }),
        o,
        command,
      );
    });

  program
    .command('retain-projects')
    .description('notify the projects retained after a census: one project sheet is then due per project (art. 9)')
    .argument('<id>', ID_HELP)
    .option('--year <year>', 'census year')
    .option(
      '--project <id:title:leads>',
      'a retained project, e.g. "mgmt:Management training:lead-a,lead-b" (repeatable)',
      collect,
    )
    .option('--file <file>', 'YAML/JSON with {year, notifiedOn?, projects: [{id, title, leads}]}; options override it')
    .option('--on <date>', 'date of the notification, YYYY-MM-DD (default: today)')
    .option('--json', JSON_HELP)
    .action(
      async (
        id: string,
        o: Common & { year?: string; project?: string[]; file?: string; on?: string },
        command: Command,
      ) => {
        const base = o.file ? await readMappingFile(o.file) : {};
        const input = defined({
          ...base,
          year: numeric(o.year) ?? base.year,
          notifiedOn: o.on ?? base.notifiedOn,
          projects: o.project ? o.project.map(parseProjectSpec) : base.projects,
        });
        await runOperation(id, OPERATIONS.notifyRetainedProjects, input, o, command);
      },
    );

  program
    .command('submit-sheet')
    .description('record a project sheet received (art. 9)')
    .argument('<id>', ID_HELP)
    .option('--project <project>', 'project id')
    .option('--label <text>', 'training label')
    .option('--place <text>', 'place')
    .option('--period <text>', 'period')
    .option('--mode <mode>', 'presentiel, distance or mixte')
    .option('--participants <n>', 'expected participants')
    .option('--regulated', 'a regulated training (exempt from the minimum of participants)')
    .option('--context <text>', 'context')
    .option('--objectives <text>', 'objectives')
    .option('--file <file>', 'YAML/JSON with the sheet fields (projectId, label, place, …); options override it')
    .option('--on <date>', 'date received, YYYY-MM-DD (default: today)')
    .option('--json', JSON_HELP)
    .action(
      async (
        id: string,
        o: Common &
          Partial<
            Record<
              | 'project'
              | 'label'
              | 'place'
              | 'period'
              | 'mode'
              | 'participants'
              | 'context'
              | 'objectives'
              | 'file'
              | 'on',
              string
            >
          > & { regulated?: boolean },
        command: Command,
      ) => {
        const base = o.file ? await readMappingFile(o.file) : {};
        const input = defined({
          ...base,
          projectId: o.project ?? base.projectId,
          label: o.label ?? base.label,
          place: o.place ?? base.place,
          period: o.period ?? base.period,
          mode: o.mode ?? base.mode,
          participants: numeric(o.participants) ?? base.participants,
          regulated: o.regulated ?? base.regulated,
          context: o.context ?? base.context,
          objectives: o.objectives ?? base.objectives,
          submittedOn: o.on ?? base.submittedOn,
        });
        await runOperation(id, OPERATIONS.submitProjectSheet, input, o, command);
      },
    );

  program
    .command('meeting-held')
    .description('record that a planned meeting took place (its calendar entry id, as `pacte show` lists it)')
    .argument('<id>', ID_HELP)
    .requiredOption('--entry <entry-id>', 'calendar entry id, e.g. annual-review-2026-12-08')
    .option('--on <date>', 'date held, YYYY-MM-DD (default: today)')
    .option('--minutes <url>', 'link to the minutes')
    .option('--tracking <state>', 'tracking table: up-to-date, late or not-applicable')
    .option(
      '--axis <axis-id...>',
      'a late table: the axes whose pilots and project leads are told (default: pilots only)',
    )
    .option('--json', JSON_HELP)
    .action(
      async (
        id: string,
        o: Common & { entry: string; on?: string; minutes?: string; tracking?: string; axis?: string[] },
        command: Command,
      ) => {
        const input = defined({
          entryId: o.entry,
          heldOn: o.on,
          minutesUrl: o.minutes,
          trackingTable: o.tracking,
          axes: o.axis,
        });
        await runOperation(id, OPERATIONS.recordMeeting, input, o, command);
      },
    );

  program
    .command('amend')
    .description('put an amendment in force: the whole amended agreement file, same id (art. 13)')
    .argument('<id>', ID_HELP)
    .argument('<file>', 'the amended agreement file (.yaml, .yml or .json)')
    .option('--summary <text>', 'what the amendment changes')
    .option('--json', JSON_HELP)
    .action(async (id: string, file: string, o: Common & { summary?: string }, command: Command) => {
      await runOperation(id, OPERATIONS.amendAgreement, await agreementFileInput(file, o.summary), o, command);
    });

  program
    .command('give-notice')
    .description('record that a party gave notice: the agreement ends after the notice period (art. 12)')
    .argument('<id>', ID_HELP)
    .requiredOption('--by <party>', 'party id')
    .option('--on <date>', 'date notice was given, YYYY-MM-DD (default: today)')
    .option('--json', JSON_HELP)
    .action(async (id: string, o: Common & { by: string; on?: string }, command: Command) => {
      await runOperation(id, OPERATIONS.giveNotice, defined({ byParty: o.by, givenOn: o.on }), o, command);
    });

  program
    .command('renewal-meeting')
    .description('record the meeting held within the twelve months before expiry (art. 12)')
    .argument('<id>', ID_HELP)
    .option('--on <date>', 'date held, YYYY-MM-DD (default: today)')
    .option('--json', JSON_HELP)
    .action(async (id: string, o: Common & { on?: string }, command: Command) => {
      await runOperation(id, OPERATIONS.recordRenewalMeeting, defined({ heldOn: o.on }), o, command);
    });

  program
    .command('renew')
    .description("renew the agreement: the successor's file (its own id) starts its own lifecycle")
    .argument('<id>', ID_HELP)
    .argument('<file>', "the successor agreement's file (.yaml, .yml or .json)")
    .option('--summary <text>', 'a note on the renewal')
    .option('--json', JSON_HELP)
    .action(async (id: string, file: string, o: Common & { summary?: string }, command: Command) => {
      await runOperation(id, OPERATIONS.renewAgreement, await agreementFileInput(file, o.summary), o, command);
    });

  program
    .command('dispute')
    .description('record a dispute notified by a party: two months of amicable settlement before any court (art. 14)')
    .argument('<id>', ID_HELP)
    .requiredOption('--by <party>', 'party id')
    .option('--on <date>', 'date notified, YYYY-MM-DD (default: today)')
    .option('--subject <text>', 'what it is about')
    .option('--json', JSON_HELP)
    .action(async (id: string, o: Common & { by: string; on?: string; subject?: string }, command: Command) => {
      await runOperation(
        id,
        OPERATIONS.recordDispute,
        defined({ byParty: o.by, notifiedOn: o.on, subject: o.subject }),
        o,
        command,
      );
    });

  program
    .command('change-person')
    .description(
      'replace, remove or hand over one person from a date, without rewriting the agreement file: ' +
        'new name or e-mail (--name, --email), --remove, or --new <id> --name --email to take over their roles',
    )
    .argument('<id>', ID_HELP)
    .requiredOption('--person <person-id>', 'the person replaced, removed or whose roles are taken over')
    .option('--remove', 'remove the person: their roles and places are dropped')
    .option('--new <person-id>', 'id of a new person who takes over every role and place of --person')
    .option('--name <name>', 'the new name (replace) or the new person’s name (--new)')
    .option('--email <email>', 'the new e-mail (replace) or the new person’s e-mail (--new)')
    .option('--from <date>', 'effective from, YYYY-MM-DD (default: today)')
    .option('--json', JSON_HELP)
    .action(
      async (
        id: string,
        o: Common & { person: string; remove?: boolean; new?: string; name?: string; email?: string; from?: string },
        command: Command,
      ) => {
        if (o.remove && (o.new !== undefined || o.name !== undefined || o.email !== undefined))
          throw new CliError(['--remove: takes no --new, --name or --email']);
        const input = o.remove
          ? defined({ change: 'remove', personId: o.person, effectiveOn: o.from })
          : o.new !== undefined
            ? defined({
                change: 'add',
                personId: o.person,
                person: defined({ id: o.new, name: o.name, email: o.email }),
                effectiveOn: o.from,
              })
            : defined({ change: 'replace', personId: o.person, name: o.name, email: o.email, effectiveOn: o.from });
        await runOperation(id, OPERATIONS.changePerson, input, o, command);
      },
    );

  program
    .command('indicators-sent')
    .description(
      'record that the art. 8 indicators of a meeting occurrence were sent (its calendar entry id): their reminders stop',
    )
    .argument('<id>', ID_HELP)
    .requiredOption('--entry <entry-id>', 'calendar entry id of the meeting they feed, e.g. annual-review-2026-12-08')
    .option('--on <date>', 'date sent, YYYY-MM-DD (default: today)')
    .option('--url <url>', 'where the indicators are shared (https://)')
    .option('--json', JSON_HELP)
    .action(async (id: string, o: Common & { entry: string; on?: string; url?: string }, command: Command) => {
      const input = defined({ entryId: o.entry, sentOn: o.on, url: o.url });
      await runOperation(id, OPERATIONS.recordIndicators, input, o, command);
    });

  program
    .command('decline-reminder')
    .description(
      "record that a reminder no longer concerns a person who receives it: the agreement's referents are told " +
        'the same day; nobody is removed until a referent changes the person (change-person)',
    )
    .argument('<id>', ID_HELP)
    .requiredOption('--person <person-id>', 'the person the reminder no longer concerns')
    .requiredOption('--purpose <purpose>', 'the kind of reminder, e.g. meeting, indicators, project-sheet')
    .requiredOption('--subject <subject-id>', 'calendar entry id, or sheet-<year>-<project id> for a project sheet')
    .option('--reason <text>', 'why (500 characters at most)')
    .option('--json', JSON_HELP)
    .action(
      async (
        id: string,
        o: Common & { person: string; purpose: string; subject: string; reason?: string },
        command: Command,
      ) => {
        const input = defined({ purpose: o.purpose, subjectId: o.subject, personId: o.person, reason: o.reason });
        await runOperation(id, OPERATIONS.declineReminder, input, o, command);
      },
    );
}
