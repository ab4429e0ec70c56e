/**
 * The demonstration agreement of `npm start` (examples/demo/demonstration.yaml, dev/demo.ts):
 * clearly marked, the example people, and placed so that its reminders fall due 20 to 80 s after
 * `npm start` and its meeting five minutes later, whatever the instant: every day of the week,
 * around midnight, across both clock changes of its zone, on 29 February. Pure: the planner that
 * the lifecycle runs decides where the reminders are.
 */
import { readFile } from 'node:fs/promises';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { readAgreementFile } from '../../client/agreement-file';
import { DEMO_FILE, DEMO_LEAD_SECONDS, DEMO_MEETING_AFTER_MINUTES, placeDemo, readDemoFile } from '../../dev/demo';
import { planCalendar } from '../../domain/calendar';

describe('the demonstration agreement', () => {
  it('is a valid agreement file, marked as a demonstration, with the example people', async () => {
    const text = await readFile(DEMO_FILE, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# DEMONSTRATION ONLY: a fictitious agreement/);
    const parsed = await readAgreementFile(DEMO_FILE);
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const { agreement } = parsed;
    expect(agreement.id).toMatch(/^demo-/);
    expect(agreement.title).toMatch(/^Démonstration /);
    expect(agreement.locale).toBe('fr');
    expect(agreement.workdays).toEqual(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']);
    expect(agreement.holidays).toBe('none');
    expect(agreement.people.map((p) => p.email)).toEqual([
      'camille.martin@example.org',
      'julien.moreau@example.org',
      'sophie.bernard@example.org',
    ]);
  });

  it('is placed with its reminders 20 to 80 s ahead and its meeting 5 minutes later, at any instant', async () => {
    const raw = await readDemoFile();
    const instants: number[] = [];
    // Every 211 minutes for a year and a week (every day of the week, times of day drifting
    // through the whole day)…
    const start = Date.UTC(2026, 0, 1);
    for (let t = start; t < start + 372 * 86_400_000; t += 211 * 60_000) instants.push(t);
    // …every minute around the clock changes of Europe/Paris and local midnight, and odd seconds.
    for (const around of [
      '2026-03-29T01:00:00Z',
      '2026-10-25T01:00:00Z',
      '2026-11-30T23:00:00Z',
      '2028-02-28T23:00:00Z',
      '2026-12-31T23:00:00Z',
    ]) {
      for (let m = -15; m <= 15; m++) instants.push(Date.parse(around) + m * 60_000 + 13_579);
    }
    let inParis = 0;
    for (const now of instants) {
      const placed = placeDemo(raw, now);
      if (placed.agreement.timezone === 'Europe/Paris') inParis++;
      const remindMs = Date.parse(placed.remindersAt);
      const where = new Date(now).toISOString();
      expect(remindMs - now, where).toBeGreaterThanOrEqual(DEMO_LEAD_SECONDS * 1000);
      expect(remindMs - now, where).toBeLessThan(DEMO_LEAD_SECONDS * 1000 + 60_000);
      expect(Date.parse(placed.meetingAt) - remindMs, where).toBe(DEMO_MEETING_AFTER_MINUTES * 60_000);
      expect(placed.recipients, where).toEqual(['formation-terre-valserhone', 'ref-cnfpt', 'ref-terre-valserhone']);
      // What the lifecycle will plan: one meeting, every reminder at that instant.
      const entries = planCalendar(placed.agreement).entries;
      expect(
        entries.filter((e) => e.type === 'follow-up').map((e) => Date.parse(e.at)),
        where,
      ).toEqual([Date.parse(placed.meetingAt)]);
      expect(new Set(entries.flatMap((e) => e.reminders).map((r) => Date.parse(r.at))), where).toEqual(
        new Set([remindMs]),
      );
      expect(placed.agreement.timezone === 'Europe/Paris' || placed.agreement.timezone === 'UTC', where).toBe(true);
    }
    // In the file's zone, except in the minutes of a clock change.
    expect(inParis / instants.length).toBeGreaterThan(0.99);
    // A Sunday at 23:59 in Paris: the meeting is on Monday, the reminders on Sunday.
    const sunday = placeDemo(raw, DateTime.fromISO('2026-11-29T23:58:50', { zone: 'Europe/Paris' }).toMillis());
    expect(sunday.remindersAt).toBe('2026-11-30T00:00:00+01:00');
    expect(sunday.meetingAt).toBe('2026-11-30T00:05:00+01:00');
  });
});
