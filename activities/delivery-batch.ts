/**
 * The contract of the batch delivery activity (`deliverDay`), shared by the workflow (which
 * schedules batches and records their outcomes) and the activity (which sends them). Pure: the
 * workflow bundle imports it.
 *
 * One activity sends one agreement's e-mails of one wake-up, rather than one activity per
 * e-mail (BENCHMARKS.md B4: activities were the bulk of a busy lifecycle's actions). Each
 * message still has its own outcome:
 * - `sent`: accepted by the SMTP server, never sent again (a retry of the batch skips it);
 * - `refused`: refused for good (5xx, unusable address, unrenderable message), never retried;
 * - `pending`: failed for a reason that may pass (4xx, connection, timeout); the batch fails
 *   with {@link DELIVERY_BATCH_INCOMPLETE} and the retry policy sends the pending ones again.
 *
 * Progress travels as heartbeat details (a retry after a crash or a transient failure skips
 * what was already accepted) and as the details of the final failure (so the workflow can tell
 * delivered from exhausted when retries run out).
 *
 * @module
 */
import { z } from 'zod';
import type { ReminderMessage } from './reminder-message';

export interface ReminderBatch {
  messages: ReminderMessage[];
}

const outcomeSchema = z.discriminatedUnion('status', [
  z.object({ messageId: z.string(), status: z.literal('sent'), response: z.string() }),
  z.object({ messageId: z.string(), status: z.literal('refused'), reason: z.string() }),
  z.object({ messageId: z.string(), status: z.literal('pending'), reason: z.string() }),
]);

export type DeliveryOutcome = z.infer<typeof outcomeSchema>;

/** Heartbeat details and failure details of a batch: the outcome of each message tried so far. */
const progressSchema = z.object({ outcomes: z.array(outcomeSchema) });
export type BatchProgress = z.infer<typeof progressSchema>;

/** `ApplicationFailure.type` of a batch with messages still pending: retried by the policy. */
export const DELIVERY_BATCH_INCOMPLETE = 'DeliveryBatchIncomplete';

/**
 * The outcomes carried by heartbeat or failure details, or none when `value` is not a progress
 * record (an older worker, a failure before the first message). Never throws: progress is a
 * hint for skipping work, its absence only means sending again.
 */
export function progressOutcomes(value: unknown): DeliveryOutcome[] {
  const parsed = progressSchema.safeParse(value);
  return parsed.success ? parsed.data.outcomes : [];
}
