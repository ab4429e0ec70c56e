/** The semaphore behind the delivery activity's worker-wide limit (activities/send-slots.ts). */
import { describe, expect, it } from 'vitest';
import { createSlots } from '../../activities/send-slots';

describe('createSlots', () => {
  it('lets `size` holders in, the others in arrival order as slots are freed; freeing twice frees once', async () => {
    const slots = createSlots(2);
    const order: string[] = [];
    const first = await slots.acquire();
    const second = await slots.acquire();
    const third = slots.acquire().then((release) => (order.push('third'), release));
    const fourth = slots.acquire().then((release) => (order.push('fourth'), release));
    await Promise.resolve();
    expect(order).toEqual([]);
    first();
    first();
    const releaseThird = await third;
    expect(order).toEqual(['third']);
    second();
    (await fourth)();
    expect(order).toEqual(['third', 'fourth']);
    releaseThird();
    // Both slots free again: two immediate acquisitions.
    await Promise.all([slots.acquire(), slots.acquire()]);
  });
});
