/**
 * The demonstration agreement (every day a working day, no holiday) in UTC, with its census
 * placed relative to a server's clock: it opens two days ahead and closes `closeAfterDays` later,
 * with its « closes soon » reminders `remindBefore`; its one meeting comes `meetingAfterDays`
 * after the opening, the term ends `endAfterDays` after it. The placements of the action link
 * and snooze tests are built on it, each checking the plan it needs.
 */
import { DateTime } from 'luxon';
import type { Agreement } from '../../domain/agreement';
import { planCalendar } from '../../domain/calendar';
import { parseAgreement } from '../../domain/parse-agreement';
import { readDemoFile } from '../../dev/demo';

export interface DemoCensusShape {
  closeAfterDays: number;
  meetingAfterDays: number;
  endAfterDays: number;
  remindBefore: string[];
  /** The meeting's reminders (default one day before). */
  meetingRemindBefore?: string[];
}

export interface DemoCensus {
  agreement: Agreement;
  now: DateTime;
  /** The census's first day (midnight UTC). */
  open: DateTime;
  close: DateTime;
  /** The census's own reminders in plan order (the CNFPT referents' art. 9 reminders left out). */
  reminders: { purpose: string; at: string }[];
}

export async function placeDemoCensus(id: string, nowMs: number, shape: DemoCensusShape): Promise<DemoCensus> {
  const raw = await readDemoFile();
  const now = DateTime.fromMillis(nowMs, { zone: 'utc' });
  const open = now.plus({ days: 2 }).startOf('day');
  const close = open.plus({ days: shape.closeAfterDays });
  const meeting = open.plus({ days: shape.meetingAfterDays });
  const placed = {
    ...raw,
    id,
    timezone: 'UTC',
    term: { signedOn: now.minus({ days: 1 }).toISODate(), endsOn: open.plus({ days: shape.endAfterDays }).toISODate() },
    meetings: {
      'follow-up': {
        ...(raw.meetings?.['follow-up'] ?? {}),
        rrule: `FREQ=YEARLY;BYMONTH=${meeting.month};BYMONTHDAY=${meeting.day}`,
        time: '10:00',
        remindBefore: shape.meetingRemindBefore ?? ['P1D'],
      },
    },
    census: {
      opensOn: open.toFormat('MM-dd'),
      closesOn: close.toFormat('MM-dd'),
      to: ['referent'],
      remindBefore: shape.remindBefore,
    },
    reminders: { time: '09:00' },
  };
  const parsed = parseAgreement(placed);
  if (!parsed.ok) throw new Error(`census placement: ${parsed.problems.join('; ')}`);
  const reminders = planCalendar(parsed.agreement).entries.flatMap((e) =>
    e.reminders
      .filter((r) => r.purpose === 'census-open' || r.purpose === 'census-deadline')
      .map((r) => ({ purpose: r.purpose, at: r.at })),
  );
  return { agreement: parsed.agreement, now, open, close, reminders };
}
