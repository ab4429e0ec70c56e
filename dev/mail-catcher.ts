/**
 * The local mail catcher of `npm start`: MailDev 2.2.1 (npm), an SMTP server with a web inbox
 * where coordinators read the reminders as their recipients would (HTML, text, the invitation
 * attached) and a REST API (`GET /email`) the browser test reads.
 *
 * Why MailDev: it is an npm package, so `npm ci` brings it on any machine with Node (Mailpit's
 * web assets are not in its Go module, and its container needs Docker, which the build machines
 * lack; `docker-compose.yml` uses Mailpit); 2.2.1 because 3.0.0 ships no web page.
 *
 * Why a child process: MailDev's entry point installs SIGINT/SIGTERM handlers that call
 * `process.exit`, which would cut the worker's graceful shutdown short. It runs in its own
 * process group, so Ctrl-C reaches the worker first; {@link MailCatcher.close} stops it after.
 * Messages are kept as `.eml` files in `outbox` (MailDev's `--mail-directory`): they survive a
 * restart and open in Thunderbird or Outlook; each new one is announced on the console.
 *
 * @module
 */
import { spawn } from 'node:child_process';
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createConnection } from 'node:net';
import { join } from 'node:path';

export interface MailCatcher {
  /** Where the worker sends: `smtp://127.0.0.1:<smtpPort>`. */
  url: string;
  /** The web inbox, e.g. `http://localhost:1080`. */
  webUrl: string;
  outbox: string;
  close(): Promise<void>;
}

export interface MailCatcherOptions {
  outbox: string;
  smtpPort: number;
  webPort: number;
  /** Print one line per received message (default true). */
  announce?: boolean;
  /** Forward MailDev's own output (default false). */
  verbose?: boolean;
}

const MAILDEV_BIN = createRequire(import.meta.url).resolve('maildev/bin/maildev');

export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

export async function waitForPort(
  port: number,
  what: string,
  timeoutMs: number,
  alive: () => boolean = () => true,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await portOpen(port))) {
    if (!alive()) throw new Error(`${what} exited before listening on port ${port}`);
    if (Date.now() > deadline) throw new Error(`${what} did not listen on port ${port} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
  const { outbox, smtpPort, webPort } = options;
  await mkdir(outbox, { recursive: true });
  for (const port of [smtpPort, webPort]) {
    if (await portOpen(port))
      throw new Error(
        `port ${port} is taken: set PACTE_MAIL_PORT / PACTE_MAIL_UI_PORT, or SMTP_URL to use a running mail server`,
      );
  }
  const child = spawn(
    process.execPath,
    [
      MAILDEV_BIN,
      '--ip',
      '127.0.0.1',
      '--smtp',
      String(smtpPort),
      '--web',
      String(webPort),
      '--mail-directory',
      outbox,
      ...(options.verbose ? [] : ['--silent']),
    ],
    { stdio: ['ignore', options.verbose ? 'inherit' : 'ignore', 'inherit'], detached: true },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A crash of `npm start` must not leave MailDev behind in its own process group.
  const killOnExit = () => child.exitCode === null && child.kill('SIGTERM');
  process.once('exit', killOnExit);
  try {
    await waitForPort(smtpPort, 'MailDev (SMTP)', 30_000, () => child.exitCode === null);
    await waitForPort(webPort, 'MailDev (web)', 30_000, () => child.exitCode === null);
  } catch (e) {
    killOnExit();
    throw e;
  }
  let watcher: FSWatcher | undefined;
  if (options.announce !== false) {
    const seen = new Set<string>();
    watcher = watch(outbox, (_event, name) => {
      if (!name || !name.endsWith('.eml') || seen.has(name)) return;
      seen.add(name);
      // The file is written in one go by MailDev; a short delay avoids reading it half-written.
      setTimeout(() => void announce(join(outbox, name)), 300);
    });
  }
  return {
    url: `smtp://127.0.0.1:${smtpPort}`,
    webUrl: `http://localhost:${webPort}`,
    outbox,
    async close() {
      watcher?.close();
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

async function announce(file: string): Promise<void> {
  try {
    const head = (await readFile(file, 'utf8')).split(/\r?\n\r?\n/, 1)[0] ?? '';
    const header = (name: string) =>
      decodeMime(
        new RegExp(`^${name}: ((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head)?.[1]?.replace(/\r?\n[ \t]+/g, ' ') ?? '',
      );
    console.log(`[pacte mail] → ${header('To') || '?'} · ${header('Subject') || '(no subject)'}`);
  } catch {
    // Announcing is a courtesy; the message is in the inbox either way.
  }
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) for the console line. */
function decodeMime(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}
