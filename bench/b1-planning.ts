/**
 * B1 — planning three-year agreements (monthly pilot review, two-monthly steering committee,
 * annual review with indicators, yearly census) with `planCalendar`, against expanding the same
 * recurrence rules with `rrule` alone: the floor any planner pays to enumerate dates.
 *
 * The two are measured in alternating chunks (plan 1,000, expand 1,000, plan the next 1,000…)
 * so that a neighbour's burst of load hits both sides alike.
 *
 * @module
 */
import { performance } from 'node:perf_hooks';
import * as rrulePkg from 'rrule';
import type { Agreement } from '../domain/agreement';
import { planCalendar } from '../domain/calendar';
import { addDays } from '../domain/durations';
import { cot } from '../tests/domain/fixtures';
import { ms, num, ratio, type Benchmark } from './report';

type RRuleModule = typeof rrulePkg;
// rrule is CommonJS: under tsx its named export may sit on `default`.
const { RRule } = (rrulePkg as { RRule?: unknown }).RRule
  ? rrulePkg
  : (Reflect.get(rrulePkg, 'default') as RRuleModule);

/** Varied start dates so that the planner's caches (instants, holidays) are not trivially hot. */
export function benchAgreements(n: number): Agreement[] {
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

/** The baseline: the same rules, expanded by rrule over the same term, nothing else. */
export function expandOnly(a: Agreement): number {
  let n = 0;
  for (const spec of Object.values(a.meetings)) {
    const r = new RRule({ ...RRule.parseString(spec.rrule), dtstart: utc(a.term.startsOn) });
    n += r.between(utc(a.term.startsOn), utc(a.term.endsOn), true).length;
  }
  return n;
}

function timed(items: Agreement[], f: (a: Agreement) => number): { ms: number; out: number } {
  let out = 0;
  const t0 = performance.now();
  for (const a of items) out += f(a);
  return { ms: performance.now() - t0, out };
}

export const b1Planning: Benchmark = async (ctx) => {
  const count = ctx.quick ? 300 : 10_000;
  const chunk = ctx.quick ? 100 : 1_000;
  const warm = ctx.quick ? 100 : 500;
  const items = benchAgreements(count);
  const sample = planCalendar(items[0]!);
  const reminders = sample.entries.reduce((n, e) => n + e.reminders.length, 0);
  ctx.log(`warming up (${warm} of each)`);
  timed(items.slice(0, warm), (a) => planCalendar(a).entries.length);
  timed(items.slice(0, warm), expandOnly);

  let planMs = 0;
  let rruleMs = 0;
  let entries = 0;
  let dates = 0;
  for (let i = 0; i < count; i += chunk) {
    const slice = items.slice(i, i + chunk);
    const p = timed(slice, (a) => planCalendar(a).entries.length);
    const r = timed(slice, expandOnly);
    planMs += p.ms;
    rruleMs += r.ms;
    entries += p.out;
    dates += r.out;
    ctx.log(
      `${Math.min(i + chunk, count)}/${count}: planCalendar ${ms(p.ms / slice.length)}/agreement, rrule alone ${ms(r.ms / slice.length)}/agreement`,
    );
  }
  const planRate = count / (planMs / 1000);
  const rruleRate = count / (rruleMs / 1000);
  return {
    id: 'B1',
    title: 'planning three-year agreements',
    aims: [{ what: 'B1 planCalendar: ms per agreement', measured: planMs / count, aim: 5, direction: 'at-most' }],
    size: `${num(count)} agreements`,
    headers: ['', 'agreements/s', 'per agreement', `time for ${num(count)}`, 'ratio to baseline (throughput)'],
    rows: [
      ['planCalendar (Pacte)', num(planRate), ms(planMs / count), ms(planMs), ratio(planRate / rruleRate)],
      ['rrule alone (baseline)', num(rruleRate), ms(rruleMs / count), ms(rruleMs), ratio(1)],
    ],
    notes: [
      `Each agreement is a three-year COT (Seine-et-Marne style): monthly pilot review, two-monthly steering committee, annual review with indicators, yearly census; ` +
        `${sample.entries.length} calendar entries and ${reminders} reminders each (${num(entries)} entries planned in all, against ${num(dates)} bare dates from rrule). ` +
        `The planner does far more than enumerate dates: business-day adjustment with French holidays, reminder dates, recipients, census windows and project sheets, ` +
        `instants in the agreement's zone. A ratio well below 1 is therefore expected; what matters is the absolute cost per agreement (target < 5 ms), ` +
        `because the lifecycle re-plans on every wake-up and every operation, inside a workflow task.`,
    ],
  };
};
