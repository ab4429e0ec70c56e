/**
 * The batch delivery activity: one agreement's e-mails of one wake-up in one activity, each
 * message with its own outcome (see {@link ./delivery-batch}). A retry, after a transient
 * failure or a crashed worker, sends only what the last heartbeat does not show as settled.
 *
 * @module
 */
import { ApplicationFailure } from '@temporalio/activity';
import { currentActivityContext } from './deliver-reminder';
import {
  progressOutcomes,
  type BatchProgress,
  type DeliveryOutcome,
  type ReminderBatch,
} from '../contracts/delivery-batch';
import { DELIVERY_BATCH_INCOMPLETE, INVALID_REMINDER_MESSAGE } from '../contracts/errors';
import type { DeliveryReceipt, ReminderMessage } from '../contracts/reminder-message';

/** Sends one message: a non-retryable `ApplicationFailure` is a refusal, any other error may pass. */
export type SendOne = (message: ReminderMessage) => Promise<DeliveryReceipt>;

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

export function createDeliverDay(send: SendOne, parallelSends: number) {
  /**
   * Sends every message of the batch and returns one outcome per message, in the batch's order:
   * `sent` or `refused`.
   *
   * @throws `ApplicationFailure` {@link DELIVERY_BATCH_INCOMPLETE} (retryable) when some messages
   *   failed for a reason that may pass; its details are the {@link BatchProgress} so far.
   */
  return async function deliverDay(batch: ReminderBatch): Promise<DeliveryOutcome[]> {
    assertBatch(batch);
    const context = currentActivityContext();
    const settled = new Map<string, DeliveryOutcome>();
    for (const outcome of progressOutcomes(context?.info.heartbeatDetails)) {
      if (outcome.status !== 'pending') settled.set(outcome.messageId, outcome);
    }
    const pending = new Map<string, Extract<DeliveryOutcome, { status: 'pending' }>>();
    const progress = (): BatchProgress => ({ outcomes: [...settled.values(), ...pending.values()] });
    const todo = batch.messages.filter((message) => !settled.has(message.messageId));
    if (todo.length < batch.messages.length) {
      context?.log.info('resuming a reminder batch', {
        skipped: batch.messages.length - todo.length,
        remaining: todo.length,
      });
    }

    await forEachLimited(todo, parallelSends, async (message) => {
      const { messageId } = message;
      try {
        const receipt = await send(message);
        settled.set(messageId, { messageId, status: 'sent', response: receipt.response });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (error instanceof ApplicationFailure && error.nonRetryable)
          settled.set(messageId, { messageId, status: 'refused', reason });
        else pending.set(messageId, { messageId, status: 'pending', reason });
      }
      // Throttled by the SDK; the last one is flushed before the activity completes or fails.
      context?.heartbeat(progress());
    });

    if (pending.size > 0) {
      const [first] = pending.values();
      throw ApplicationFailure.create({
        type: DELIVERY_BATCH_INCOMPLETE,
        message: `${pending.size} of ${batch.messages.length} e-mail(s) not delivered yet, will retry: ${first!.reason}`,
        details: [progress()],
      });
    }
    return batch.messages.map((message) => settled.get(message.messageId)!);
  };
}
