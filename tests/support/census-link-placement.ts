/**
 * A census agreement placed relative to a server's clock for the action link tests and
 * benchmark: the demonstration agreement (every day a working day, no holiday) in UTC, whose
 * census opens two days ahead (its opening reminder) and closes a week later, with one « closes
 * soon » reminder three days before: the next reminder of the same item, which an answer
 * recorded in between cancels. The plan is checked before it is used.
 */
import type { Agreement } from '../../domain/agreement';
import { placeDemoCensus } from './demo-census';

export interface PlacedCensus {
  agreement: Agreement;
  year: number;
  /** The census opening reminder (ISO instant). */
  openAt: string;
  /** The census deadline reminder, which an answer recorded before it cancels (ISO instant). */
  deadlineReminderAt: string;
}

export async function placeCensus(id: string, nowMs: number): Promise<PlacedCensus> {
  const { agreement, now, open, reminders } = await placeDemoCensus(id, nowMs, {
    closeAfterDays: 7,
    meetingAfterDays: 8,
    endAfterDays: 20,
    remindBefore: ['P3D'],
  });
  const [first, second] = reminders;
  if (reminders.length !== 2 || first?.purpose !== 'census-open' || second?.purpose !== 'census-deadline') {
    throw new Error(`census placement at ${now.toISO()}: the plan has ${JSON.stringify(reminders)}`);
  }
  return { agreement, year: open.year, openAt: first.at, deadlineReminderAt: second.at };
}
