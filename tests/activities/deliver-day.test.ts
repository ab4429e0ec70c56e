/**
 * The batch delivery activity (`deliverDay`) against a real SMTP server on loopback, run in the
 * SDK's mock activity context (heartbeats observed, heartbeat details of a retry supplied):
 * every message gets its own outcome, a refusal does not stop the others, a transient failure
 * fails the batch with its progress, and a retry sends only what is still pending. With a
 * delivery ledger (a real SQLite file): a retry whose heartbeats were lost (a killed worker)
 * sends nothing the ledger holds, and a ledger that cannot be read fails the attempt unsent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import { defaultActivityInfo, MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities/create-activities';
import {
  failedBatchOutcomes,
  progressOutcomes,
  type BatchProgress,
  type DeliveryOutcome,
} from '../../contracts/delivery-batch';
import { DELIVERY_BATCH_INCOMPLETE } from '../../contracts/errors';
import { createMailTransport } from '../../activities/mail-transport';
import { openSqliteLedger } from '../../activities/delivery-ledger-sqlite';
import { INVALID_REMINDER_MESSAGE } from '../../contracts/errors';
import type { ReminderMessage } from '../../contracts/reminder-message';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { ITEMS, messageWith } from './fixtures';

let sink: SmtpSink;
let activities: ReturnType<typeof createActivities>;
let transport: ReturnType<typeof createMailTransport>;
const DIR = mkdtempSync(join(tmpdir(), 'pacte-deliver-day-'));

beforeAll(async () => {
  sink = await startSmtpSink();
  transport = createMailTransport({ smtpUrl: sink.url, timeoutMs: 5_000, maxConnections: 3 });
  // Progress after every e-mail, so that the tests can read each one; the default interval is tested apart.
  activities = createActivities({
    transport,
    from: 'Pacte <pacte@cnfpt.example>',
    parallelSends: 3,
    progressEveryMs: 0,
  });
});
afterAll(async () => {
  transport?.close();
  await sink?.stop();
  rmSync(DIR, { recursive: true, force: true });
});
let attemptsBefore = 0;
beforeEach(() => {
  sink.clear();
  attemptsBefore = sink.attempts;
});
/** SMTP transactions (accepted or not) since the test began. */
const attempts = (): number => sink.attempts - attemptsBefore;

/** `count` messages of one day to distinct people, each with its own Message-ID. */
function dayOf(count: number): ReminderMessage[] {
  return Array.from({ length: count }, (_, i) =>
    messageWith([ITEMS.meeting.item], {
      recipient: { id: `person-${i}`, name: `Personne ${i}`, email: `person-${i}@example.org` },
      messageId: `<day-${i}@valserhone-2025.pacte>`,
    }),
  );
}

/** Runs the activity in a mock context; returns its result or error and every heartbeat it sent. */
async function run(
  messages: ReminderMessage[],
  heartbeatDetails?: BatchProgress,
  deliverDay = activities.deliverDay,
): Promise<{ outcomes?: DeliveryOutcome[]; error?: unknown; heartbeats: BatchProgress[] }> {
  const env = new MockActivityEnvironment(heartbeatDetails ? { heartbeatDetails } : {});
  const heartbeats: BatchProgress[] = [];
  env.on('heartbeat', (details: BatchProgress) => heartbeats.push(details));
  try {
    const outcomes: DeliveryOutcome[] = await env.run(deliverDay, { messages });
    return { outcomes, heartbeats };
  } catch (error) {
    return { error, heartbeats };
  }
}

function statuses(outcomes: DeliveryOutcome[]): string[] {
  return outcomes.map((o) => `${o.messageId} ${o.status}`);
}

describe('deliverDay', () => {
  it('sends every message once and returns one outcome per message, in order', async () => {
    const messages = dayOf(7);
    const { outcomes, heartbeats } = await run(messages);
    expect(statuses(outcomes!)).toEqual(messages.map((m) => `${m.messageId} sent`));
    expect(outcomes!.every((o) => o.status === 'sent' && /^250/.test(o.response))).toBe(true);
    expect(sink.messages.map((m) => m.messageId).sort()).toEqual(messages.map((m) => m.messageId).sort());
    expect(attempts()).toBe(7);
    // One heartbeat per message (progressEveryMs 0); the last one lists them all.
    expect(heartbeats).toHaveLength(7);
    expect(
      progressOutcomes(heartbeats.at(-1))
        .map((o) => o.messageId)
        .sort(),
    ).toEqual(messages.map((m) => m.messageId).sort());
  });

  it('reports its progress at most every progressEveryMs, and every outcome before it fails', async () => {
    const { deliverDay } = createActivities({
      transport,
      from: 'Pacte <pacte@cnfpt.example>',
      parallelSends: 3,
      progressEveryMs: 60_000,
    });
    const messages = dayOf(7);
    const done = await run(messages, undefined, deliverDay);
    expect(statuses(done.outcomes!)).toEqual(messages.map((m) => `${m.messageId} sent`));
    // Once, after the first e-mail settled: the result carries the others.
    expect(done.heartbeats).toHaveLength(1);
    expect(progressOutcomes(done.heartbeats[0])).toHaveLength(1);

    sink.clear();
    sink.failNext(2);
    const failed = await run(messages, undefined, deliverDay);
    expect((failed.error as ApplicationFailure).type).toBe(DELIVERY_BATCH_INCOMPLETE);
    // The first, then all seven outcomes for the retry, whatever the interval.
    expect(failed.heartbeats).toHaveLength(2);
    expect(
      progressOutcomes(failed.heartbeats.at(-1))
        .map((o) => o.status)
        .sort(),
    ).toEqual([...Array<string>(2).fill('pending'), ...Array<string>(5).fill('sent')]);
  });

  it('a refused recipient is an outcome, not a failure: the others are still sent', async () => {
    const messages = dayOf(4);
    sink.rejectRecipient('person-2@example.org');
    const { outcomes } = await run(messages);
    expect(statuses(outcomes!)).toEqual([
      '<day-0@valserhone-2025.pacte> sent',
      '<day-1@valserhone-2025.pacte> sent',
      '<day-2@valserhone-2025.pacte> refused',
      '<day-3@valserhone-2025.pacte> sent',
    ]);
    const refused = outcomes![2]!;
    expect(refused.status === 'refused' && refused.reason).toMatch(
      /^delivery to person-2 refused for good: 550 .*<\[address\]>/,
    );
    expect(sink.messages).toHaveLength(3);
  });

  it('a transient failure fails the batch with its progress; the retry sends only what is pending', async () => {
    const messages = dayOf(6);
    sink.failNext(2); // the first two transactions get 451
    const first = await run(messages);
    expect(first.error).toBeInstanceOf(ApplicationFailure);
    const failure = first.error as ApplicationFailure;
    expect(failure.type).toBe(DELIVERY_BATCH_INCOMPLETE);
    expect(failure.nonRetryable).toBe(false);
    expect(failure.message).toMatch(/^2 of 6 e-mail\(s\) not delivered yet, will retry: .*451/);
    // The failure says, by position in the batch, what the workflow records when retries run out.
    const ids = messages.map((m) => m.messageId);
    const progress = failedBatchOutcomes(failure.details?.[0], ids, failure.message);
    expect(progress.filter((o) => o.status === 'sent')).toHaveLength(4);
    expect(progress.filter((o) => o.status === 'pending')).toHaveLength(2);
    expect(JSON.stringify(failure.details?.[0]).length).toBeLessThan(100);
    // The last heartbeat (flushed before the failure) carries the same outcomes: the retry starts from it.
    const heartbeat = progressOutcomes(first.heartbeats.at(-1));
    expect(heartbeat.map((o) => `${o.messageId} ${o.status}`).sort()).toEqual(
      progress.map((o) => `${o.messageId} ${o.status}`).sort(),
    );
    expect(sink.messages).toHaveLength(4);

    const retry = await run(messages, first.heartbeats.at(-1));
    expect(statuses(retry.outcomes!)).toEqual(messages.map((m) => `${m.messageId} sent`));
    expect(sink.messages).toHaveLength(6);
    expect(new Set(sink.messages.map((m) => m.messageId)).size).toBe(6);
    expect(attempts()).toBe(2 + 6);
  });

  it('a retry whose heartbeat shows everything settled sends nothing', async () => {
    const messages = dayOf(3);
    const settled: BatchProgress = {
      outcomes: [
        { messageId: messages[0]!.messageId, status: 'sent', response: '250 OK' },
        { messageId: messages[1]!.messageId, status: 'refused', reason: '550 gone' },
        { messageId: messages[2]!.messageId, status: 'sent', response: '250 OK' },
      ],
    };
    const { outcomes } = await run(messages, settled);
    expect(outcomes).toEqual(settled.outcomes);
    expect(attempts()).toBe(0);
  });

  it('heartbeat details that are not a progress record are ignored: everything is sent', async () => {
    const messages = dayOf(2);
    const { outcomes } = await run(messages, { something: 'else' } as unknown as BatchProgress);
    expect(statuses(outcomes!)).toEqual(messages.map((m) => `${m.messageId} sent`));
    expect(sink.messages).toHaveLength(2);
  });

  it('an unrenderable message is refused for good; a malformed batch fails without sending', async () => {
    const [good, bad] = dayOf(2);
    const { outcomes } = await run([good!, { ...bad!, items: [] }]);
    expect(statuses(outcomes!)).toEqual([`${good!.messageId} sent`, `${bad!.messageId} refused`]);
    expect(outcomes![1]!.status === 'refused' && outcomes![1]!.reason).toMatch(/no item/);

    sink.clear();
    attemptsBefore = sink.attempts;
    for (const messages of [[], [good!, good!]]) {
      const { error } = await run(messages);
      expect(error).toBeInstanceOf(ApplicationFailure);
      expect((error as ApplicationFailure).type).toBe(INVALID_REMINDER_MESSAGE);
      expect((error as ApplicationFailure).nonRetryable).toBe(true);
    }
    expect(attempts()).toBe(0);
  });
});

describe('deliverDay with a delivery ledger', () => {
  const withLedger = (file: string) => {
    const ledger = openSqliteLedger(join(DIR, file));
    const { deliverDay } = createActivities({
      transport,
      from: 'Pacte <pacte@cnfpt.example>',
      parallelSends: 3,
      ledger,
      progressEveryMs: 0,
    });
    return { ledger, deliverDay };
  };

  it('records every accepted message; a retry that lost every heartbeat sends none of them again', async () => {
    const { ledger, deliverDay } = withLedger('retry.sqlite');
    const messages = dayOf(5);
    const first = await run(messages, undefined, deliverDay);
    expect(statuses(first.outcomes!)).toEqual(messages.map((m) => `${m.messageId} sent`));
    const recorded = await ledger.accepted(messages.map((m) => m.messageId));
    expect(recorded.size).toBe(5);
    expect(attempts()).toBe(5);

    // As after a SIGKILL: the same batch again, no heartbeat details.
    const retry = await run(messages, undefined, deliverDay);
    expect(retry.outcomes).toEqual(
      messages.map((m) => ({ messageId: m.messageId, status: 'sent', response: recorded.get(m.messageId)!.response })),
    );
    expect(retry.outcomes!.every((o) => o.status === 'sent' && /^250/.test(o.response))).toBe(true);
    expect(attempts()).toBe(5);
    expect(sink.messages).toHaveLength(5);
    await ledger.close();
  });

  it('sends only what the ledger does not hold, keeping the batch order', async () => {
    const { ledger, deliverDay } = withLedger('partial.sqlite');
    const messages = dayOf(4);
    // Recorded by the batch's own workflow run (the mock activity's), before a crash.
    const thisRun = defaultActivityInfo.workflowExecution!.runId;
    await ledger.record(messages[1]!.messageId, '250 2.0.0 accepted before the crash', thisRun);
    await ledger.record(messages[3]!.messageId, '250 2.0.0 accepted before the crash', thisRun);
    // Recorded by another run of the same agreement (a lifecycle started again): sent again.
    await ledger.record(messages[2]!.messageId, '250 2.0.0 accepted for an earlier run', 'an-earlier-run');
    const { outcomes, heartbeats } = await run(messages, undefined, deliverDay);
    expect(statuses(outcomes!)).toEqual(messages.map((m) => `${m.messageId} sent`));
    expect(outcomes![1]).toEqual({
      messageId: messages[1]!.messageId,
      status: 'sent',
      response: '250 2.0.0 accepted before the crash',
    });
    expect(sink.messages.map((m) => m.messageId).sort()).toEqual(
      [messages[0]!.messageId, messages[2]!.messageId].sort(),
    );
    expect(attempts()).toBe(2);
    // The heartbeats carry the ledger's outcomes too: the retry after this one skips them all the same.
    expect(
      progressOutcomes(heartbeats.at(-1))
        .map((o) => o.messageId)
        .sort(),
    ).toEqual(messages.map((m) => m.messageId).sort());
    expect(
      (
        await ledger.accepted(
          messages.map((m) => m.messageId),
          thisRun,
        )
      ).size,
    ).toBe(4);
    await ledger.close();
  });

  it('across concurrent batches, at most parallelSends e-mails are between SMTP and the ledger at once', async () => {
    const ledger = openSqliteLedger(join(DIR, 'slots.sqlite'));
    // Counted on the real transport and ledger: handed to SMTP until recorded, the record slowed
    // down as a busy PostgreSQL would be.
    let between = 0;
    let most = 0;
    const counted = createActivities({
      transport: {
        sendMail: (options) => {
          most = Math.max(most, ++between);
          return transport.sendMail(options);
        },
      },
      from: 'Pacte <pacte@cnfpt.example>',
      parallelSends: 3,
      ledger: {
        ...ledger,
        // As PostgreSQL's: the record waits for I/O, so the activity takes send slots.
        recordsImmediately: false,
        description: ledger.description,
        accepted: (ids) => ledger.accepted(ids),
        record: async (id, response) => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          await ledger.record(id, response);
          between--;
        },
      },
    });
    const [a, b] = [dayOf(6), dayOf(12).slice(6)];
    const results = await Promise.all([run(a, undefined, counted.deliverDay), run(b, undefined, counted.deliverDay)]);
    expect(results.flatMap((r) => r.outcomes!).every((o) => o.status === 'sent')).toBe(true);
    expect(sink.messages).toHaveLength(12);
    // Two batches, one worker-wide limit of three.
    expect(most).toBe(3);
    await ledger.close();
  });

  it('with a ledger that records at once (SQLite), a batch hands all its e-mails to the pool, rendered ahead', async () => {
    const ledger = openSqliteLedger(join(DIR, 'at-once.sqlite'));
    expect(ledger.recordsImmediately).toBe(true);
    let handed = 0;
    let most = 0;
    const counted = createActivities({
      transport: {
        sendMail: async (options) => {
          most = Math.max(most, ++handed);
          try {
            return await transport.sendMail(options);
          } finally {
            handed--;
          }
        },
      },
      from: 'Pacte <pacte@cnfpt.example>',
      parallelSends: 3,
      ledger,
    });
    const { outcomes } = await run(dayOf(12), undefined, counted.deliverDay);
    expect(outcomes!.every((o) => o.status === 'sent')).toBe(true);
    expect(sink.messages).toHaveLength(12);
    // No slot to wait for: the pool's own queue (three connections) keeps its connections busy.
    expect(most).toBe(12);
    await ledger.close();
  });

  it('a ledger that cannot be read fails the attempt, retryable, before sending anything', async () => {
    const { ledger, deliverDay } = withLedger('closed.sqlite');
    await ledger.close();
    const { error } = await run(dayOf(2), undefined, deliverDay);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^delivery ledger unavailable, nothing sent, will retry: /);
    expect(error instanceof ApplicationFailure && error.nonRetryable).toBe(false);
    expect(attempts()).toBe(0);
  });
});
