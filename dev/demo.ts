/**
 * The demonstration agreement of `npm start` (`examples/demo/demonstration.yaml`): a fictitious
 * agreement placed relative to now, so that a first `npm start` shows real French reminders in
 * the inbox within two minutes, whatever the day (the examples' next reminders are days or
 * months away). Every day is a working day and no holiday applies, so no rule moves them.
 *
 * {@link placeDemo} rewrites the file's dates: its reminders at the first whole minute at least
 * `leadSeconds` ahead, its one meeting {@link DEMO_MEETING_AFTER} later, its term from the day
 * before the meeting to the day after. The plan is checked before anything starts: exactly one
 * meeting and one reminder instant, where they were placed (in the rare minutes where a clock
 * change makes the file's zone unfit, UTC is used instead).
 *
 * The lifecycle is started as `pacte start` starts one (dev/examples.ts), except that a demo that
 * has ended may be replaced by a new run under the same id: a running demo is kept, never doubled.
 *
 * @module
 */
import type { Client } from '@temporalio/client';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { parse as parseYaml } from 'yaml';
import type { Agreement } from '../domain/agreement';
import { planCalendar } from '../domain/calendar';
import { parseAgreement } from '../domain/parse-agreement';
import { DEFAULT_TASK_QUEUE } from '../contracts/workflow-ids';
import { startLifecycle } from './examples';

export const DEMO_FILE = fileURLToPath(new URL('../examples/demo/demonstration.yaml', import.meta.url));
/** The reminders fall due at the first whole minute at least this far ahead (20 to 80 s). */
export const DEMO_LEAD_SECONDS = 20;
/** From the reminders to the meeting. */
export const DEMO_MEETING_AFTER_MINUTES = 5;

export interface PlacedDemo {
  agreement: Agreement;
  /** When every reminder of the demo falls due (ISO, in the agreement's zone). */
  remindersAt: string;
  /** When the meeting starts (ISO, in the agreement's zone). */
  meetingAt: string;
  /** Who gets a reminder (person ids). */
  recipients: string[];
}

type Raw = Record<string, unknown> & {
  meetings?: Record<string, Record<string, unknown>>;
  term?: Record<string, unknown>;
};

/** Wall-clock minutes of a local time, as if it were UTC (the planner counts durations this way). */
function wallMinutes(d: DateTime): number {
  return Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute) / 60_000;
}

/** The demonstration file's agreement, placed so that its reminders fall due a minute or so after `nowMs`. */
export function placeDemo(raw: Raw, nowMs: number, leadSeconds = DEMO_LEAD_SECONDS): PlacedDemo {
  const remindMs = Math.ceil((nowMs + leadSeconds * 1000) / 60_000) * 60_000;
  const meetingMs = remindMs + DEMO_MEETING_AFTER_MINUTES * 60_000;
  const key = Object.keys(raw.meetings ?? {})[0];
  if (!key) throw new Error('the demonstration file has no meeting');
  const zones = [...new Set([typeof raw.timezone === 'string' ? raw.timezone : 'Europe/Paris', 'UTC'])];
  const problems: string[] = [];
  for (const zone of zones) {
    const remind = DateTime.fromMillis(remindMs, { zone });
    const meeting = DateTime.fromMillis(meetingMs, { zone });
    const minutes = wallMinutes(meeting) - wallMinutes(remind);
    if (minutes <= 0) continue; // a clock change in between
    const meetingDay = DateTime.fromISO(meeting.toISODate()!, { zone: 'utc' });
    const placed: Raw = {
      ...raw,
      timezone: zone,
      term: {
        ...raw.term,
        signedOn: meetingDay.minus({ days: 1 }).toISODate(),
        endsOn: meetingDay.plus({ days: 1 }).toISODate(),
      },
      meetings: {
        ...raw.meetings,
        [key]: {
          ...raw.meetings![key],
          rrule: `FREQ=YEARLY;BYMONTH=${meeting.month};BYMONTHDAY=${meeting.day}`,
          time: meeting.toFormat('HH:mm'),
          remindBefore: [`PT${minutes}M`],
        },
      },
      reminders: { time: remind.toFormat('HH:mm') },
    };
    delete (placed.term as Record<string, unknown>).startsOn;
    const parsed = parseAgreement(placed);
    if (!parsed.ok) throw new Error(`the demonstration file, placed: ${parsed.problems.join('; ')}`);
    const entries = planCalendar(parsed.agreement).entries;
    const meetings = entries.filter((e) => e.type === key);
    const reminders = entries.flatMap((e) => e.reminders);
    if (
      meetings.length === 1 &&
      Date.parse(meetings[0]!.at) === meetingMs &&
      reminders.length > 0 &&
      reminders.every((r) => Date.parse(r.at) === remindMs)
    ) {
      return {
        agreement: parsed.agreement,
        remindersAt: remind.toISO({ suppressMilliseconds: true })!,
        meetingAt: meeting.toISO({ suppressMilliseconds: true })!,
        recipients: [...new Set(reminders.flatMap((r) => r.to))].sort(),
      };
    }
    problems.push(
      `${zone}: the plan has ${meetings.length} meeting(s) and reminders at ${reminders.map((r) => r.at).join(', ') || 'no time'}`,
    );
  }
  throw new Error(`cannot place the demonstration at ${new Date(remindMs).toISOString()}: ${problems.join('; ')}`);
}

/** Reads the demonstration file as written (no defaults, no validation yet: {@link placeDemo} does it). */
export async function readDemoFile(file = DEMO_FILE): Promise<Raw> {
  return parseYaml(await readFile(file, 'utf8')) as Raw;
}

export interface DemoOutcome extends PlacedDemo {
  workflowId: string;
  /** `started` now, or `existing`: a demonstration still running, kept as it is. */
  outcome: 'started' | 'existing';
}

/** Places the demonstration at `nowMs` and starts it, unless one is still running. */
export async function startDemo(
  client: Client,
  taskQueue = DEFAULT_TASK_QUEUE,
  nowMs = Date.now(),
  file = DEMO_FILE,
): Promise<DemoOutcome> {
  const placed = placeDemo(await readDemoFile(file), nowMs);
  const { workflowId, outcome } = await startLifecycle(client, placed.agreement, taskQueue, 'ALLOW_DUPLICATE');
  return { ...placed, workflowId, outcome };
}
