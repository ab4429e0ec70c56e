/**
 * The placements the tests against a server rely on exist whatever the date. The CLI test and
 * the backlog (fault and codec) tests shift the examples by whole years against the server's
 * clock; here, for instants every few days at varying hours from the date they were written to
 * 2045, at the edges (New Year's Eve around the renewal window's opening, 29 February) and at
 * this test's own "now", every example is placed in its situation and what the tests then do
 * holds: Terre Valserhône's meeting and census are past and its renewal window at least an hour
 * ahead; the ended examples are over; the backlog owes at least the first year's e-mails and the
 * lifecycle runs another day. Pure (the planner only), so the clock check moves its "now" too.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { BACKLOG, backlogEmails } from '../faults/backlog';
import { ENDED, firstEntry, placeExample, readExample, RUNNING, startOfDay, termEndMs } from '../support/placement';
import { plannedEmails } from '../support/planned-emails';
import { SITUATIONS, VALSERHONE_FILE, valserhoneDates } from './example-situations';

const WRITTEN = Date.parse('2026-11-30T12:00:00Z');
const FILES = Object.keys(SITUATIONS);
const RAW = Object.fromEntries(FILES.map((f) => [f, readExample(f.replace(/\.yaml$/, ''))]));
const HOUR = 3_600_000;

function instants(): number[] {
  const out = [Date.now(), WRITTEN];
  // Every 3 days and 7 hours: every hour of the day comes round.
  for (let t = WRITTEN; t < Date.parse('2045-12-31T00:00:00Z'); t += 3 * 24 * HOUR + 7 * HOUR) out.push(t);
  for (let year = 2026; year <= 2045; year++) {
    for (const time of ['00:00', '07:59', '08:01', '12:00', '22:59', '23:01', '23:59'])
      out.push(Date.parse(`${year}-12-31T${time}:00Z`));
    out.push(Date.parse(`${year + 1}-01-01T00:00:00Z`));
  }
  for (const leap of ['2028-02-29T12:00:00Z', '2032-02-29T12:00:00Z', '2028-03-01T00:30:00Z'])
    out.push(Date.parse(leap));
  return out;
}

/** Problems of the CLI placement at `now`, in words (none when the test would run as written). */
function cliProblems(now: number): string[] {
  const at = new Date(now).toISOString();
  const problems: string[] = [];
  for (const file of FILES) {
    let placed;
    try {
      placed = placeExample(RAW[file]!, now, SITUATIONS[file]!);
    } catch (e) {
      problems.push(`${at}: ${String(e)}`);
      continue;
    }
    const { agreement } = placed;
    if (SITUATIONS[file] === ENDED && !(termEndMs(agreement) <= now)) problems.push(`${at}: ${file} not ended`);
    if (
      SITUATIONS[file] === RUNNING &&
      !(startOfDay(agreement, agreement.term.signedOn) <= now && now < termEndMs(agreement))
    )
      problems.push(`${at}: ${file} not running`);
    if (file === VALSERHONE_FILE) {
      const today = DateTime.fromMillis(now, { zone: agreement.timezone }).toISODate()!;
      const { review, census } = valserhoneDates(placed);
      if (!(agreement.term.signedOn <= census.opensOn && census.opensOn <= review.date && review.date <= today)) {
        problems.push(
          `${at}: ${file} census ${census.opensOn} and review ${review.date} not between the signature and today ${today}`,
        );
      }
      if (!(Date.parse(firstEntry(placed, 'renewal-window').at) > now + HOUR))
        problems.push(`${at}: ${file} renewal window within the hour`);
    }
  }
  return problems;
}

/** Problems of the backlog placement at `now`. */
function backlogProblems(now: number): string[] {
  const at = new Date(now).toISOString();
  let placed;
  try {
    placed = placeExample(RAW[VALSERHONE_FILE]!, now, BACKLOG);
  } catch (e) {
    return [`${at}: ${String(e)}`];
  }
  const firstYear = plannedEmails(
    placed.calendar,
    (r) => Date.parse(r.at) <= Date.parse(firstEntry(placed, 'annual-review').at),
  ).size;
  const owed = backlogEmails(placed, now).size;
  const problems: string[] = [];
  if (firstYear < 5 || owed < firstYear) problems.push(`${at}: backlog of ${owed} e-mails (first year ${firstYear})`);
  if (!(termEndMs(placed.agreement) - now > 24 * HOUR)) problems.push(`${at}: backlog lifecycle ends within a day`);
  return problems;
}

describe('examples placed against a clock', () => {
  const all = instants();

  it('at the date the tests were written, no example moves', () => {
    for (const file of FILES) expect(placeExample(RAW[file]!, WRITTEN, SITUATIONS[file]!).shift, file).toBe(0);
    expect(placeExample(RAW[VALSERHONE_FILE]!, WRITTEN, BACKLOG).shift).toBe(0);
  });

  it(`the CLI test's situations hold at ${all.length} instants to 2045 and now`, () => {
    expect(all.flatMap(cliProblems)).toEqual([]);
  });

  it(`the backlog holds at least the first year's e-mails and keeps running, at the same instants`, () => {
    expect(all.flatMap(backlogProblems)).toEqual([]);
  });

  it('a situation no shift reaches fails loudly', () => {
    const never = { name: 'never', window: () => [0, 0] as [number, number] };
    expect(() => placeExample(RAW[VALSERHONE_FILE]!, WRITTEN, never)).toThrow(
      /no whole-year shift puts 2026-11-30T12:00:00.000Z in the situation "never"/,
    );
  });
});
