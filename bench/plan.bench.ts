/**
 * Benchmark of the calendar planner (not a test): `npx tsx bench/plan.bench.ts [count]`.
 *
 * Plans 3-year agreements with a monthly pilot review, a two-monthly steering committee, an
 * annual review with indicators and a yearly census, and compares with expanding the same
 * rules with `rrule` alone (the floor: what any planner pays to enumerate dates). Target:
 * < 5 ms per agreement.
 *
 * @module
 */
import { performance } from 'node:perf_hooks';
import * as rrulePkg from 'rrule';
import type { Agreement } from '../domain/agreement';
import { planCalendar } from '../domain/calendar';
import { addDays } from '../domain/durations';
import { cot } from '../tests/domain/fixtures';

type RRuleModule = typeof rrulePkg;
const { RRule } = (rrulePkg as { RRule?: unknown }).RRule ? rrulePkg : (Reflect.get(rrulePkg, 'default') as RRuleModule);

const count = Number(process.argv[2] ?? 2000);
const TARGET_MS = 5;

/** Varied agreements so that caches (instants, holidays) are not trivially hot. */
function agreements(n: number): Agreement[] {
  const base = cot();
  return Array.from({ length: n }, (_, i) => {
    const startsOn = addDays('2024-01-01', (i * 7) % 1500);
    const endsOn = addDays(addDays(startsOn, 365 * 3), -1);
    return { ...base, id: `bench-${i}`, term: { ...base.term, signedOn: startsOn, startsOn, endsOn } };
  });
}

function utc(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

function expandOnly(a: Agreement): number {
  let n = 0;
  for (const spec of Object.values(a.meetings)) {
    const r = new RRule({ ...RRule.parseString(spec.rrule), dtstart: utc(a.term.startsOn) });
    n += r.between(utc(a.term.startsOn), utc(a.term.endsOn), true).length;
  }
  return n;
}

function run(label: string, items: Agreement[], f: (a: Agreement) => number): number {
  const step = Math.max(1, Math.floor(items.length / 10));
  let sink = 0;
  const t0 = performance.now();
  items.forEach((a, i) => {
    sink += f(a);
    if ((i + 1) % step === 0) process.stdout.write(`\r  ${label}: ${i + 1}/${items.length}`);
  });
  const ms = (performance.now() - t0) / items.length;
  process.stdout.write(`\r  ${label}: ${items.length}/${items.length} done (${sink} items)\n`);
  return ms;
}

function fmt(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}

const items = agreements(count);
const sample = planCalendar(items[0]!);
console.log(
  `Planner benchmark: ${count} three-year agreements (monthly + two-monthly + annual meetings, census);` +
    ` e.g. ${sample.entries.length} entries, ${sample.entries.reduce((n, e) => n + e.reminders.length, 0)} reminders each`,
);
console.log('warming up…');
run('warm-up', items.slice(0, Math.min(200, count)), (a) => planCalendar(a).entries.length);
const plan = run('planCalendar', items, (a) => planCalendar(a).entries.length);
const rr = run('rrule only  ', items, expandOnly);
console.log('');
console.log(`planCalendar : ${fmt(plan)} per agreement, ${(plan * 10).toFixed(1)} s per 10,000 agreements`);
console.log(`rrule alone  : ${fmt(rr)} per agreement, ${(rr * 10).toFixed(1)} s per 10,000 agreements`);
console.log(`target       : < ${TARGET_MS} ms per agreement — ${plan < TARGET_MS ? 'met' : 'NOT met'}`);
