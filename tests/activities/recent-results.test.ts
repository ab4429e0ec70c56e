import { describe, expect, it } from 'vitest';
import { rememberRecent } from '../../activities/render/recent-results';

describe('rememberRecent', () => {
  it('computes a key once while it is among the latest, then again once it has been pushed out', () => {
    const computed: string[] = [];
    const upper = rememberRecent(
      (text: string) => {
        computed.push(text);
        return text.toUpperCase();
      },
      (text) => text,
      2,
    );
    expect([upper('a'), upper('a'), upper('b'), upper('a')]).toEqual(['A', 'A', 'B', 'A']);
    expect(computed).toEqual(['a', 'b']);
    upper('c'); // pushes out the oldest, 'a'
    expect(upper('a')).toBe('A');
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });

  it('remembers no error: a failing key fails again, and is computed again', () => {
    let calls = 0;
    const parse = rememberRecent(
      (text: string) => {
        calls++;
        if (!/^\d+$/.test(text)) throw new Error(`not a number: ${text}`);
        return Number(text);
      },
      (text) => text,
    );
    expect(() => parse('x')).toThrow('not a number: x');
    expect(() => parse('x')).toThrow('not a number: x');
    expect(calls).toBe(2);
  });
});
