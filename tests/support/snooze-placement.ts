/**
 * A census agreement placed relative to a server's clock for the snooze tests: the
 * demonstration agreement (every day a working day, no holiday) in UTC, whose census opens two
 * days ahead (its opening reminder, to both referents) and closes ten days later, with « closes
 * soon » reminders 8, 6 and 1 days before: a snooze of three days made after the opening
 * reminder leaves out the first, brings the thread back the day after it, and keeps the others.
 * Its one meeting is well after the census. The plan is checked before it is used.
 */
import { DateTime } from 'luxon';
import type { Agreement } from '../../domain/agreement';
import { planCalendar } from '../../domain/calendar';
import { parseAgreement } from '../../domain/parse-agreement';
import { readDemoFile } from '../../dev/demo';

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
  const raw = await readDemoFile();
  const now = DateTime.fromMillis(nowMs, { zone: 'utc' });
  const open = now.plus({ days: 2 }).startOf('day');
  const close = open.plus({ days: 10 });
  const meeting = open.plus({ days: 15 });
  const placed = {
    ...raw,
    id,
    timezone: 'UTC',
    term: { signedOn: now.minus({ days: 1 }).toISODate(), endsOn: open.plus({ days: 25 }).toISODate() },
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
      remindBefore: ['P8D', 'P6D', 'P1D'],
    },
    reminders: { time: '09:00' },
  };
  const parsed = parseAgreement(placed);
  if (!parsed.ok) throw new Error(`snooze placement: ${parsed.problems.join('; ')}`);
  const reminders = planCalendar(parsed.agreement).entries.flatMap((e) =>
    e.reminders
      .filter((r) => r.purpose === 'census-open' || r.purpose === 'census-deadline')
      .map((r) => ({ purpose: r.purpose, at: r.at })),
  );
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
    agreement: parsed.agreement,
    year: open.year,
    openAt: first!,
    deadlineAt: rest as [string, string, string],
    closesOn: close.toISODate()!,
  };
}
