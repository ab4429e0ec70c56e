/**
 * The batch delivery activity: one agreement's e-mails of one wake-up in one activity, each
 * message with its own outcome (see {@link ./delivery-batch}). A retry, after a transient
 * failure or a crashed worker, sends only what the last heartbeat does not show as settled and
 * the delivery ledger (./delivery-ledger.ts) does not hold: heartbeats are throttled and die with
 * the worker, the ledger is written as soon as the SMTP server accepts a message.
 *
 * @module
 */
import { ApplicationFailure } from '@temporalio/activity';
import { currentActivityContext, type Transmit } from './deliver-reminder';
import {
  failedBatchProgress,
  progressOutcomes,
  type BatchProgress,
  type DeliveryOutcome,
  type ReminderBatch,
} from '../contracts/delivery-batch';
import { DELIVERY_BATCH_INCOMPLETE, INVALID_REMINDER_MESSAGE } from '../contracts/errors';
import type { DeliveryReceipt, ReminderMessage } from '../contracts/reminder-message';
import type { DeliveryLedger } from './delivery-ledger';
import { createSlots } from './send-slots';
import { withoutAddresses } from './without-addresses';

/**
 * Renders one message and returns how to send it. A non-retryable `ApplicationFailure`, from
 * either step, is a refusal; any other error may pass.
 */
export type PrepareOne = (message: ReminderMessage) => Promise<Transmit>;

/** Runs `task` on every item, at most `limit` at a time. */
async function forEachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}

function assertBatch(batch: ReminderBatch): void {
  const ids = Array.isArray(batch?.messages) ? batch.messages.map((m) => m?.messageId) : undefined;
  if (!ids || ids.length === 0 || new Set(ids).size !== ids.length) {
    throw ApplicationFailure.create({
      type: INVALID_REMINDER_MESSAGE,
      nonRetryable: true,
      message: 'a reminder batch needs a non-empty messages array with distinct messageIds',
    });
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What the ledger holds of `messages`; a ledger that cannot be read fails the attempt (retried). */
async function acceptedEarlier(ledger: DeliveryLedger, messages: ReminderMessage[], run: string | undefined) {
  try {
    return await ledger.accepted(
      messages.map((message) => message.messageId),
      run,
    );
  } catch (error) {
    throw new Error(`delivery ledger unavailable, nothing sent, will retry: ${reasonOf(error)}`, { cause: error });
  }
}

/**
 * How often a batch hands its progress to the SDK while it sends, at most. The SDK passes the
 * latest to the server at most every 200 ms (worker/create-worker.ts); one call per e-mail cost
 * the worker's busy main thread an encoding and a call into the SDK's core each (B6, Findings).
 */
export const DEFAULT_PROGRESS_EVERY_MS = 100;

export interface DeliverDayOptions {
  /**
   * With a ledger whose records wait for I/O (PostgreSQL), e-mails of all batches of this worker
   * between "handed to SMTP" and "recorded" (the SMTP pool's size): when a worker dies, at most
   * that many were accepted without being recorded. Otherwise the pool alone bounds what is in
   * SMTP, and a batch hands it all its e-mails at once, rendered ahead, so that no connection
   * waits for the next one (BENCHMARKS.md B5).
   */
  parallelSends: number;
  /** Where accepted Message-IDs are recorded and looked up; none: the heartbeats alone say what a retry may skip. */
  ledger?: DeliveryLedger;
  /** Milliseconds between two progress heartbeats of a batch (default {@link DEFAULT_PROGRESS_EVERY_MS}). */
  progressEveryMs?: number;
}

export function createDeliverDay(
  prepare: PrepareOne,
  { parallelSends, ledger, progressEveryMs = DEFAULT_PROGRESS_EVERY_MS }: DeliverDayOptions,
) {
  // Shared by every batch of the worker. Without it, the pool's connections would go on to the
  // next queued messages while earlier acceptances wait for their (PostgreSQL) write.
  const slots = ledger && !ledger.recordsImmediately ? createSlots(parallelSends) : undefined;
  /**
   * Sends every message of the batch and returns one outcome per message, in the batch's order:
   * `sent` or `refused`. A message the ledger holds is `sent` with the answer recorded then,
   * without an SMTP transaction.
   *
   * @throws a retryable `Error` when the ledger cannot be read: nothing is sent then, since
   *   sending blind could repeat what a dead worker had delivered.
   * @throws `ApplicationFailure` {@link DELIVERY_BATCH_INCOMPLETE} (retryable) when some messages
   *   failed for a reason that may pass; its details are the {@link BatchProgress} so far.
   */
  return async function deliverDay(batch: ReminderBatch): Promise<DeliveryOutcome[]> {
    assertBatch(batch);
    const context = currentActivityContext();
    // A batch's retries all belong to its workflow run; a lifecycle started again for the same
    // agreement is another run, whose e-mails (same Message-IDs the same day) must go out.
    const run = context?.info.workflowExecution?.runId;
    const settled = new Map<string, DeliveryOutcome>();
    for (const outcome of progressOutcomes(context?.info.heartbeatDetails)) {
      if (outcome.status !== 'pending') settled.set(outcome.messageId, outcome);
    }
    const pending = new Map<string, Extract<DeliveryOutcome, { status: 'pending' }>>();
    const progress = (): BatchProgress => ({ outcomes: [...settled.values(), ...pending.values()] });
    const fromHeartbeat = settled.size;
    const unsettled = batch.messages.filter((message) => !settled.has(message.messageId));
    if (ledger && unsettled.length > 0) {
      for (const entry of (await acceptedEarlier(ledger, unsettled, run)).values())
        settled.set(entry.messageId, { messageId: entry.messageId, status: 'sent', response: entry.response });
    }
    const todo = batch.messages.filter((message) => !settled.has(message.messageId));
    let lastProgressAt = -Infinity;
    function reportProgress(): void {
      lastProgressAt = performance.now();
      // The SDK flushes the last call before the activity fails (not when it completes: the
      // result then carries every outcome).
      context?.heartbeat(progress());
    }
    if (todo.length < batch.messages.length) {
      context?.log.info('resuming a reminder batch', {
        skipped: batch.messages.length - todo.length,
        fromLedger: settled.size - fromHeartbeat,
        remaining: todo.length,
      });
    }

    function failed(messageId: string, error: unknown): void {
      const reason = reasonOf(error);
      if (error instanceof ApplicationFailure && error.nonRetryable)
        settled.set(messageId, { messageId, status: 'refused', reason });
      else pending.set(messageId, { messageId, status: 'pending', reason });
    }

    async function sendAndRecord(messageId: string, transmit: Transmit): Promise<void> {
      let receipt: DeliveryReceipt;
      try {
        receipt = await transmit();
      } catch (error) {
        failed(messageId, error);
        return;
      }
      // Recorded before anything else: from here on a retry skips it even if this worker dies
      // before its next heartbeat reaches the server. A failed write only loses that protection.
      try {
        await ledger?.record(messageId, withoutAddresses(receipt.response), run);
      } catch (error) {
        context?.log.warn('delivery ledger write failed: a retry after a crash may send this e-mail again', {
          messageId,
          error: withoutAddresses(reasonOf(error)),
        });
      }
      settled.set(messageId, { messageId, status: 'sent', response: receipt.response });
    }

    await forEachLimited(todo, slots ? 2 * parallelSends : todo.length, async (message) => {
      // Rendered before taking a slot: the slot covers the SMTP transaction and its record only.
      let transmit: Transmit | undefined;
      try {
        transmit = await prepare(message);
      } catch (error) {
        failed(message.messageId, error);
      }
      if (transmit) {
        const release = await slots?.acquire();
        try {
          await sendAndRecord(message.messageId, transmit);
        } finally {
          release?.();
        }
      }
      if (performance.now() - lastProgressAt >= progressEveryMs) reportProgress();
    });

    if (pending.size > 0) {
      // Every outcome, for the retry: the server keeps the last heartbeat for the next attempt.
      reportProgress();
      const [first] = pending.values();
      throw ApplicationFailure.create({
        type: DELIVERY_BATCH_INCOMPLETE,
        message: `${pending.size} of ${batch.messages.length} e-mail(s) not delivered yet, will retry: ${first!.reason}`,
        // By position in the batch: the server keeps only 4 KB of an activity's last failure.
        details: [
          failedBatchProgress(
            batch.messages.map((m) => m.messageId),
            progress().outcomes,
          ),
        ],
      });
    }
    return batch.messages.map((message) => settled.get(message.messageId)!);
  };
}
