/**
 * A real SMTP server on loopback for tests: it speaks SMTP (smtp-server), parses what it
 * receives (mailparser) and keeps every message in memory, so activity and lifecycle tests
 * check exactly what a relay would have seen, headers and iCalendar parts included.
 *
 * ```ts
 * const sink = await startSmtpSink();
 * process.env.SMTP_URL = sink.url;            // or createMailTransport({ smtpUrl: sink.url, … })
 * sink.rejectRecipient('gone@example.org');   // 550 on RCPT TO, for ever
 * sink.deferRecipient('full@example.org');    // 451 on RCPT TO, for ever
 * sink.failNext(2);                           // the next 2 transactions get 451 on MAIL FROM
 * const [message] = await sink.waitFor(1, 5_000);
 * message.headers['x-pacte-agreement'];       // header names are lower-cased
 * await sink.stop();
 * ```
 *
 * Listens on 127.0.0.1 on an ephemeral port; no STARTTLS, no authentication (any credentials in
 * the URL are accepted). Rejected and failed transactions are counted in `attempts`, never stored
 * in `messages`.
 *
 * For the fault tests, the sink also tells which transactions a client's death cut: a connection
 * carries one transaction at a time, open from its MAIL FROM until the client starts the next one
 * (MAIL FROM, RSET) or says QUIT, which shows it read the previous answer. A connection that
 * closes without QUIT while a transaction is open is a cut transaction: its message may have been
 * accepted (stored here) without the client ever reading the 250.
 *
 * @module
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SinkAttachment {
  filename?: string;
  /** Lower-cased, without parameters, e.g. `text/calendar`, `application/ics`. */
  contentType: string;
  /** Decoded content as UTF-8 text. */
  content: string;
}

export interface SinkMessage {
  /** What the client said in MAIL FROM / RCPT TO. */
  envelope: { from: string; to: string[] };
  /** Every header, lower-cased name → raw value (first occurrence, unfolded). */
  headers: Record<string, string>;
  messageId: string | undefined;
  subject: string;
  text: string;
  /** Empty string when the message has no HTML part. */
  html: string;
  attachments: SinkAttachment[];
  /** The iCalendar objects found in the message (text/calendar or application/ics parts), de-duplicated. */
  icalendar: string[];
  /** The raw RFC 5322 message as received. */
  raw: string;
  /** When the end of its data arrived (epoch ms), for timings. */
  receivedAtMs: number;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, ready for `SMTP_URL`. */
  url: string;
  port: number;
  /** Accepted messages, in arrival order. Live array: cleared in place by {@link SmtpSink.clear}. */
  messages: SinkMessage[];
  /** SMTP transactions seen so far (MAIL FROM commands), accepted or not. */
  readonly attempts: number;
  /** Connections open right now. */
  readonly connections: number;
  /**
   * Transactions cut so far: open (MAIL FROM seen, neither a next transaction, RSET nor QUIT
   * since) when their connection closed without QUIT, as when the client is killed. An upper
   * bound: nodemailer also closes a pooled connection without QUIT once it has sent its
   * `maxMessages` (100), its last transaction then counts though the client read its answer.
   */
  readonly cutTransactions: number;
  /** From now on, RCPT TO this address (case-insensitive) gets `550 5.1.1 … user unknown`. */
  rejectRecipient(email: string): void;
  /** From now on, RCPT TO this address (case-insensitive) gets `451 4.2.2 … mailbox full, try again later`. */
  deferRecipient(email: string): void;
  /** The next `n` transactions get `451 4.3.0 … try again later` on MAIL FROM. */
  failNext(n: number): void;
  /** Forgets messages, rejections, deferrals and pending failures. */
  clear(): void;
  /** Resolves with the messages once at least `count` arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<SinkMessage[]>;
  stop(): Promise<void>;
}

type LogMethod = (...args: unknown[]) => void;

/** A bunyan-shaped logger that only passes each client command (`tnx: 'command'`) to `onCommand`. */
function commandWatcher(onCommand: (sessionId: string, command: string) => void): Record<string, LogMethod> {
  const ignore: LogMethod = () => undefined;
  return {
    trace: ignore,
    info: ignore,
    warn: ignore,
    error: ignore,
    fatal: ignore,
    debug: (entry) => {
      const e = entry as { tnx?: string; cid?: string; command?: string } | null;
      if (e?.tnx === 'command' && e.cid && e.command) onCommand(e.cid, e.command.toUpperCase());
    },
  };
}

function smtpError(message: string, responseCode: number): Error {
  // smtp-server answers with err.responseCode and the message as the reply text.
  return Object.assign(new Error(message), { responseCode });
}

function rawHeaders(raw: string): Record<string, string> {
  const headerBlock = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = headerBlock.replace(/\r?\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in headers)) headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}

async function parseMessage(
  raw: Buffer,
  envelope: SinkMessage['envelope'],
): Promise<Omit<SinkMessage, 'receivedAtMs'>> {
  const parsed = await simpleParser(raw);
  const attachments: SinkAttachment[] = parsed.attachments.map((attachment) => ({
    ...(attachment.filename ? { filename: attachment.filename } : {}),
    contentType: attachment.contentType.split(';')[0]!.trim().toLowerCase(),
    content: attachment.content.toString('utf8'),
  }));
  const icalendar = [
    ...new Set(
      attachments
        .filter((a) => a.contentType === 'text/calendar' || a.contentType === 'application/ics')
        .map((a) => a.content),
    ),
  ];
  const text = raw.toString('utf8');
  return {
    envelope,
    headers: rawHeaders(text),
    messageId: parsed.messageId,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: parsed.html === false ? '' : (parsed.html ?? ''),
    attachments,
    icalendar,
    raw: text,
  };
}

/** Starts a sink on an ephemeral loopback port. Call `stop()` in `afterAll`. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  const rejected = new Set<string>();
  const deferred = new Set<string>();
  let failuresPending = 0;
  let attempts = 0;
  let connections = 0;
  let cutTransactions = 0;
  /** Connections (session ids) with a transaction open, and those that said QUIT. */
  const open = new Set<string>();
  const ended = new Set<string>();
  let waiters: { count: number; resolve: () => void }[] = [];

  const notify = (): void => {
    const ready = waiters.filter((w) => messages.length >= w.count);
    waiters = waiters.filter((w) => messages.length < w.count);
    for (const w of ready) w.resolve();
  };

  const server = new SMTPServer({
    // Plain SMTP on loopback: nodemailer would otherwise upgrade to STARTTLS and refuse the
    // self-signed certificate.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'test' }),
    size: 10 * 1024 * 1024,
    // stop() waits for open connections: force them closed quickly so afterAll never hangs.
    closeTimeout: 1_000,
    // smtp-server reports each command to its logger: how QUIT and RSET, which have no hook, are seen.
    logger: commandWatcher((id, command) => {
      if (command === 'QUIT' || command === 'RSET') open.delete(id);
      if (command === 'QUIT') ended.add(id);
    }),
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onClose(session) {
      connections--;
      if (open.has(session.id) && !ended.has(session.id)) cutTransactions++;
      open.delete(session.id);
      ended.delete(session.id);
    },
    onMailFrom(_address, session, callback) {
      attempts++;
      open.add(session.id);
      if (failuresPending > 0) {
        failuresPending--;
        return callback(smtpError('4.3.0 Temporary failure, try again later', 451));
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (rejected.has(address.address.toLowerCase())) {
        return callback(smtpError(`5.1.1 <${address.address}>: Recipient address rejected: user unknown`, 550));
      }
      if (deferred.has(address.address.toLowerCase())) {
        return callback(smtpError(`4.2.2 <${address.address}>: mailbox full, try again later`, 451));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const receivedAtMs = Date.now();
        const envelope = {
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        parseMessage(Buffer.concat(chunks), envelope).then(
          (message) => {
            messages.push({ ...message, receivedAtMs });
            notify();
            callback();
          },
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
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
  // Errors after start (a client resetting its socket) must not crash the test process.
  server.on('error', () => {});
  const port = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    get attempts() {
      return attempts;
    },
    get connections() {
      return connections;
    },
    get cutTransactions() {
      return cutTransactions;
    },
    rejectRecipient(email) {
      rejected.add(email.toLowerCase());
    },
    deferRecipient(email) {
      deferred.add(email.toLowerCase());
    },
    failNext(n) {
      failuresPending = n;
    },
    clear() {
      messages.length = 0;
      rejected.clear();
      deferred.clear();
      failuresPending = 0;
    },
    waitFor(count, timeoutMs = 10_000) {
      if (messages.length >= count) return Promise.resolve(messages);
      return new Promise<SinkMessage[]>((resolve, reject) => {
        const waiter = {
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(messages);
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(new Error(`SMTP sink: ${messages.length} of ${count} messages after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    stop() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
