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

/**
 * A batch's final failure's details: each message's outcome by its position in the batch. The
 * server keeps at most 4 KB of an activity's last failure (beyond, « Failure exceeds size
 * limit »), and message ids and SMTP answers would pass that from about twenty e-mails; the
 * workflow knows the batch, so positions are enough. A pending message's reason is the
 * failure's own message.
 */
export interface FailedBatchProgress {
  sent: number[];
  refused: [number, string][];
  pending: number[];
}

export function failedBatchProgress(messageIds: readonly string[], outcomes: DeliveryOutcome[]): FailedBatchProgress {
  const byId = new Map(outcomes.map((o) => [o.messageId, o]));
  const out: FailedBatchProgress = { sent: [], refused: [], pending: [] };
  messageIds.forEach((id, index) => {
    const outcome = byId.get(id);
    if (outcome?.status === 'sent') out.sent.push(index);
    else if (outcome?.status === 'refused') out.refused.push([index, outcome.reason.slice(0, 200)]);
    else out.pending.push(index);
  });
  return out;
}

/**
 * The outcomes a failure's details carry: positions in the batch (`FailedBatchProgress`), or, from
 * workers before it, the whole progress record. Pending ones take `failure` as their reason.
 */
export function failedBatchOutcomes(value: unknown, messageIds: readonly string[], failure: string): DeliveryOutcome[] {
  const compact = value as Partial<FailedBatchProgress> | null | undefined;
  if (!compact || !Array.isArray(compact.sent) || !Array.isArray(compact.pending) || !Array.isArray(compact.refused))
    return progressOutcomes(value);
  const at = (index: unknown) => (typeof index === 'number' ? messageIds[index] : undefined);
  const outcomes: DeliveryOutcome[] = [];
  for (const index of compact.sent) {
    const messageId = at(index);
    if (messageId) outcomes.push({ messageId, status: 'sent', response: '' });
  }
  for (const entry of compact.refused) {
    const messageId = Array.isArray(entry) ? at(entry[0]) : undefined;
    if (messageId) outcomes.push({ messageId, status: 'refused', reason: String(entry[1]) });
  }
  for (const index of compact.pending) {
    const messageId = at(index);
    if (messageId) outcomes.push({ messageId, status: 'pending', reason: failure });
  }
  return outcomes;
}

// Checked by hand rather than with zod: this module is in the workflow bundle, where zod costs
// about 1 MB per cached lifecycle (BENCHMARKS.md B3b) and is loaded only for updates.
function isOutcome(value: unknown): value is DeliveryOutcome {
  const o = value as Record<string, unknown> | null;
  if (typeof o !== 'object' || o === null || typeof o.messageId !== 'string') return false;
  if (o.status === 'sent') return typeof o.response === 'string';
  return (o.status === 'refused' || o.status === 'pending') && typeof o.reason === 'string';
}
