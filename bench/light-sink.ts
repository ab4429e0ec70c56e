/**
 * A real SMTP server on loopback for the benchmarks, lighter than `tests/support/smtp-sink`: it
 * speaks the same SMTP (smtp-server, no STARTTLS) but does not parse messages with mailparser.
 * It records, per accepted message, the wall-clock instant the DATA was complete (just before
 * the `250` reply) and the `X-Pacte-*` headers read from the raw header block. Parsing every
 * message would burn the same 2 cores the measured worker uses and dilute the ratios.
 *
 * @module
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Accepted {
  /** `Date.now()` when the message was complete. */
  at: number;
  /** Value of `X-Pacte-Due` (ISO instant), if any. */
  due: string | undefined;
  /** Value of `X-Pacte-Agreement`, if any. */
  agreement: string | undefined;
  bytes: number;
}

export interface LightSink {
  url: string;
  accepted: Accepted[];
  /** SMTP connections opened so far. */
  readonly connections: number;
  /** Resolves once `count` messages were accepted; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

function header(block: string, name: string): string | undefined {
  const m = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(block);
  return m?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim();
}

export async function startLightSink(): Promise<LightSink> {
  const accepted: Accepted[] = [];
  let connections = 0;
  let waiters: { count: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    size: 10 * 1024 * 1024,
    closeTimeout: 1_000,
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        const at = Date.now();
        const raw = Buffer.concat(chunks);
        const head =
          raw
            .subarray(0, Math.min(raw.length, 8192))
            .toString('utf8')
            .split(/\r?\n\r?\n/, 1)[0] ?? '';
        accepted.push({
          at,
          due: header(head, 'X-Pacte-Due'),
          agreement: header(head, 'X-Pacte-Agreement'),
          bytes: raw.length,
        });
        const ready = waiters.filter((w) => accepted.length >= w.count);
        waiters = waiters.filter((w) => accepted.length < w.count);
        for (const w of ready) w.resolve();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => {});
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    get connections() {
      return connections;
    },
    waitFor(count, timeoutMs) {
      if (accepted.length >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const waiter = {
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(new Error(`SMTP sink: ${accepted.length} of ${count} messages after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
