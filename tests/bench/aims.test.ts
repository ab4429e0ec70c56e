/**
 * `npm run bench -- --check`'s judgement (bench/aims.ts): an aim is met on the right side of its
 * bound, a measure that is not a number never is, and a benchmark that failed is a shortfall.
 */
import { describe, expect, it } from 'vitest';
import { describeAim, isMet, shortfalls, type Aim } from '../../bench/aims';

const throughput = (measured: number): Aim => ({ what: 'B5 ratio', measured, aim: 0.9, direction: 'at-least' });
const cost = (measured: number): Aim => ({ what: 'B4 ratio', measured, aim: 1.5, direction: 'at-most' });

describe('benchmark aims', () => {
  it('judges each side of the bound, the bound itself included', () => {
    expect([0.89, 0.9, 1.2].map((m) => isMet(throughput(m)))).toEqual([false, true, true]);
    expect([1.2, 1.5, 1.51].map((m) => isMet(cost(m)))).toEqual([true, true, false]);
  });

  it('never counts a missing measure as met', () => {
    expect(isMet(throughput(Number.NaN))).toBe(false);
    expect(isMet(cost(Number.POSITIVE_INFINITY))).toBe(false);
    expect(describeAim(cost(Number.NaN))).toContain('not measured');
  });

  it('lists what falls short, failed benchmarks included', () => {
    const short = shortfalls([throughput(0.95), cost(3.0), throughput(0.5)], ['B3']);
    expect(short).toHaveLength(3);
    expect(short[0]).toMatch(/^NOT met B4 ratio: 3\.00 \(aim ≤ 1\.5\)$/);
    expect(short[2]).toContain('B3: the benchmark failed');
    expect(shortfalls([throughput(0.95)], [])).toEqual([]);
  });
});
