/**
 * `npm start`: Pacte on one machine, for trying it and for development.
 *   1. the Temporal dev server (the CLI built by `npm run setup:servers`), with its Web UI, a
 *      SQLite file that keeps lifecycles across restarts, and Pacte's search attributes;
 *   2. a local mail catcher (unless `SMTP_URL` names a real server);
 *   3. the Pacte worker.
 * Ctrl-C stops all three. An already running Temporal server on the port is reused.
 *
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { PACTE_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { runWorker } from '../worker/main';
import { startMailCatcher, type MailCatcher } from './mail-catcher';
import { devServerExecutable, pacteCacheDir } from './temporal-binaries';

const env = process.env;
const GRPC_PORT = Number(env.PACTE_TEMPORAL_PORT || 7233);
const UI_PORT = Number(env.PACTE_UI_PORT || 8233);
const MAIL_PORT = Number(env.PACTE_MAIL_PORT || 1025);
const SA_TYPES: Record<string, string> = { KEYWORD: 'Keyword', DATETIME: 'Datetime', KEYWORD_LIST: 'KeywordList' };

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function waitForPort(port: number, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await listening(port))) {
    if (Date.now() > deadline) throw new Error(`${what} did not listen on port ${port} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function startTemporal(): Promise<ChildProcess | undefined> {
  if (await listening(GRPC_PORT)) {
    console.log(`[pacte] a Temporal server already listens on 127.0.0.1:${GRPC_PORT}: using it`);
    return undefined;
  }
  const { executable, source } = devServerExecutable();
  if (executable.type !== 'existing-path') {
    throw new Error('no Temporal CLI found: run `npm run setup:servers` (or set TEMPORAL_CLI_PATH)');
  }
  const dataDir = join(pacteCacheDir(), 'dev');
  await mkdir(dataDir, { recursive: true });
  const args = [
    'server', 'start-dev',
    '--ip', '127.0.0.1', '--port', String(GRPC_PORT), '--ui-port', String(UI_PORT),
    '--db-filename', join(dataDir, 'temporal.sqlite'),
    '--log-level', 'warn',
    ...PACTE_SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${SA_TYPES[key.type]}`]),
  ];
  console.log(`[pacte] starting the Temporal dev server (${source})`);
  const server = spawn(executable.path, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  server.once('exit', (code) => {
    if (code !== null && code !== 0) console.error(`[pacte] Temporal dev server exited with status ${code}`);
  });
  await waitForPort(GRPC_PORT, 'the Temporal dev server', 60_000);
  return server;
}

async function main(): Promise<void> {
  const started = Date.now();
  const server = await startTemporal();
  let catcher: MailCatcher | undefined;
  if (!env.SMTP_URL) {
    catcher = await startMailCatcher(join(pacteCacheDir(), 'dev', 'outbox'), MAIL_PORT);
    env.SMTP_URL = catcher.url;
  }
  env.TEMPORAL_ADDRESS ||= `127.0.0.1:${GRPC_PORT}`;
  console.log(
    [
      '',
      `[pacte] ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      `  Temporal Web UI   http://localhost:${UI_PORT}`,
      `  Temporal server   ${env.TEMPORAL_ADDRESS}`,
      catcher ? `  mail             ${catcher.url} → ${catcher.outbox}` : `  mail             ${env.SMTP_URL}`,
      `  try               npx pacte plan examples/agreements/convention-cadre-terre-valserhone.yaml`,
      `                    npx pacte start examples/agreements/convention-cadre-terre-valserhone.yaml && npx pacte list`,
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
  try {
    await runWorker(env); // returns once the SDK's runtime has handled SIGINT/SIGTERM
  } finally {
    await catcher?.close();
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
  }
}

main().catch((err: unknown) => {
  console.error(`[pacte] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
