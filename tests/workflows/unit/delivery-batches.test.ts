import { describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../../workflows/compose-messages';
import {
  MAX_BATCH_CHARS,
  MAX_BATCHES_IN_FLIGHT,
  MAX_MESSAGES_PER_BATCH,
  batchMessages,
  waves,
} from '../../../workflows/delivery-batches';
import { ITEMS, messageWith } from '../../activities/fixtures';

/** `count` outgoing messages; `padding` characters of title make each one larger. */
function outgoing(count: number, padding = 0): OutgoingMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    keys: [`k${i}`],
    message: messageWith([ITEMS.meeting.item], {
      messageId: `<m${i}@x.pacte>`,
      agreement: { ...messageWith([]).agreement, title: 'x'.repeat(padding) },
    }),
  }));
}

describe('batchMessages', () => {
  it('keeps an ordinary day in one batch', () => {
    const day = outgoing(19);
    expect(batchMessages(day)).toEqual([day]);
  });

  it('splits by count, keeping the order and every message once', () => {
    const day = outgoing(2 * MAX_MESSAGES_PER_BATCH + 3);
    const batches = batchMessages(day);
    expect(batches.map((b) => b.length)).toEqual([MAX_MESSAGES_PER_BATCH, MAX_MESSAGES_PER_BATCH, 3]);
    expect(batches.flat()).toEqual(day);
  });

  it('splits by size, and a message larger than the limit goes alone', () => {
    const big = outgoing(5, MAX_BATCH_CHARS / 3);
    const batches = batchMessages(big);
    for (const batch of batches)
      expect(batch.length === 1 || JSON.stringify(batch.map((o) => o.message)).length <= MAX_BATCH_CHARS).toBe(true);
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(batchMessages(outgoing(2, MAX_BATCH_CHARS)).map((b) => b.length)).toEqual([1, 1]);
  });

  it('returns no batch for no message', () => {
    expect(batchMessages([])).toEqual([]);
  });
});

describe('waves', () => {
  it(`schedules at most ${MAX_BATCHES_IN_FLIGHT} batches at once, in order`, () => {
    const batches = Array.from({ length: 2 * MAX_BATCHES_IN_FLIGHT + 1 }, (_, i) => i);
    expect(waves(batches)).toEqual([
      batches.slice(0, MAX_BATCHES_IN_FLIGHT),
      batches.slice(MAX_BATCHES_IN_FLIGHT, 2 * MAX_BATCHES_IN_FLIGHT),
      [2 * MAX_BATCHES_IN_FLIGHT],
    ]);
  });
});
