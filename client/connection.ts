/**
 * A Temporal client for the `pacte` commands. Where to connect comes from the Temporal
 * environment configuration (`@temporalio/envconfig`: `TEMPORAL_ADDRESS`, `TEMPORAL_NAMESPACE`,
 * `TEMPORAL_API_KEY`, TLS variables, `TEMPORAL_PROFILE` and the config file), overridden by the
 * global `--address` / `--namespace` options.
 *
 * Also turns the SDK's errors that users actually meet (server down, no such lifecycle, a
 * lifecycle that has ended) into {@link CliError}s that say what to do.
 *
 * Payloads are encrypted and decrypted with the worker's keys when `PACTE_CODEC_KEYS` or
 * `PACTE_CODEC_KEYS_FILE` is set (codec/); without them the client speaks plain JSON, which
 * matches a worker run with `PACTE_CODEC=off`.
 *
 * Loaded lazily by the commands that need it: it pulls in the whole Temporal client.
 *
 * @module
 */
import { Client, Connection, ServiceError } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { clientDataConverter } from '../codec';
import { CliError } from './cli-error';
import type { ConnectionFlags } from './global-options';

const DEFAULT_ADDRESS = 'localhost:7233';
const DEFAULT_NAMESPACE = 'default';
/** A command line waits a few seconds for a server, not the SDK's default of ten. */
const CONNECT_TIMEOUT = '5 seconds';

export interface PacteClient {
  client: Client;
  address: string;
  namespace: string;
  close(): Promise<void>;
}

/** Where the commands connect, after the environment configuration and the flags. */
export function resolveConnection(flags: ConnectionFlags): {
  address: string;
  namespace: string;
  config: ReturnType<typeof loadClientConnectConfig>;
} {
  let config: ReturnType<typeof loadClientConnectConfig>;
  try {
    config = loadClientConnectConfig();
  } catch (e) {
    throw new CliError([`Temporal configuration: ${e instanceof Error ? e.message : String(e)}`]);
  }
  return {
    address: flags.address ?? config.connectionOptions.address ?? DEFAULT_ADDRESS,
    namespace: flags.namespace ?? config.namespace ?? DEFAULT_NAMESPACE,
    config,
  };
}

/** Connects, or throws a {@link CliError} naming the address when the server does not answer. */
export async function openClient(flags: ConnectionFlags): Promise<PacteClient> {
  const { address, namespace, config } = resolveConnection(flags);
  const { tls, apiKey, metadata } = config.connectionOptions;
  let dataConverter: ReturnType<typeof clientDataConverter>;
  try {
    dataConverter = clientDataConverter();
  } catch (e) {
    throw new CliError([`payload encryption: ${e instanceof Error ? e.message : String(e)}`]);
  }
  let connection: Connection;
  try {
    connection = await Connection.connect({
      address,
      ...(tls !== undefined ? { tls } : {}),
      ...(apiKey !== undefined ? { apiKey } : {}),
      ...(metadata !== undefined ? { metadata } : {}),
      connectTimeout: CONNECT_TIMEOUT,
    });
  } catch (e) {
    throw unreachable(address, e);
  }
  return {
    client: new Client({ connection, namespace, ...(dataConverter ? { dataConverter } : {}) }),
    address,
    namespace,
    close: () => connection.close(),
  };
}

/** Runs `fn` with a connected client and always closes the connection (the process can exit). */
export async function withClient<T>(flags: ConnectionFlags, fn: (pacte: PacteClient) => Promise<T>): Promise<T> {
  const pacte = await openClient(flags);
  try {
    return await fn(pacte);
  } catch (e) {
    throw explain(e, pacte);
  } finally {
    await pacte.close();
  }
}

function unreachable(address: string, e: unknown): CliError {
  const cause = e instanceof ServiceError && e.cause ? e.cause : e;
  const detail = cause instanceof Error ? cause.message : String(cause);
  const debug = process.env.PACTE_DEBUG === '1' ? [`  (${detail})`] : [];
  // A refused or timed-out connection is by far the usual case: say what to start.
  if (/deadline|ECONNREFUSED|UNAVAILABLE|No connection established|ENOTFOUND|EAI_AGAIN/i.test(detail)) {
    return new CliError([`cannot reach Temporal at ${address}: is \`npm start\` running?`, ...debug]);
  }
  return new CliError([`cannot connect to Temporal at ${address}: ${detail}`]);
}

/** SDK errors common to every command, in the user's terms; anything else is passed through. */
function explain(e: unknown, pacte: PacteClient): unknown {
  if (e instanceof CliError) return e;
  if (e instanceof WorkflowNotFoundError) {
    const id = e.workflowId || 'with this id';
    // An update sent to a closed workflow comes back as "not found" with this detail.
    if (/already (completed|finished)/i.test(e.message)) {
      return new CliError([`${id} has ended: an ended lifecycle takes no more operations (see \`pacte show ${id}\`)`]);
    }
    return new CliError([
      `no lifecycle ${id} in namespace ${pacte.namespace} at ${pacte.address}: start it with \`pacte start FILE\``,
    ]);
  }
  if (e instanceof ServiceError && isUnavailable(e.cause)) {
    return unreachable(pacte.address, e);
  }
  return e;
}

function isUnavailable(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 14;
}
