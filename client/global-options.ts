/**
 * The options every command that talks to Temporal shares: `--address` and `--namespace`, given
 * before or after the subcommand (`pacte --address h:7233 list` or `pacte list --address h:7233`).
 * They override the Temporal environment configuration (`TEMPORAL_ADDRESS`, `TEMPORAL_NAMESPACE`,
 * profiles), which {@link ./connection} reads.
 *
 * Kept apart from `connection.ts` so that registering them does not load the Temporal SDK: the
 * offline commands (`pacte plan`) stay quick to start.
 *
 * @module
 */
import type { Command } from 'commander';

export interface ConnectionFlags {
  address?: string;
  namespace?: string;
}

export function register(program: Command): void {
  program
    .option(
      '--address <host:port>',
      'Temporal frontend address (default: TEMPORAL_ADDRESS, the profile, or localhost:7233)',
    )
    .option('--namespace <name>', 'Temporal namespace (default: TEMPORAL_NAMESPACE, the profile, or default)');
}

/** The connection flags of the program, wherever on the command line they were given. */
export function connectionFlags(command: Command): ConnectionFlags {
  const all = command.optsWithGlobals<ConnectionFlags & Record<string, unknown>>();
  return {
    ...(all.address ? { address: all.address } : {}),
    ...(all.namespace ? { namespace: all.namespace } : {}),
  };
}
