/**
 * `npm start`: Pacte on one machine, for trying it and for development.
 *   1. the Temporal dev server (the CLI built by `npm run setup:servers`), with its Web UI, a
 *      SQLite file that keeps lifecycles across restarts, and Pacte's search attributes;
 *   2. MailDev, a mail catcher with a web inbox (unless `SMTP_URL` names a real server);
 *   3. the Pacte worker, its delivery ledger a SQLite file beside the server's;
 *   3b. the web application (web/), signed in through a development OpenID provider
 *      (dev/oidc-provider.ts: the example agreements' people and an administrator, no password),
 *      unless `PACTE_OIDC_ISSUER` names a real provider; its session key and the action links’
 *      key (shared with the worker, which signs the e-mails’ links) are kept in the cache;
 *   4. once the worker polls, the example agreements' lifecycles and the demonstration (a
 *      fictitious agreement placed so that its reminders reach the inbox within two minutes,
 *      dev/demo.ts), unless `--no-examples` or `PACTE_EXAMPLES=0` (one already started by an
 *      earlier run and still running is left where it is; on a server that was already running,
 *      only with `--examples` or `PACTE_EXAMPLES=1`).
 * Ctrl-C stops the worker first (in-flight e-mails finish), then the mail catcher and the
 * server. An already running Temporal server on the port is reused and left running.
 *
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runWorker } from '../worker/main';
import { startWeb, type RunningWeb } from '../web/main';
import { DEFAULT_TASK_QUEUE } from '../contracts/workflow-ids';
import { PACTE_SEARCH_ATTRIBUTES } from '../contracts/search-attributes';
import { startDemo } from './demo';
import { examplesWanted, startExamples } from './examples';
import { portOpen, startMailCatcher, waitForPort, type MailCatcher } from './mail-catcher';
import { accountsWithRole, DEV_ADMIN_EMAIL } from './oidc-accounts';
import { DEV_OIDC_CLIENT, startDevOidcProvider, type DevOidcProvider } from './oidc-provider';
import { devServerExecutable, pacteCacheDir } from './temporal-binaries';

const env = process.env;
const GRPC_PORT = Number(env.PACTE_TEMPORAL_PORT || 7233);
const UI_PORT = Number(env.PACTE_UI_PORT || 8233);
const MAIL_PORT = Number(env.PACTE_MAIL_PORT || 1025);
const MAIL_UI_PORT = Number(env.PACTE_MAIL_UI_PORT || 1080);
const WEB_PORT = Number(env.PACTE_WEB_PORT || 3000);
const OIDC_PORT = Number(env.PACTE_DEV_OIDC_PORT || 3001);
const SA_TYPES: Record<string, string> = { KEYWORD: 'Keyword', DATETIME: 'Datetime', KEYWORD_LIST: 'KeywordList' };

async function startTemporal(dataDir: string): Promise<ChildProcess | undefined> {
  if (await portOpen(GRPC_PORT)) {
    console.log(`[pacte] a Temporal server already listens on 127.0.0.1:${GRPC_PORT}: using it`);
    return undefined;
  }
  const { executable, source } = devServerExecutable();
  if (executable.type !== 'existing-path') {
    throw new Error('no Temporal CLI found: run `npm run setup:servers` (or set TEMPORAL_CLI_PATH)');
  }
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(GRPC_PORT),
    '--ui-port',
    String(UI_PORT),
    '--db-filename',
    join(dataDir, 'temporal.sqlite'),
    '--log-level',
    'error', // warnings are routine at shutdown (pollers losing the server)
    ...PACTE_SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${SA_TYPES[key.type]}`]),
  ];
  console.log(`[pacte] starting the Temporal dev server (${source})`);
  // Its own process group: Ctrl-C must reach the worker first, the server is stopped after it.
  const server = spawn(executable.path, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  process.once('exit', () => server.exitCode === null && server.kill('SIGTERM'));
  server.once('exit', (code) => {
    if (code !== null && code !== 0) console.error(`[pacte] Temporal dev server exited with status ${code}`);
  });
  await waitForPort(GRPC_PORT, 'the Temporal dev server', 60_000, () => server.exitCode === null);
  return server;
}

/** The examples, then the demonstration, as `pacte start` starts them; the lines `npm start` prints. */
async function startExampleLifecycles(taskQueue: string, inbox: boolean): Promise<string[]> {
  // The `pacte` command's own connection (environment configuration, payload settings).
  const { withClient } = await import('../client/connection');
  return await withClient({}, async ({ client }) => {
    const outcomes = await startExamples(client, taskQueue);
    const demo = await startDemo(client, taskQueue);
    const line = (outcome: 'started' | 'existing', workflowId: string, title: string) =>
      `  ${outcome === 'started' ? 'started' : 'kept   '}  ${workflowId.padEnd(36)} ${title}`;
    const hhmm = (iso: string) => iso.slice(11, 16);
    return [
      '[pacte] example agreements (examples/agreements):',
      ...outcomes.map((o) => line(o.outcome, o.workflowId, o.title)),
      '',
      '[pacte] demonstration (examples/demo, placed at each start):',
      line(demo.outcome, demo.workflowId, demo.agreement.title),
      demo.outcome === 'started'
        ? `           ${demo.recipients.length} reminders ${inbox ? 'in the inbox' : 'sent'} at ${hhmm(demo.remindersAt)}, the meeting at ${hhmm(demo.meetingAt)} (${demo.agreement.timezone})`
        : '           still running from an earlier start: kept as it is (a new one is placed once it has ended)',
    ];
  });
}

/** The web session key, made once and kept in the cache: sessions survive a restart of `npm start`. */
async function devSessionKey(dataDir: string): Promise<string> {
  const file = join(dataDir, 'web-session.key');
  const kept = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (/^[0-9a-f]{64}$/.test(kept)) return kept;
  const key = randomBytes(32).toString('hex');
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/** The action links' key (`PACTE_LINK_KEYS`), made once and kept: links already in the inbox still open after a restart. */
async function devLinkKeys(dataDir: string): Promise<string> {
  const file = join(dataDir, 'action-link.key');
  const kept = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (/^dev:[A-Za-z0-9+/]{43}=$/.test(kept)) return kept;
  const keys = `dev:${randomBytes(32).toString('base64')}`;
  await writeFile(file, `${keys}\n`, { mode: 0o600 });
  return keys;
}

/**
 * The web application's environment: the development provider unless a real one is named
 * (PACTE_OIDC_ISSUER), the administrator account listed, the Temporal Web UI linked.
 */
async function startWebProvider(dataDir: string, uiUrl: string): Promise<DevOidcProvider | undefined> {
  env.PACTE_WEB_PORT ||= String(WEB_PORT);
  env.PACTE_WEB_BASE_URL ||= `http://localhost:${WEB_PORT}`;
  env.PACTE_WEB_SESSION_KEY ||= await devSessionKey(dataDir);
  // Shared by the worker (signs the e-mails' action links) and the web application (checks them).
  env.PACTE_LINK_KEYS ||= await devLinkKeys(dataDir);
  env.PACTE_TEMPORAL_UI_URL ||= uiUrl;
  env.PACTE_WEB_LOG_LEVEL ||= 'warn'; // no line per request in the terminal
  if (env.PACTE_OIDC_ISSUER) return undefined;
  const provider = await startDevOidcProvider({
    port: OIDC_PORT,
    clients: [{ ...DEV_OIDC_CLIENT, baseUrl: env.PACTE_WEB_BASE_URL }],
  });
  env.PACTE_OIDC_ISSUER = provider.issuer;
  env.PACTE_OIDC_CLIENT_ID = DEV_OIDC_CLIENT.clientId;
  env.PACTE_OIDC_CLIENT_SECRET = DEV_OIDC_CLIENT.clientSecret;
  env.PACTE_WEB_ADMINS ||= DEV_ADMIN_EMAIL;
  return provider;
}

/** The lines `npm start` prints about the web application. */
function webLines(baseUrl: string, provider: DevOidcProvider | undefined): string[] {
  if (!provider) return [`  web application   ${baseUrl}  (sign-in: ${env.PACTE_OIDC_ISSUER})`];
  const names = (list: string[]) => (list.length > 4 ? `${list.slice(0, 4).join(', ')}…` : list.join(', '));
  return [
    `  web application   ${baseUrl}  (sign-in: development provider ${provider.issuer}, choose a person, no password)`,
    `                    referents: ${names(accountsWithRole(provider.accounts, 'referent'))}`,
    `                    pilots: ${names(accountsWithRole(provider.accounts, 'pilot'))}`,
    `                    administrator: ${DEV_ADMIN_EMAIL}`,
  ];
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function main(): Promise<void> {
  const started = Date.now();
  const dataDir = join(pacteCacheDir(), 'dev');
  await mkdir(dataDir, { recursive: true });
  // Before the worker runs, Ctrl-C exits at once ('exit' handlers stop the children). While it
  // runs, the SDK's runtime handles the signal (graceful shutdown); this listener stays so that
  // the same signal relayed by npm/npx does not kill the process by default before the children
  // are stopped. One Ctrl-C may arrive more than once within milliseconds (terminal group, npm):
  // copies within a second count once. A third Ctrl-C forces the exit.
  // The package script runs this file with `node --import tsx`, not the `tsx` command: that one
  // runs it in a child process and, when the child is slow (more than 30 ms) to acknowledge a
  // relayed signal, SIGKILLs it, which would leave the server and the inbox running.
  let workerRunning = false;
  let signals = 0;
  let lastSignal = 0;
  const onSignal = () => {
    if (!workerRunning) process.exit(130);
    const now = Date.now();
    if (now - lastSignal < 1000) return;
    lastSignal = now;
    if (++signals >= 3) process.exit(130);
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  const server = await startTemporal(dataDir);
  let catcher: MailCatcher | undefined;
  let provider: DevOidcProvider | undefined;
  let web: RunningWeb | undefined;
  try {
    if (!env.SMTP_URL) {
      catcher = await startMailCatcher({ outbox: join(dataDir, 'outbox'), smtpPort: MAIL_PORT, webPort: MAIL_UI_PORT });
      env.SMTP_URL = catcher.url;
    }
    env.TEMPORAL_ADDRESS ||= `127.0.0.1:${GRPC_PORT}`;
    // Local development: payloads in clear unless codec keys are given (see codec/keys.ts).
    if (!env.PACTE_CODEC_KEYS && !env.PACTE_CODEC_KEYS_FILE) env.PACTE_CODEC ||= 'off';
    // The delivery ledger next to the server's data: a worker killed mid-burst and started again
    // does not send twice what the inbox already accepted.
    env.PACTE_DELIVERY_LEDGER ||= `sqlite:${join(dataDir, 'delivery-ledger.sqlite')}`;
    const taskQueue = env.PACTE_TASK_QUEUE || DEFAULT_TASK_QUEUE;
    const wanted = examplesWanted(process.argv.slice(2), env, server !== undefined);
    const ui = `http://localhost:${UI_PORT}`;
    provider = await startWebProvider(dataDir, ui);
    web = await startWeb(env);
    // The `pacte` command defaults to localhost:7233: say how to reach another port.
    const cli = GRPC_PORT === 7233 ? 'npx pacte' : `TEMPORAL_ADDRESS=${env.TEMPORAL_ADDRESS} npx pacte`;
    workerRunning = true;
    // The lifecycles start once the worker polls: the demonstration's reminders are due a minute
    // later, and a lifecycle sends nothing planned before its first run.
    await runWorker(env, {
      onReady: async () => {
        const examples = wanted
          ? await startExampleLifecycles(taskQueue, catcher !== undefined)
          : [
              server
                ? '[pacte] example agreements and demonstration not started (--no-examples / PACTE_EXAMPLES=0)'
                : '[pacte] example agreements and demonstration not started on a server npm start did not start (--examples or PACTE_EXAMPLES=1 to start them there)',
            ];
        console.log(
          [
            '',
            ...examples,
            '',
            `[pacte] ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
            `  Temporal Web UI   ${ui}/namespaces/default/workflows`,
            `  Temporal server   ${env.TEMPORAL_ADDRESS}  (data: ${join(dataDir, 'temporal.sqlite')})`,
            ...webLines(web!.config.baseUrl, provider),
            catcher
              ? `  mail inbox        ${catcher.webUrl}  (SMTP ${catcher.url}, files: ${catcher.outbox})`
              : `  mail              ${env.SMTP_URL}`,
            env.PACTE_CODEC === 'off'
              ? '  payloads          in clear (local development; set PACTE_CODEC_KEYS_FILE to encrypt, see README)'
              : '  payloads          encrypted with the codec keys from the environment',
            `  try               ${cli} list`,
            `                    ${cli} show valserhone-2025`,
            '  Ctrl-C stops everything; `npm start` again resumes every lifecycle where it was.',
            '',
          ].join('\n'),
        );
      },
    }); // returns once the SDK's runtime has handled SIGINT/SIGTERM (the worker prints that it stopped)
  } finally {
    if (web) {
      await web.close();
      console.log('[pacte] web application stopped');
    }
    await provider?.close();
    if (catcher) {
      await catcher.close();
      console.log('[pacte] mail inbox stopped');
    }
    if (server) {
      await stop(server);
      console.log('[pacte] Temporal dev server stopped');
    }
    console.log('[pacte] stopped');
  }
}

main().catch((err: unknown) => {
  console.error(`[pacte] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
