/**
 * What users start, started as they start it: the package scripts (`npm start`, `npm run
 * worker`) as child processes, their output collected line by line, bounded waits on it, free
 * ports, and a clean environment (nothing of the caller's Temporal, mail or Pacte settings).
 *
 * The script is read from package.json and run as npm runs it, without npm in between: `node`
 * is this Node, any other first word comes from `node_modules/.bin`; in the repository, in a
 * process group of its own, so that a test sends Ctrl-C to the whole group as a terminal does. (`npm start` would also run
 * `prestart`, which checks the dependencies and builds the servers into PACTE_CACHE_DIR: the
 * tests give a temporary PACTE_CACHE_DIR and the already built CLI in TEMPORAL_CLI_PATH.)
 *
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { devServerExecutable } from '../../dev/temporal-binaries';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `count` distinct free loopback ports (held together while chosen, then released). */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
      servers.push(server);
    }
    return servers.map((s) => (s.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  }
}

export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** The built Temporal CLI; the tests never let `npm start` build or download one. */
export function temporalCli(): string {
  const { executable } = devServerExecutable();
  if (executable.type !== 'existing-path')
    throw new Error('no Temporal CLI built: run `npm run setup:servers` (or set TEMPORAL_CLI_PATH)');
  return executable.path;
}

/** The caller's environment without its Temporal, Pacte and mail settings, plus `extra`. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([key]) => !/^(TEMPORAL_|PACTE_|SMTP_|MAIL_FROM$)/.test(key));
  return { ...Object.fromEntries(kept), ...extra };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningScript {
  child: ChildProcess;
  /** Every line of stdout and stderr so far, in arrival order. */
  lines: string[];
  startedAt: number;
  /** Resolves with the first match of `pattern` on a line (already printed or to come). */
  waitForLine(pattern: RegExp, timeoutMs: number, what: string): Promise<RegExpExecArray>;
  /** Resolves once the process has exited; fails after `timeoutMs`. */
  waitForExit(timeoutMs: number): Promise<Exit>;
  /** Sends `signal` to the whole process group, as a terminal's Ctrl-C does (SIGINT). */
  signalGroup(signal: NodeJS.Signals): void;
  /** Sends `signal` to the script's process only. */
  signal(signal: NodeJS.Signals): void;
  readonly exit: Exit | undefined;
  /** The last lines, for failure messages. */
  tail(n?: number): string;
}

/** `npm run <name>` without npm: the package script's command, from the repository. */
export function runScript(name: string, env: NodeJS.ProcessEnv): RunningScript {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const script = pkg.scripts[name];
  if (!script || /[;&|<>$`"']/.test(script))
    throw new Error(`package.json script "${name}" is not a plain command: ${script}`);
  const [command, ...args] = script.trim().split(/\s+/) as [string, ...string[]];
  const executable = command === 'node' ? process.execPath : join(ROOT, 'node_modules', '.bin', command);
  const child = spawn(executable, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let exit: Exit | undefined;
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
      for (const w of waiters) w();
    }),
  );
  for (const stream of [child.stdout!, child.stderr!]) {
    let buffer = '';
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        // Terminal colour codes (ESC [ … m) are stripped: the escape character is the point.
        // eslint-disable-next-line no-control-regex
        lines.push(buffer.slice(0, nl).replace(/\x1b\[[0-9;]*m/g, ''));
        buffer = buffer.slice(nl + 1);
      }
      for (const w of waiters) w();
    });
  }
  const tail = (n = 40) => lines.slice(-n).join('\n');
  return {
    child,
    lines,
    startedAt: Date.now(),
    get exit() {
      return exit;
    },
    tail,
    waitForLine(pattern, timeoutMs, what) {
      return new Promise((resolve, reject) => {
        let scanned = 0;
        const check = () => {
          for (; scanned < lines.length; scanned++) {
            const m = pattern.exec(lines[scanned]!);
            if (m) return done(() => resolve(m));
          }
          if (exit)
            done(() =>
              reject(
                new Error(
                  `\`npm run ${name}\` exited (${exit!.code ?? exit!.signal}) before ${what}; its last output:\n${tail()}`,
                ),
              ),
            );
        };
        const timer = setTimeout(
          () =>
            done(() =>
              reject(
                new Error(
                  `no ${what} from \`npm run ${name}\` within ${timeoutMs / 1000} s; its last output:\n${tail()}`,
                ),
              ),
            ),
          timeoutMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        check();
      });
    },
    async waitForExit(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `\`npm run ${name}\` still running ${timeoutMs / 1000} s after being asked to stop; its last output:\n${tail()}`,
              ),
            ),
          timeoutMs,
        );
      });
      try {
        return await Promise.race([exited, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    signalGroup(signal) {
      if (!exit) process.kill(-child.pid!, signal);
    },
    signal(signal) {
      if (!exit) child.kill(signal);
    },
  };
}

/**
 * Stops a script left running by a failed test: Ctrl-C (its own shutdown stops the servers it
 * started), then SIGKILL of its group if it does not exit within `graceMs`.
 */
export async function stopScript(script: RunningScript | undefined, graceMs = 60_000): Promise<void> {
  if (!script || script.exit) return;
  script.signalGroup('SIGINT');
  try {
    await script.waitForExit(graceMs);
  } catch {
    script.signalGroup('SIGKILL');
  }
}

/**
 * Starts a script on ports found free, once it prints `ready`. A port found free may be taken by
 * another process before the script binds it (the suite runs files in parallel); a script that
 * then says so (`taken`, on one of its lines) is stopped and `start` called again, which picks
 * other ports: at most `attempts` times in all.
 */
export async function startOnFreePorts<T extends { script: RunningScript }>(
  start: () => Promise<T>,
  options: { ready: RegExp; taken: RegExp; withinMs: number; what: string; attempts?: number },
): Promise<T> {
  const { ready, taken, withinMs, what, attempts = 3 } = options;
  for (let attempt = 1; ; attempt++) {
    const started = await start();
    try {
      await started.script.waitForLine(ready, withinMs, what);
      return started;
    } catch (error) {
      if (attempt >= attempts || !started.script.lines.some((line) => taken.test(line))) throw error;
      await stopScript(started.script);
    }
  }
}
