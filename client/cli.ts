/**
 * The `pacte` command line. Each subcommand lives in `client/commands/<name>.ts` and exports
 * `register(program)`; to add one, import its `register` below and append it to {@link COMMANDS}.
 *
 * Errors: a {@link CliError} prints its lines on stderr and exits with its code; anything else
 * prints its message on stderr and exits 1, with the stack only when `PACTE_DEBUG=1`.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error';
import { register as list } from './commands/list';
import { register as operations } from './commands/operations';
import { register as plan } from './commands/plan';
import { register as preview } from './commands/preview';
import { register as show } from './commands/show';
import { register as start } from './commands/start';
import { register as connectionOptions } from './global-options';

/** Subcommand registrations, in help order. */
const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  connectionOptions,
  plan,
  preview,
  start,
  list,
  show,
  operations,
];

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

export function buildProgram(): Command {
  const program = new Command('pacte')
    .description('Governance calendars of CNFPT partnership agreements, run as Temporal workflows')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  // `pacte plan x.yaml | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode; // commander already printed help/usage
    if (e instanceof CliError) {
      for (const line of e.lines) process.stderr.write(`${line}\n`);
      return e.exitCode;
    }
    const debug = process.env.PACTE_DEBUG === '1';
    process.stderr.write(
      `pacte: ${debug && e instanceof Error && e.stack ? e.stack : e instanceof Error ? e.message : String(e)}\n`,
    );
    return 1;
  }
}
