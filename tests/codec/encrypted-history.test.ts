/**
 * Art. 11 on a real Temporal server: a lifecycle run by a worker and client with the payload
 * codec leaves no clear-text name or e-mail address anywhere in what the server stores (the raw
 * histories of the lifecycle and its children, read with `getWorkflowExecutionHistory`, as
 * protobuf bytes), failure messages included (one recipient is refused for good; the activity
 * masks the address the SMTP answer echoes, and the codec encrypts the failure's message all the
 * same); the lifecycle still works and its state query decodes.
 *
 * The Temporal CLI, given the codec server's endpoint and bearer token, shows the decoded
 * history (the codec server speaks Temporal's remote codec protocol); without them, no address.
 * A control lifecycle started without the codec shows the same probe does find the addresses.
 *
 * Dev server (Temporal CLI) with the real worker (workflows bundled with the encrypting failure
 * converter), real activities, real SMTP on loopback. Terre Valserhône is shifted against the
 * server's clock to after its first annual review and started with a backlog: every reminder
 * since its signature is due at once (≈ 1 min here). Its faults are proven, not assumed: every
 * e-mail the planner owes is received, except those to the refused recipient, which are exactly
 * the recorded failures; the deferred transaction left exactly one retried attempt.
 */
import { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities, createMailTransport } from '../../activities';
import { AesGcmCodec, clientDataConverter, loadCodecSettings, workerDataConverter } from '../../codec';
import { createCodecServer } from '../../codec/server';
import { startDetails, startSummary } from '../../client/render/start-details';
import { devServerExecutable } from '../../dev/temporal-binaries';
import type { Agreement } from '../../domain/agreement';
import { agreementLifecycle } from '../../workflows/agreement-lifecycle';
import { stateQuery } from '../../contracts/messages';
import { agreementSearchAttributes, PACTE_SEARCH_ATTRIBUTES } from '../../contracts/search-attributes';
import { createPacteWorker } from '../../worker/create-worker';
import { backlogEmails, backlogExample, backlogInput } from '../faults/backlog';
import type { Placed } from '../support/placement';
import { receivedEmails, sorted } from '../support/planned-emails';
import { serverNowMs } from '../support/server-clock';
import { installQuietRuntime } from '../support/runtime';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { waitFor } from '../support/wait-for';

const TASK_QUEUE = 'pacte-codec-history';
const KEYS = { PACTE_CODEC_KEYS: `test-1:${randomBytes(32).toString('base64')}` };

let env: TestWorkflowEnvironment;
let sink: SmtpSink;
let worker: Worker;
let workerRun: Promise<void>;
let client: Client;
let agreement: Agreement;
let placed: Placed;

/** Every event of a workflow's history (all pages), as the server stores them: protobuf bytes. */
async function rawHistory(
  workflowId: string,
  runId?: string,
): Promise<{ bytes: Buffer; events: temporal.api.history.v1.IHistoryEvent[] }> {
  const events: temporal.api.history.v1.IHistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await env.connection.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId, ...(runId ? { runId } : {}) },
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken && page.nextPageToken.length > 0 ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return { bytes: Buffer.from(temporal.api.history.v1.History.encode({ events }).finish()), events };
}

/** Personal data of the agreement, as they could appear in bytes: UTF-8 and its JSON escapes. */
function personalData(a: Agreement): string[] {
  return a.people.flatMap((p) => [p.email, p.email.split('@')[0]!, p.name]);
}

function leaks(bytes: Buffer, needles: string[]): string[] {
  const text = bytes.toString('utf8');
  const latin = bytes.toString('latin1');
  return needles.filter((n) => text.includes(n) || latin.includes(n) || text.includes(JSON.stringify(n).slice(1, -1)));
}

beforeAll(async () => {
  installQuietRuntime();
  const { executable } = devServerExecutable();
  sink = await startSmtpSink();
  env = await TestWorkflowEnvironment.createLocal({
    server: { executable, searchAttributes: PACTE_SEARCH_ATTRIBUTES },
  });
  placed = await backlogExample(env.client);
  agreement = placed.agreement;
  // One recipient refused for good: the SMTP answer echoes the address (masked by the activity).
  sink.rejectRecipient(agreement.people.find((p) => p.id === 'ref-terre-valserhone')!.email);
  // And the first transaction deferred (451): the batch fails once, and the retry (after the
  // policy's 1 min) delivers it.
  sink.failNext(1);
  const { dataConverter } = workerDataConverter(KEYS);
  const transport = createMailTransport({ smtpUrl: sink.url, timeoutMs: 10_000 });
  // No prebuilt bundle: the worker bundles the workflows with the encrypting failure converter.
  worker = await createPacteWorker({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    activities: createActivities({ transport, from: 'Pacte <pacte@example.org>' }),
    ...(dataConverter ? { dataConverter } : {}),
  });
  workerRun = worker.run();
  client = new Client({ connection: env.connection, namespace: 'default', dataConverter: clientDataConverter(KEYS)! });
});

afterAll(async () => {
  if (worker && worker.getState() === 'RUNNING') worker.shutdown();
  await workerRun?.catch(() => {});
  await env?.teardown();
  await sink?.stop();
});

describe('payload codec on a real server', () => {
  it('stores no clear-text name or address, and the lifecycle still works', { timeout: 240_000 }, async () => {
    const workflowId = `agreement-${agreement.id}-codec`;
    const handle = await client.workflow.start(agreementLifecycle, {
      workflowId,
      taskQueue: TASK_QUEUE,
      // Every reminder since the signature due at once: real deliveries without waiting for days.
      args: [backlogInput(agreement)],
      staticSummary: startSummary(agreement),
      staticDetails: startDetails(agreement),
      typedSearchAttributes: agreementSearchAttributes(agreement, 'active'),
    });
    let last = '';
    let previous = -1;
    // Every reminder since the signature is due now; wait until they are all sent or failed.
    const state = await waitFor(
      async () => {
        const s = await handle.query(stateQuery);
        last = `sent ${s.sent.length}, sink ${sink.messages.length}, failures ${s.failures.length}, census ${s.census.length}, phase ${s.phase}`;
        // Quiet: everything sent is recorded, nothing in flight, and no change since the last poll.
        const pending = (await handle.describe()).raw.pendingActivities?.length ?? 0;
        const total = s.sent.length + s.failures.length;
        const quiet =
          s.failures.length > 0 &&
          s.sent.length > 0 &&
          s.sent.length === sink.messages.length &&
          pending === 0 &&
          total === previous;
        previous = total;
        return quiet ? s : undefined;
      },
      { timeoutMs: 180_000, what: 'the catch-up deliveries (one retry after 1 min)', intervalMs: 1_000 },
    ).catch((e: unknown) => {
      throw new Error(`${String(e)} (last state: ${last})`);
    });
    // The state decodes: the failure names the recipient by person id, the server's echo masked.
    expect(state.failures[0]!.reason).toMatch(
      /^delivery to ref-terre-valserhone refused for good: 550 .*<\[address\]>/,
    );
    // Every e-mail owed by now was received, but those to the refused recipient: they failed, for good.
    const owed = backlogEmails(placed, await serverNowMs(env.client));
    const refused = (key: string) => key.endsWith('|ref-terre-valserhone');
    const owedRefused = [...owed.keys()].filter(refused);
    expect(owedRefused.length).toBeGreaterThan(0);
    expect(sorted(receivedEmails(agreement, sink.messages))).toEqual(
      sorted(new Map([...owed].filter(([key]) => !refused(key)))),
    );
    expect(state.failures.map((f) => `${f.day}|${f.to}`).sort()).toEqual(owedRefused.sort());
    expect(state.failures.every((f) => f.kind === 'permanent')).toBe(true);
    console.log(
      `[codec] ${state.sent.length} reminders delivered, ${state.failures.length} refused, through an encrypting worker`,
    );

    // Give the last activity results time to be recorded, then read every stored history.
    const ids = [workflowId, ...state.census.map((c) => c.workflowId ?? `${workflowId}/census-${c.year}`)];
    const secrets = personalData(agreement);
    let bytes = 0;
    let events = 0;
    for (const id of ids) {
      const h = await rawHistory(id).catch(() => undefined);
      if (!h) continue;
      bytes += h.bytes.length;
      events += h.events.length;
      expect(leaks(h.bytes, secrets), `clear-text personal data in ${id}`).toEqual([]);
      // Every payload-bearing event is encrypted: the started input at least.
      const started = h.events[0]!.workflowExecutionStartedEventAttributes!;
      expect(Buffer.from(started.input!.payloads![0]!.metadata!.encoding!).toString()).toBe('binary/encrypted');
    }
    // The deferred batch's failed attempt, kept by the server as the retry's `lastFailure`:
    // its message moved into the encrypted attributes.
    const main = await rawHistory(workflowId);
    const retried = main.events.filter((e) => (e.activityTaskStartedEventAttributes?.attempt ?? 0) > 1);
    expect(retried.length).toBe(1);
    for (const e of retried) {
      const failure = e.activityTaskStartedEventAttributes!.lastFailure!;
      expect(failure.message).toBe('Encoded failure');
      expect(Buffer.from(failure.encodedAttributes!.metadata!.encoding!).toString()).toBe('binary/encrypted');
    }
    // The visibility record (search attributes, summary) carries no personal data either.
    const description = await env.connection.workflowService.describeWorkflowExecution({
      namespace: 'default',
      execution: { workflowId },
    });
    const describedBytes = Buffer.from(
      temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse.encode(description).finish(),
    );
    expect(leaks(describedBytes, secrets)).toEqual([]);
    console.log(
      `[codec] ${ids.length} histories, ${events} events, ${bytes} bytes read raw: no name or address in clear`,
    );
    await handle.terminate('test over');
  });

  it('the Temporal CLI reads the decoded history through the codec server (bearer token), and nothing without it', async () => {
    const workflowId = `agreement-${agreement.id}-cli`;
    const handle = await client.workflow.start(agreementLifecycle, {
      workflowId,
      taskQueue: 'pacte-codec-nobody',
      args: [{ agreement }],
    });
    const token = randomBytes(24).toString('hex');
    const settings = loadCodecSettings(KEYS);
    if (!settings.enabled) throw new Error('codec disabled');
    const server = createCodecServer({
      codec: new AesGcmCodec(settings),
      token,
      allowedOrigin: 'http://localhost:8233',
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { executable } = devServerExecutable();
    const show = (extra: string[]) =>
      new Promise<string>((resolve) => {
        if (executable.type !== 'existing-path') throw new Error('no Temporal CLI');
        execFile(
          executable.path,
          ['workflow', 'show', '-w', workflowId, '--address', env.address, '-o', 'json', ...extra],
          { maxBuffer: 16 * 1024 * 1024 },
          (error, stdout, stderr) => resolve(`${stdout}${stderr}${error ? String(error) : ''}`),
        );
      });
    try {
      const email = agreement.people[0]!.email;
      // `-o json` prints payload data in base64: decode every `data` field to read it.
      const readable = (out: string) =>
        [...out.matchAll(/"data": "([A-Za-z0-9+/=]*)"/g)]
          .map((m) => Buffer.from(m[1]!, 'base64').toString('utf8'))
          .join('\n');
      expect(readable(await show(['--codec-endpoint', endpoint, '--codec-auth', `Bearer ${token}`]))).toContain(email);
      expect(
        readable(await show(['--codec-endpoint', endpoint, '--codec-auth', 'Bearer wrong-token-000000'])),
      ).not.toContain(email);
      expect(readable(await show([]))).not.toContain(email);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await handle.terminate('test over');
    }
  });

  it('control: without the codec, the same probe finds the addresses', async () => {
    const plain = new Client({ connection: env.connection, namespace: 'default' });
    const workflowId = `agreement-${agreement.id}-plain`;
    const handle = await plain.workflow.start(agreementLifecycle, {
      workflowId,
      taskQueue: 'pacte-codec-nobody',
      args: [{ agreement }],
    });
    const h = await rawHistory(workflowId);
    expect(leaks(h.bytes, personalData(agreement)).length).toBe(personalData(agreement).length);
    await handle.terminate('test over');
  });
});
