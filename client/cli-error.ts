/**
 * An expected failure of a `pacte` command: its lines go to stderr as they are, without a stack,
 * and the process exits with `exitCode`. Anything else thrown is an unexpected error.
 *
 * @module
 */
export class CliError extends Error {
  constructor(
    readonly lines: string[],
    readonly exitCode = 1,
  ) {
    super(lines.join('\n'));
    this.name = 'CliError';
  }
}
