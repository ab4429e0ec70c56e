/**
 * A census agreement placed relative to a server's clock for the snooze tests: the
 * demonstration agreement (every day a working day, no holiday) in UTC, whose census opens two
 * days ahead (its opening reminder, to both referents) and closes ten days later, with « closes
 * soon » reminders 8, 6 and 1 days before: a snooze of three days made after the opening
 * reminder leaves out the first, brings the thread back the day after it, and keeps the others.
 * Its one meeting is well after the census. The plan is checked before it is used.
 */
import type { Agreement } from '../../domain/agreement';
import { placeDemoCensus } from './demo-census';

export interface PlacedSnooze {
  agreement: Agreement;
  year: number;
  /** The census opening reminder, then the three « closes soon » reminders (ISO instants). */
  openAt: string;
  deadlineAt: [string, string, string];
  /** The census's last day. */
  closesOn: string;
}

export async function placeSnoozeCensus(id: string, nowMs: number): Promise<PlacedSnooze> {
  const { agreement, now, open, close, reminders } = await placeDemoCensus(id, nowMs, {
    closeAfterDays: 10,
    meetingAfterDays: 15,
    endAfterDays: 25,
    remindBefore: ['P8D', 'P6D', 'P1D'],
  });
  const expected = [0, 2, 4, 9].map((days) => open.plus({ days, hours: 9 }).toMillis());
  if (
    reminders.length !== 4 ||
    reminders[0]?.purpose !== 'census-open' ||
    reminders.some((r, i) => Date.parse(r.at) !== expected[i])
  ) {
    throw new Error(`snooze placement at ${now.toISO()}: the plan has ${JSON.stringify(reminders)}`);
  }
  const [first, ...rest] = reminders.map((r) => r.at);
  return {
    agreement,
    year: open.year,
    openAt: first!,
    deadlineAt: rest as [string, string, string],
    closesOn: close.toISODate()!,
  };
}
