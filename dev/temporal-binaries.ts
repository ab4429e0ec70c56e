/**
 * Where the Temporal servers come from on this machine.
 *
 * The SDK downloads its dev server and time-skipping test server at run time from a host that
 * Pacte's machines cannot reach. `scripts/install-temporal.sh` builds both from the registries
 * that are reachable (Go module proxy, Maven Central) into a cache outside the repository; this
 * module hands them to the SDK as `existing-path` executables. Resolution order:
 *   1. `TEMPORAL_CLI_PATH` / `TEMPORAL_TEST_SERVER_PATH` (must exist: a wrong path is an error);
 *   2. the project cache (`PACTE_CACHE_DIR`, default `~/.cache/pacte/bin`);
 * Nothing else: the SDK's own download would hang on these machines, so a missing server is an
 * error that names the command building it.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { EphemeralServerExecutable } from '@temporalio/testing';

/** The folder `scripts/install-temporal.sh` writes to. */
export function pacteCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.PACTE_CACHE_DIR || join(homedir(), '.cache', 'pacte');
}

export interface ResolvedExecutable {
  executable: EphemeralServerExecutable;
  /** Human description, printed by tests and `npm start`. */
  source: string;
}

function resolve(envVar: string, cachedName: string, env: NodeJS.ProcessEnv): ResolvedExecutable {
  const fromEnv = env[envVar];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${envVar}=${fromEnv}: no such file`);
    return { executable: { type: 'existing-path', path: fromEnv }, source: `${fromEnv} (from ${envVar})` };
  }
  const cached = join(pacteCacheDir(env), 'bin', cachedName);
  if (existsSync(cached))
    return { executable: { type: 'existing-path', path: cached }, source: `${cached} (project cache)` };
  throw new Error(
    `no ${cachedName} in ${join(pacteCacheDir(env), 'bin')}: run \`npm run setup:servers\` (or set ${envVar})`,
  );
}

/**
 * The Temporal CLI, run by the SDK as
 * `<path> server start-dev --port P --namespace N --ip IP --log-format F --log-level L
 *  --dynamic-config-value … [--db-filename F] (--ui-port U | --headless) [extraArgs…]`.
 */
export function devServerExecutable(env: NodeJS.ProcessEnv = process.env): ResolvedExecutable {
  return resolve('TEMPORAL_CLI_PATH', 'temporal', env);
}

/**
 * The Java time-skipping test server, run by the SDK as `<path> <port> [extraArgs…]`;
 * the cached launcher `exec`s `java … io.temporal.testserver.TestServer "$@"`.
 */
export function timeSkippingServerExecutable(env: NodeJS.ProcessEnv = process.env): ResolvedExecutable {
  return resolve('TEMPORAL_TEST_SERVER_PATH', 'temporal-test-server', env);
}
