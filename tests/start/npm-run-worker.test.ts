/**
 * `npm run worker` as a deployment runs it: the package script in a process of its own.
 *
 * 1. Without payload encryption keys (and without `PACTE_CODEC=off`) it refuses to start: one
 *    clear line on stderr naming the variables, exit status 1, before connecting anywhere.
 * 2. With keys, against a Temporal dev server (free port), it delivers a lifecycle's reminders
 *    and drains on SIGTERM: the signal arrives while the e-mails of a `deliverDay` batch are in
 *    the middle of their SMTP transaction (the test's SMTP server holds its reply until the worker
 *    says it is stopping); they still complete (accepted by the SMTP server, the activity
 *    completed in the history), and the worker exits 0 with its "stopped" line.
 *
 * The lifecycle is the demonstration agreement placed three minutes back, started with its
 * reminder already due (a backlog), so that the delivery begins as soon as the worker polls.
 *
 * @module
 */
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientDataConverter } from '../../codec';
import { placeDemo, readDemoFile } from '../../dev/demo';
import { devServerExecutable } from '../../dev/temporal-binaries';
import type { agreementLifecycle } from '../../workflows/agreement-lifecycle';
import { PACTE_SEARCH_ATTRIBUTES } from '../../contracts/search-attributes';
import { backlogInput } from '../faults/backlog';
import { installQuietRuntime } from '../support/runtime';
import { waitFor } from '../support/wait-for';
import { cleanEnv, freePorts, runScript, stopScript, type RunningScript } from './processes';

const TASK_QUEUE = 'pacte-npm-run-worker';
const KEYS = `k1:${randomBytes(32).toString('base64')}`;
const CACHE = mkdtempSync(join(tmpdir(), 'pacte-npm-run-worker-'));

/** An SMTP server that holds its reply to DATA until released: e-mails stay in flight. */
async function holdingSmtpServer() {
  const received: string[] = [];
  const held: (() => void)[] = [];
  let holding = true;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        const accept = () => {
          received.push(session.envelope.rcptTo.map((r) => r.address).join(','));
          callback();
        };
        if (holding) held.push(accept);
        else accept();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  server.on('error', () => undefined);
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    received,
    get inFlight() {
      return held.length;
    },
    release() {
      holding = false;
      for (const accept of held.splice(0)) accept();
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('npm run worker, as a process', () => {
  let env: TestWorkflowEnvironment | undefined;
  let worker: RunningScript | undefined;
  let smtp: Awaited<ReturnType<typeof holdingSmtpServer>> | undefined;

  beforeAll(async () => {
    installQuietRuntime();
    smtp = await holdingSmtpServer();
  });

  afterAll(async () => {
    smtp?.release();
    await stopScript(worker);
    await env?.teardown();
    await smtp?.stop();
    rmSync(CACHE, { recursive: true, force: true });
  });

  it('refuses to start without payload encryption keys: a clear message, exit status 1', async () => {
    const [closed] = (await freePorts(1)) as [number];
    const refused = runScript('worker', cleanEnv({ TEMPORAL_ADDRESS: `127.0.0.1:${closed}`, SMTP_URL: smtp!.url }));
    const exit = await refused.waitForExit(60_000);
    expect(exit, refused.tail()).toEqual({ code: 1, signal: null });
    expect(refused.lines).toContain(
      '[pacte worker] payload encryption keys are missing: set PACTE_CODEC_KEYS=id:base64key (32 random bytes, e.g. `openssl rand -base64 32`) ' +
        'or PACTE_CODEC_KEYS_FILE=/path/to/keys, or PACTE_CODEC=off to run without encryption (local development only)',
    );
  });

  it('with keys, drains on SIGTERM: the e-mails in flight complete, then it exits 0', async () => {
    env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: devServerExecutable().executable,
        ip: '127.0.0.1',
        searchAttributes: PACTE_SEARCH_ATTRIBUTES,
      },
    });
    worker = runScript(
      'worker',
      cleanEnv({
        TEMPORAL_ADDRESS: env.address,
        PACTE_CODEC_KEYS: KEYS,
        PACTE_TASK_QUEUE: TASK_QUEUE,
        SMTP_URL: smtp!.url,
        // Its own delivery ledger: the demonstration's Message-IDs repeat from one run to the next.
        PACTE_CACHE_DIR: CACHE,
      }),
    );
    const [startLine] = await worker.waitForLine(
      /^\[pacte worker\] .* · task queue pacte-npm-run-worker · .* · payloads encrypted \(key k1, 1 known\)$/,
      90_000,
      'its start line',
    );
    expect(startLine).toContain(
      ` · delivery ledger sqlite ${join(CACHE, 'delivery-ledger.sqlite')}, entries kept 30 days · `,
    );

    // The pacte command's client, with the worker's keys.
    const client = new Client({
      connection: env.connection,
      dataConverter: clientDataConverter({ PACTE_CODEC_KEYS: KEYS }),
    });
    const placed = placeDemo(await readDemoFile(), Date.now() - 180_000, 0);
    const handle = await client.workflow.start<typeof agreementLifecycle>('agreementLifecycle', {
      workflowId: `agreement-${placed.agreement.id}`,
      taskQueue: TASK_QUEUE,
      args: [backlogInput(placed.agreement, new Date(Date.parse(placed.remindersAt) - 60_000).toISOString())],
    });

    // The batch's e-mails reach DATA and wait there for the SMTP server's reply.
    await waitFor(async () => (smtp!.inFlight === placed.recipients.length ? true : undefined), {
      timeoutMs: 60_000,
      what: `${placed.recipients.length} e-mails in flight (held by the SMTP server)`,
    });
    expect(smtp!.received).toEqual([]);

    const from = worker.lines.length;
    worker.signal('SIGTERM');
    // The SDK's own log line (on one line or spread over several): the worker has begun to stop.
    await worker.waitForLine(/state: 'STOPPING'/, 30_000, 'the worker stopping after SIGTERM');
    expect(worker.exit, 'still running: draining its activities').toBeUndefined();
    smtp!.release();

    const exit = await worker.waitForExit(60_000);
    expect(exit, worker.tail()).toEqual({ code: 0, signal: null });
    expect(worker.lines.slice(from)).toContain('[pacte worker] stopped');
    expect(smtp!.received.sort()).toEqual([
      'camille.martin@example.org',
      'julien.moreau@example.org',
      'sophie.bernard@example.org',
    ]);
    // The server recorded the batch as completed: nothing will be sent again.
    const history = await handle.fetchHistory();
    const completed = history.events!.filter((e) => e.activityTaskCompletedEventAttributes);
    const failedOrTimedOut = history.events!.filter(
      (e) => e.activityTaskFailedEventAttributes || e.activityTaskTimedOutEventAttributes,
    );
    expect(completed).toHaveLength(1);
    expect(failedOrTimedOut).toHaveLength(0);
  });
});
