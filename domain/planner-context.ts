/**
 * What every part of the calendar planner shares: the rules' fixed durations, one planning
 * run's context (agreement, zone, business calendar, effective end), and the small helpers that
 * place reminders (rule 3) and moved dates. Pure.
 *
 * @module
 */
import { DateTime } from 'luxon';
import type { Agreement, AudienceRef, IsoDuration, LocalDate, LocalTime } from './agreement';
import { ROLES } from './agreement';
import type { CalendarEntry, CalendarReminder, ReminderPurpose } from './calendar-types';
import {
  businessCalendarOf,
  businessDayBefore,
  type BusinessCalendar,
  previousBusinessDay,
  type Adjusted,
} from './business-days';
import { isDateOnlyDuration, parseDuration, subtractDuration } from './durations';
import { localInstantOf, type Instant } from './recurrence';

/** Reminders before the art. 8 indicators due date. */
export const INDICATOR_REMINDERS: readonly IsoDuration[] = ['P14D', 'P1D'];
/** Renewal follow-ups before `endsOn` (rule 6); the last one also goes to the signatories. */
export const RENEWAL_FOLLOWUPS: readonly { before: IsoDuration; signatories: boolean }[] = [
  { before: 'P9M', signatories: false },
  { before: 'P6M', signatories: true },
];
/** Amicable period before any court (rule 9, art. 14). */
export const AMICABLE_PERIOD: IsoDuration = 'P2M';
/** Referents are reminded this long before the amicable period ends (rule 9). */
export const DISPUTE_REMINDER_BEFORE: IsoDuration = 'P7D';
/** Undated events: the referents are asked to fix a date this long before the window (rule 11). */
export const UNDATED_REMINDER_BEFORE: IsoDuration = 'P30D';
/** Project sheets are late after this local time of their due date. */
export const PROJECT_SHEET_DUE_TIME: LocalTime = '23:59';

export const MEETING_TITLES: Record<string, string> = {
  'pilot-review': 'Réunion de suivi avec les pilotes',
  'steering-committee': 'Comité de pilotage',
  'annual-review': 'Rencontre annuelle',
};

// ---------------------------------------------------------------------------------------------
// Small shared helpers

/** One planning run: the agreement, its zone, calendar and effective end. */
export class Ctx {
  readonly zone: string;
  readonly time: LocalTime;
  readonly startsOn: LocalDate;
  constructor(
    readonly a: Agreement,
    readonly end: LocalDate,
    /** Last date meeting occurrences are expanded to (`PlanScope.meetingsUntil`), at most `end`. */
    readonly meetingsUntil: LocalDate = end,
  ) {
    this.zone = a.timezone;
    this.time = a.reminders.time;
    this.startsOn = a.term.startsOn;
  }
  get cal(): BusinessCalendar {
    return (this.business ??= businessCalendarOf(this.a));
  }
  private business?: BusinessCalendar;
  instant(date: LocalDate, time: LocalTime): Instant {
    return localInstantOf(date, time, this.zone);
  }
}

export const ROLE_SET = new Set<string>(ROLES);

/** Roles and person ids → sorted unique person ids (unknown references are ignored). */
export function resolveAudience(agreement: Agreement, refs: readonly AudienceRef[]): string[] {
  const out = new Set<string>();
  for (const ref of refs) {
    if (ROLE_SET.has(ref)) {
      for (const p of agreement.people) if ((p.roles as string[]).includes(ref)) out.add(p.id);
    } else if (agreement.people.some((p) => p.id === ref)) {
      out.add(ref);
    }
  }
  return [...out].sort();
}

/** Local date of `date` at `time` minus `d` (a time-part duration can step back a day). */
export function before(date: LocalDate, time: LocalTime, d: IsoDuration): LocalDate {
  if (isDateOnlyDuration(d)) return subtractDuration(date, d);
  return DateTime.fromISO(`${date}T${time}`, { zone: 'utc' }).minus(parseDuration(d)).toISODate() as LocalDate;
}

export const clockCache = new Map<IsoDuration, number | null>();

/** Milliseconds of a duration made of whole minutes of clock time only (`PT1H30M`), else null. */
export function clockMs(duration: IsoDuration): number | null {
  let ms = clockCache.get(duration);
  if (ms === undefined) {
    const d = parseDuration(duration);
    const o = d.toObject();
    const total = d.as('milliseconds');
    ms =
      !o.years && !o.quarters && !o.months && !o.weeks && !o.days && Number.isFinite(total) && total % 60_000 === 0
        ? total
        : null;
    clockCache.set(duration, ms);
  }
  return ms;
}

/** `at` + a meeting duration, ISO with offset in the agreement's zone. */
export function endOf(ctx: Ctx, date: LocalDate, time: LocalTime, at: Instant, duration: IsoDuration): string {
  const ms = clockMs(duration);
  if (ms !== null) {
    const minutes = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) + ms / 60_000;
    if (minutes < 24 * 60) {
      const end = ctx.instant(
        date,
        `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
      );
      // Same wall-clock and absolute distance: no DST change in between, the fast result is exact.
      if (end.ms - at.ms === ms) return end.iso;
    }
  }
  return DateTime.fromMillis(at.ms, { zone: ctx.zone }).plus(parseDuration(duration)).toISO() as string;
}

export interface ReminderSpec {
  entryId: string;
  purpose: ReminderPurpose;
  to: string[];
  /** The date and time the durations count back from. */
  fromDate: LocalDate;
  fromTime: LocalTime;
  durations: readonly IsoDuration[];
  /** The instant no reminder may come after (the entry's `at`). */
  latestMs: number;
  /** Reminders earlier than this date are dropped. */
  notBefore: LocalDate;
  /** Plan the dates even without recipients (project sheets: the workflow knows the leads). */
  keepWithoutRecipients?: boolean;
}

export function reminder(
  ctx: Ctx,
  entryId: string,
  purpose: ReminderPurpose,
  date: LocalDate,
  to: string[],
): CalendarReminder & { ms: number } {
  const at = ctx.instant(date, ctx.time);
  return { id: `${entryId}/${purpose}/${date}`, purpose, at: at.iso, date, to, ms: at.ms };
}

/** Rule 3: D − d at reminders.time, on the previous business day, same-day duplicates merged. */
export function remindersBefore(ctx: Ctx, s: ReminderSpec): (CalendarReminder & { ms: number })[] {
  if (s.to.length === 0 && !s.keepWithoutRecipients) return [];
  const byDate = new Map<LocalDate, CalendarReminder & { ms: number }>();
  for (const d of s.durations) {
    let date = previousBusinessDay(before(s.fromDate, s.fromTime, d), ctx.cal);
    // Never later than the entry itself (a short or time-only duration on a morning meeting).
    while (ctx.instant(date, ctx.time).ms > s.latestMs) date = businessDayBefore(date, ctx.cal);
    if (date < s.notBefore || byDate.has(date)) continue;
    byDate.set(date, reminder(ctx, s.entryId, s.purpose, date, s.to));
  }
  return [...byDate.values()].sort((x, y) => x.ms - y.ms);
}

export type Draft = Omit<CalendarEntry, 'reminders'> & { ms: number; reminders: (CalendarReminder & { ms: number })[] };

export function moved(adj: Adjusted): Pick<CalendarEntry, 'movedFrom' | 'movedBecause'> {
  return adj.movedFrom === undefined ? {} : { movedFrom: adj.movedFrom, movedBecause: adj.movedBecause as string };
}

export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
