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
 *   with `DELIVERY_BATCH_INCOMPLETE` (errors.ts) and the retry policy sends the pending ones again.
 *
 * Progress travels as heartbeat details (a retry after a crash or a transient failure skips
 * what was already accepted) and as the details of the final failure (so the workflow can tell
 * delivered from exhausted when retries run out).
 *
 * @module
 */
import type { ReminderMessage } from './reminder-message';

export interface ReminderBatch {
  messages: ReminderMessage[];
}

export type DeliveryOutcome =
  | { messageId: string; status: 'sent'; response: string }
  | { messageId: string; status: 'refused'; reason: string }
  | { messageId: string; status: 'pending'; reason: string };

/** Heartbeat details and failure details of a batch: the outcome of each message tried so far. */
export interface BatchProgress {
  outcomes: DeliveryOutcome[];
}

/**
 * The outcomes carried by heartbeat or failure details, or none when `value` is not a progress
 * record (an older worker, a failure before the first message). Never throws: progress is a
 * hint for skipping work, its absence only means sending again.
 */
export function progressOutcomes(value: unknown): DeliveryOutcome[] {
  const outcomes = (value as Partial<BatchProgress> | null | undefined)?.outcomes;
  return Array.isArray(outcomes) ? outcomes.filter(isOutcome) : [];
}

// Checked by hand rather than with zod: this module is in the workflow bundle, where zod costs
// about 1 MB per cached lifecycle (BENCHMARKS.md B3b) and is loaded only for updates.
function isOutcome(value: unknown): value is DeliveryOutcome {
  const o = value as Record<string, unknown> | null;
  if (typeof o !== 'object' || o === null || typeof o.messageId !== 'string') return false;
  if (o.status === 'sent') return typeof o.response === 'string';
  return (o.status === 'refused' || o.status === 'pending') && typeof o.reason === 'string';
}
