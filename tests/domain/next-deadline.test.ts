/**
 * The first deadline a start sets (`firstDeadlineMs`, which plans only the next months' meetings
 * when it can) is the one the whole calendar gives, for every example agreement and any day of
 * its term, and the partial plan it relies on agrees with the whole plan up to its limit.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Agreement } from '../../domain/agreement';
import { planCalendar } from '../../domain/calendar';
import { addDays } from '../../domain/durations';
import { firstDeadlineMs, nextDeadlineMs } from '../../domain/next-deadline';
import { parseAgreement } from '../../domain/parse-agreement';
import { cot } from './fixtures';

const EXAMPLES = fileURLToPath(new URL('../../examples/agreements/', import.meta.url));

function examples(): [string, Agreement][] {
  return readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => {
      const parsed = parseAgreement(YAML.parse(readFileSync(EXAMPLES + f, 'utf8')));
      if (!parsed.ok) throw new Error(`${f}: ${parsed.problems.join('; ')}`);
      return [f, parsed.agreement];
    });
}

/** Every fifth day from a month before the signature to a week after the end, at 07:30 UTC. */
function daysAcross(agreement: Agreement): number[] {
  const out: number[] = [];
  const last = addDays(agreement.term.endsOn, 7);
  for (let d = addDays(agreement.term.signedOn, -30); d <= last; d = addDays(d, 5))
    out.push(Date.parse(`${d}T07:30:00Z`));
  return out;
}

describe('the first deadline set at a start', () => {
  const cases: [string, Agreement][] = [...examples(), ['the COT fixture', cot()]];

  it.each(cases)('%s: the same as the whole calendar gives, on every fifth day of the term', (_name, agreement) => {
    const whole = planCalendar(agreement);
    const days = daysAcross(agreement);
    expect(days.length).toBeGreaterThan(50);
    const mismatches = days
      .map((now) => ({
        now: new Date(now).toISOString(),
        first: firstDeadlineMs(agreement, now),
        whole: nextDeadlineMs(whole, [], now),
      }))
      .filter((r) => r.first !== r.whole);
    expect(mismatches).toEqual([]);
  });

  it.each(cases)(
    '%s: a partial plan plans fewer meetings, and the same entries up to its limit',
    (_name, agreement) => {
      const until = addDays(agreement.term.startsOn, 120);
      const partial = planCalendar(agreement, {}, { meetingsUntil: until });
      const whole = planCalendar(agreement);
      const upTo = (entries: typeof whole.entries) => entries.filter((e) => e.date <= addDays(until, -30));
      expect(upTo(partial.entries)).toEqual(upTo(whole.entries));
      if (Object.keys(agreement.meetings).length > 0) expect(partial.entries.length).toBeLessThan(whole.entries.length);
      expect(partial.effectiveEnd).toBe(whole.effectiveEnd);
    },
  );
});
