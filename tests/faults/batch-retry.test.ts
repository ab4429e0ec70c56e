/**
 * A delivery batch retried by a real Temporal server (the CLI dev server, server 1.29): the
 * heartbeat details of the failed attempt reach the retry, so e-mails the SMTP server already
 * accepted are not sent again; when retries run out, the failure tells what was settled.
 * (The time-skipping test server does not keep heartbeat details across a failure, hence a
 * real server here.)
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createActivities, createMailTransport, type ReminderMessage } from '../../activities';
import { devServerExecutable } from '../../dev/temporal-binaries';
import { ITEMS, messageWith } from '../activities/fixtures';
import { installQuietRuntime } from '../support/runtime';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import type { deliverBatchQuickly } from './batch-retry.workflow';

const TASK_QUEUE = 'faults-batch-retry';

function dayOf(count: number, tag: string): ReminderMessage[] {
  return Array.from({ length: count }, (_, i) =>
    messageWith([ITEMS.meeting.item], {
      recipient: { id: `person-${i}`, name: `Personne ${i}`, email: `person-${i}@example.org` },
      messageId: `<${tag}-${i}@valserhone-2025.pacte>`,
    }),
  );
}

describe('faults: a delivery batch retried by a real server', () => {
  let env: TestWorkflowEnvironment;
  let sink: SmtpSink;
  let worker: Worker;
  let running: Promise<void>;
  let attemptsBefore = 0;

  beforeAll(async () => {
    installQuietRuntime();
    [env, sink] = await Promise.all([
      TestWorkflowEnvironment.createLocal({ server: { executable: devServerExecutable().executable } }),
      startSmtpSink(),
    ]);
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      workflowsPath: fileURLToPath(new URL('./batch-retry.workflow.ts', import.meta.url)),
      activities: createActivities({
        transport: createMailTransport({ smtpUrl: sink.url, timeoutMs: 5_000, maxConnections: 2 }),
        from: 'Pacte <pacte@example.org>',
        parallelSends: 2,
      }),
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await Promise.all([env?.teardown(), sink?.stop()]);
  });
  beforeEach(() => {
    sink.clear();
    attemptsBefore = sink.attempts;
  });

  const run = (messages: ReminderMessage[], id: string) =>
    env.client.workflow.execute<typeof deliverBatchQuickly>('deliverBatchQuickly', {
      taskQueue: TASK_QUEUE,
      workflowId: `${id}-${Date.now()}`,
      args: [{ messages }],
    });

  it('sends each accepted e-mail once: the retry skips what the failed attempt delivered', async () => {
    const messages = dayOf(8, 'retry');
    sink.failNext(3);
    const result = await run(messages, 'batch-retry');
    expect(result.exhausted).toBe(false);
    expect(result.outcomes.map((o) => `${o.messageId} ${o.status}`)).toEqual(
      messages.map((m) => `${m.messageId} sent`),
    );
    const received = sink.messages.map((m) => m.messageId).sort();
    expect(received).toEqual(messages.map((m) => m.messageId).sort()); // each once
    expect(sink.attempts - attemptsBefore).toBe(8 + 3);
  });

  it('when retries run out, the failure tells what was sent, refused and still pending', async () => {
    const messages = dayOf(4, 'exhausted');
    sink.rejectRecipient('person-1@example.org'); // 550: refused for good, not retried
    sink.deferRecipient('person-2@example.org'); // 451 at every attempt
    const result = await run(messages, 'batch-exhausted');
    expect(result.exhausted).toBe(true);
    const statusOf = new Map(result.outcomes.map((o) => [o.messageId, o.status]));
    expect(messages.map((m) => statusOf.get(m.messageId))).toEqual(['sent', 'refused', 'pending', 'sent']);
    const pending = result.outcomes.find((o) => o.status === 'pending');
    // Named by person id, the address the server echoes masked.
    expect(pending?.status === 'pending' && pending.reason).toMatch(
      /^1 of 4 e-mail\(s\) not delivered yet, will retry: delivery to person-2 failed, will retry \(451\): .*<\[address\]>/,
    );
    expect(sink.messages.map((m) => m.messageId).sort()).toEqual(
      [messages[0]!.messageId, messages[3]!.messageId].sort(),
    );
    // 4 transactions at the first attempt, then only the deferred one at each of the 2 retries.
    expect(sink.attempts - attemptsBefore).toBe(4 + 2);
  });
});
