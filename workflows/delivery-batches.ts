/**
 * How a wake-up's e-mails are split into delivery activities (patch `deliver-by-day`): one
 * batch for an ordinary day, several when a day is large, so that no activity input and no
 * workflow task completion carries megabytes (every meeting e-mail repeats its invitation with
 * the whole attendee list: BENCHMARKS.md B6). Pure.
 *
 * @module
 */
import type { OutgoingMessage } from './compose-messages';

/** E-mails per activity: a busy day of an agreement (a committee of ~20 people) fits in one. */
export const MAX_MESSAGES_PER_BATCH = 25;
/** Serialized size per activity input, far below the server's 2 MB payload limit. */
export const MAX_BATCH_CHARS = 256 * 1024;
/** Batches scheduled at once: their inputs travel in the same workflow task completion. */
export const MAX_BATCHES_IN_FLIGHT = 4;

/** Consecutive batches of at most {@link MAX_MESSAGES_PER_BATCH} messages and {@link MAX_BATCH_CHARS} (one larger message goes alone). */
export function batchMessages(messages: OutgoingMessage[]): OutgoingMessage[][] {
  const batches: OutgoingMessage[][] = [];
  let current: OutgoingMessage[] = [];
  let chars = 0;
  for (const outgoing of messages) {
    const size = JSON.stringify(outgoing.message).length;
    if (current.length > 0 && (current.length >= MAX_MESSAGES_PER_BATCH || chars + size > MAX_BATCH_CHARS)) {
      batches.push(current);
      current = [];
      chars = 0;
    }
    current.push(outgoing);
    chars += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Batches grouped into waves of {@link MAX_BATCHES_IN_FLIGHT}, scheduled one wave after the other. */
export function waves<T>(batches: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < batches.length; i += MAX_BATCHES_IN_FLIGHT) out.push(batches.slice(i, i + MAX_BATCHES_IN_FLIGHT));
  return out;
}
