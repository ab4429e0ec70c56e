/**
 * A census agreement placed relative to a server's clock for the action link tests and
 * benchmark: the demonstration agreement (every day a working day, no holiday) in UTC, whose
 * census opens two days ahead (its opening reminder) and closes a week later, with one « closes
 * soon » reminder three days before: the next reminder of the same item, which an answer
 * recorded in between cancels. The plan is checked before it is used.
 */
import { DateTime } from 'luxon';
import type { Agreement } from '../../domain/agreement';
import { planCalendar } from '../../domain/calendar';
import { parseAgreement } from '../../domain/parse-agreement';
import { readDemoFile } from '../../dev/demo';

export interface PlacedCensus {
  agreement: Agreement;
  year: number;
  /** The census opening reminder (ISO instant). */
  openAt: string;
  /** The census deadline reminder, which an answer recorded before it cancels (ISO instant). */
  deadlineReminderAt: string;
}

export async function placeCensus(id: string, nowMs: number): Promise<PlacedCensus> {
  const raw = await readDemoFile();
  const now = DateTime.fromMillis(nowMs, { zone: 'utc' });
  const open = now.plus({ days: 2 }).startOf('day');
  const close = open.plus({ days: 7 });
  const meeting = open.plus({ days: 8 });
  const placed = {
    ...raw,
    id,
    timezone: 'UTC',
    term: { signedOn: now.minus({ days: 1 }).toISODate(), endsOn: open.plus({ days: 20 }).toISODate() },
    meetings: {
      'follow-up': {
        ...(raw.meetings?.['follow-up'] ?? {}),
        rrule: `FREQ=YEARLY;BYMONTH=${meeting.month};BYMONTHDAY=${meeting.day}`,
        time: '10:00',
        remindBefore: ['P1D'],
      },
    },
    census: {
      opensOn: open.toFormat('MM-dd'),
      closesOn: close.toFormat('MM-dd'),
      to: ['referent'],
      remindBefore: ['P3D'],
    },
    reminders: { time: '09:00' },
  };
  const parsed = parseAgreement(placed);
  if (!parsed.ok) throw new Error(`census placement: ${parsed.problems.join('; ')}`);
  const reminders = planCalendar(parsed.agreement).entries.flatMap((e) =>
    // The census's own reminders (the CNFPT referent's launch and retained-projects reminders
    // are the art. 9 loop's, beside them).
    e.reminders
      .filter((r) => r.purpose === 'census-open' || r.purpose === 'census-deadline')
      .map((r) => ({ purpose: r.purpose, at: r.at })),
  );
  const [first, second] = reminders;
  if (reminders.length !== 2 || first?.purpose !== 'census-open' || second?.purpose !== 'census-deadline') {
    throw new Error(`census placement at ${now.toISO()}: the plan has ${JSON.stringify(reminders)}`);
  }
  return { agreement: parsed.agreement, year: open.year, openAt: first.at, deadlineReminderAt: second.at };
}
