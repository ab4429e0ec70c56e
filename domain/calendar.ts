/**
 * The calendar planner (docs/calendar-rules.md): from a validated {@link Agreement} and what
 * happened so far ({@link CalendarFacts}) to every dated entry of its governance calendar with its
 * reminders.
 *
 * Pure and deterministic — no I/O, no clock, no host zone: the lifecycle workflow calls it
 * (and re-calls it after every recorded fact), the CLI calls it for `pacte plan`. The output is
 * plain JSON.
 *
 * Choices beyond the bare statement of the rules (shared with the workflow and CLI authors):
 * - Non-meeting entries (census, renewal window, expiry, events without `time`) are at
 *   `reminders.time` on their date; the expiry entry is on the effective end at that time.
 * - Renewal follow-ups (−P9M referents, −P6M referents + signatories) hang on the `expiry`
 *   entry, so that no reminder ever comes after its entry. They and the window reminder stop
 *   once `renewalMeetingHeldOn` is set; after a notice there is no renewal at all.
 * - Annual-review indicators (art. 8): due on meeting date − `indicatorsDueBefore` (a deadline,
 *   rule 4, kept strictly before the meeting); reminders {@link INDICATOR_REMINDERS} before the
 *   due date, purpose `indicators`, to the training contacts, on the meeting entry
 *   (`indicatorsDueOn` says the due date).
 * - Reminders before `startsOn` are dropped (the agreement is not in force), except the
 *   undated-event reminder, which rule 11 puts on the first business day of the term. Census
 *   deadline reminders before the census opens are dropped.
 * - A moved occurrence that would leave (startsOn, effective end] tries the other direction,
 *   and is dropped if that fails too; two occurrences moved onto one day keep only the first.
 * - One-off events are never moved. Their reminders go to their attendees, or to the referents
 *   when they have none. An event without `time` is `allDay` (its `at`, date at reminders.time,
 *   only sorts it); a multi-day one keeps its last day in `end`. An undated event keeps its
 *   `window`; its placeholder date is the window start, or its reminder's date when that is later
 *   (a window opening before the term): a sorting key, never shown as the event's day.
 * - Project sheets ({@link planProjectSheet}) are late after 23:59 on their due date; the
 *   escalation goes out at `reminders.time` on the first business day ≥ due + `escalateAfter`.
 * - Hot paths avoid luxon (integer day arithmetic, memoized zone offsets; see durations.ts and
 *   recurrence.ts): all module-level caches are pure memos, safe in a reused workflow context.
 *
 * @module
 */
import { DateTime } from 'luxon';
import type { Agreement, AudienceRef, IsoDuration, LocalDate, LocalTime, NonBusinessDayPolicy } from './agreement';
import { ROLES } from './agreement';
import type { Calendar, CalendarEntry, CalendarFacts, CalendarReminder, ReminderPurpose } from './calendar-types';
import type { Plan, PlannedEvent } from './plan';
import {
  adjustToBusinessDay,
  businessCalendarOf,
  businessDayBefore,
  type BusinessCalendar,
  nextBusinessDay,
  previousBusinessDay,
  type Adjusted,
} from './business-days';
import {
  addDuration,
  isDateOnlyDuration,
  maxDate,
  minDate,
  monthDayInYear,
  parseDuration,
  subtractDuration,
} from './durations';
import { windowStart } from './event-window';
import { expandRRule, localInstant, localInstantOf, type Instant } from './recurrence';

export { localInstant, windowStart };

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

const MEETING_TITLES: Record<string, string> = {
  'pilot-review': 'Réunion de suivi avec les pilotes',
  'steering-committee': 'Comité de pilotage',
  'annual-review': 'Rencontre annuelle',
};

// ---------------------------------------------------------------------------------------------
// Small shared helpers

/** One planning run: the agreement, its zone, calendar and effective end. */
class Ctx {
  readonly zone: string;
  readonly time: LocalTime;
  readonly startsOn: LocalDate;
  constructor(
    readonly a: Agreement,
    readonly end: LocalDate,
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

const ROLE_SET = new Set<string>(ROLES);

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
function before(date: LocalDate, time: LocalTime, d: IsoDuration): LocalDate {
  if (isDateOnlyDuration(d)) return subtractDuration(date, d);
  return DateTime.fromISO(`${date}T${time}`, { zone: 'utc' }).minus(parseDuration(d)).toISODate() as LocalDate;
}

const clockCache = new Map<IsoDuration, number | null>();

/** Milliseconds of a duration made of whole minutes of clock time only (`PT1H30M`), else null. */
function clockMs(duration: IsoDuration): number | null {
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
function endOf(ctx: Ctx, date: LocalDate, time: LocalTime, at: Instant, duration: IsoDuration): string {
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

interface ReminderSpec {
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

function reminder(
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
function remindersBefore(ctx: Ctx, s: ReminderSpec): (CalendarReminder & { ms: number })[] {
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

type Draft = Omit<CalendarEntry, 'reminders'> & { ms: number; reminders: (CalendarReminder & { ms: number })[] };

function moved(adj: Adjusted): Pick<CalendarEntry, 'movedFrom' | 'movedBecause'> {
  return adj.movedFrom === undefined ? {} : { movedFrom: adj.movedFrom, movedBecause: adj.movedBecause as string };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

// ---------------------------------------------------------------------------------------------
// Rules

/** Rule 8: the last day of the lifecycle, `endsOn` or the effective date of a notice. */
export function effectiveEnd(agreement: Agreement, facts: CalendarFacts = {}): LocalDate {
  const { endsOn, noticePeriod } = agreement.term;
  if (!facts.notice) return endsOn;
  return minDate(addDuration(facts.notice.givenOn, noticePeriod), endsOn);
}

/** Rule 2 with a fallback: an occurrence must stay in (startsOn, end]. */
function placeOccurrence(ctx: Ctx, date: LocalDate, policy: NonBusinessDayPolicy): Adjusted | undefined {
  const inTerm = (d: LocalDate) => d > ctx.startsOn && d <= ctx.end;
  const first = adjustToBusinessDay(date, ctx.cal, policy);
  if (inTerm(first.date) || policy === 'keep') return first;
  const other = adjustToBusinessDay(date, ctx.cal, policy === 'next' ? 'previous' : 'next');
  return inTerm(other.date) ? other : undefined;
}

function meetingEntries(ctx: Ctx): Draft[] {
  const out: Draft[] = [];
  const { a } = ctx;
  const trainingContacts = resolveAudience(a, ['training-contact']);
  for (const key of Object.keys(a.meetings).sort()) {
    const spec = a.meetings[key];
    if (!spec) continue;
    const attendees = resolveAudience(a, spec.attendees);
    const taken = new Set<LocalDate>();
    for (const original of expandRRule(spec.rrule, ctx.startsOn, ctx.startsOn, ctx.end)) {
      const adj = placeOccurrence(ctx, original, spec.onNonBusinessDay);
      if (!adj || taken.has(adj.date)) continue;
      taken.add(adj.date);
      const id = `${key}-${original}`;
      const at = ctx.instant(adj.date, spec.time);
      const endsAt = endOf(ctx, adj.date, spec.time, at, spec.duration);
      const reminders = remindersBefore(ctx, {
        entryId: id,
        purpose: 'meeting',
        to: attendees,
        fromDate: adj.date,
        fromTime: spec.time,
        durations: spec.remindBefore,
        latestMs: at.ms,
        notBefore: ctx.startsOn,
      });
      let indicatorsDueOn: LocalDate | undefined;
      if (spec.indicatorsDueBefore) {
        // Rule 4 deadline, but it must stay before the meeting it feeds.
        indicatorsDueOn = nextBusinessDay(subtractDuration(adj.date, spec.indicatorsDueBefore), ctx.cal);
        if (indicatorsDueOn >= adj.date) indicatorsDueOn = businessDayBefore(adj.date, ctx.cal);
        reminders.push(
          ...remindersBefore(ctx, {
            entryId: id,
            purpose: 'indicators',
            to: trainingContacts,
            fromDate: indicatorsDueOn,
            fromTime: ctx.time,
            durations: INDICATOR_REMINDERS,
            latestMs: at.ms,
            notBefore: ctx.startsOn,
          }),
        );
      }
      out.push({
        id,
        type: key,
        title: spec.title ?? MEETING_TITLES[key] ?? key,
        date: adj.date,
        at: at.iso,
        ms: at.ms,
        endsAt,
        ...moved(adj),
        ...optional('article', spec.article),
        ...optional('place', spec.place),
        attendees,
        ...optional('indicatorsDueOn', indicatorsDueOn),
        reminders,
      });
    }
  }
  return out;
}

/** Rule 5: census opening and deadline for every year whose `opensOn` falls inside the term. */
function censusEntries(ctx: Ctx, facts: CalendarFacts): Draft[] {
  const census = ctx.a.census;
  if (!census) return [];
  const out: Draft[] = [];
  const to = resolveAudience(ctx.a, census.to);
  const answered = new Set(facts.censusAnsweredYears ?? []);
  for (let year = Number(ctx.startsOn.slice(0, 4)); year <= Number(ctx.end.slice(0, 4)); year++) {
    const opensRaw = monthDayInYear(census.opensOn, year);
    if (opensRaw < ctx.startsOn || opensRaw > ctx.end) continue;
    const open = adjustToBusinessDay(opensRaw, ctx.cal, 'next');
    if (open.date > ctx.end) continue;
    const openId = `census-open-${opensRaw}`;
    const openAt = ctx.instant(open.date, ctx.time);
    out.push({
      id: openId,
      type: 'census-open',
      title: `Ouverture du recensement des besoins de formation ${year}`,
      date: open.date,
      at: openAt.iso,
      ms: openAt.ms,
      ...moved(open),
      ...optional('article', census.article),
      attendees: to,
      censusYear: year,
      reminders: to.length > 0 ? [reminder(ctx, openId, 'census-open', open.date, to)] : [],
    });

    const closeYear = census.closesOn < census.opensOn ? year + 1 : year;
    const closesRaw = monthDayInYear(census.closesOn, closeYear);
    const close = adjustToBusinessDay(closesRaw, ctx.cal, 'next');
    if (close.date > ctx.end) continue;
    const closeId = `census-deadline-${closesRaw}`;
    const closeAt = ctx.instant(close.date, ctx.time);
    out.push({
      id: closeId,
      type: 'census-deadline',
      title: `Clôture du recensement des besoins de formation ${year}`,
      date: close.date,
      at: closeAt.iso,
      ms: closeAt.ms,
      ...moved(close),
      ...optional('article', census.article),
      attendees: to,
      censusYear: year,
      reminders: answered.has(year)
        ? []
        : remindersBefore(ctx, {
            entryId: closeId,
            purpose: 'census-deadline',
            to,
            fromDate: close.date,
            fromTime: ctx.time,
            durations: census.remindBefore,
            latestMs: closeAt.ms,
            notBefore: open.date,
          }),
    });
  }
  return out;
}

/** Rules 6 and 7: renewal window (with its reminder) and expiry (with the renewal follow-ups). */
function termEntries(ctx: Ctx, facts: CalendarFacts): Draft[] {
  const { a } = ctx;
  const referents = resolveAudience(a, ['referent']);
  const out: Draft[] = [];
  const followups: (CalendarReminder & { ms: number })[] = [];
  const expiryId = `expiry-${ctx.end}`;
  const within = a.term.renewalMeetingWithin;
  // After a notice the agreement ends: no renewal to prepare.
  if (within && !facts.notice) {
    const held = facts.renewalMeetingHeldOn !== undefined;
    const raw = maxDate(subtractDuration(a.term.endsOn, within), ctx.startsOn);
    const win = adjustToBusinessDay(raw, ctx.cal, 'next');
    if (win.date <= ctx.end) {
      const id = `renewal-window-${raw}`;
      const at = ctx.instant(win.date, ctx.time);
      out.push({
        id,
        type: 'renewal-window',
        title: 'Ouverture de la période de renouvellement',
        date: win.date,
        at: at.iso,
        ms: at.ms,
        ...moved(win),
        attendees: referents,
        reminders: held || referents.length === 0 ? [] : [reminder(ctx, id, 'renewal-window', win.date, referents)],
      });
      if (!held) {
        for (const f of RENEWAL_FOLLOWUPS) {
          const date = previousBusinessDay(subtractDuration(a.term.endsOn, f.before), ctx.cal);
          if (date <= win.date || date > ctx.end) continue;
          const to = resolveAudience(a, f.signatories ? ['referent', 'signatory'] : ['referent']);
          if (to.length > 0) followups.push(reminder(ctx, expiryId, 'renewal-followup', date, to));
        }
      }
    }
  }
  const at = ctx.instant(ctx.end, ctx.time);
  out.push({
    id: expiryId,
    type: 'expiry',
    title: "Échéance de l'accord",
    date: ctx.end,
    at: at.iso,
    ms: at.ms,
    attendees: referents,
    reminders: followups.filter((r) => r.ms <= at.ms),
  });
  return out;
}

/** One-off events: dated ones with their reminders, undated ones with a request to fix a date. */
function eventEntries(ctx: Ctx): Draft[] {
  const { a } = ctx;
  const referents = resolveAudience(a, ['referent']);
  const out: Draft[] = [];
  for (const ev of a.events) {
    const attendees = resolveAudience(a, ev.attendees);
    const common = {
      id: ev.id,
      type: 'event',
      title: ev.title,
      ...optional('article', ev.article),
      ...optional('place', ev.place),
    };
    if (ev.window) {
      const start = windowStart(ev.window);
      if (start > ctx.end) continue;
      let remind = previousBusinessDay(subtractDuration(start, UNDATED_REMINDER_BEFORE), ctx.cal);
      if (remind < ctx.startsOn) remind = nextBusinessDay(ctx.startsOn, ctx.cal);
      // The entry never precedes its own reminder (a window opening before the term).
      const date = maxDate(start, remind);
      if (date > ctx.end) continue;
      const at = ctx.instant(date, ev.time ?? ctx.time);
      const reminders =
        referents.length > 0 && remind <= ctx.end ? [reminder(ctx, ev.id, 'event-undated', remind, referents)] : [];
      out.push({
        ...common,
        date,
        at: at.iso,
        ms: at.ms,
        attendees,
        undated: true,
        window: ev.window,
        reminders: reminders.filter((r) => r.ms <= at.ms),
      });
      continue;
    }
    const date = ev.date ?? ev.start;
    if (date === undefined || date > ctx.end) continue;
    const time = ev.time ?? ctx.time;
    const at = ctx.instant(date, time);
    const to = attendees.length > 0 ? attendees : referents;
    out.push({
      ...common,
      date,
      at: at.iso,
      ms: at.ms,
      // No time written: the event takes the day(s); `at` stays at reminders.time for sorting.
      ...(ev.time === undefined ? { allDay: true as const } : {}),
      ...optional('end', ev.start !== undefined && ev.end !== undefined && ev.end !== ev.start ? ev.end : undefined),
      attendees,
      reminders: remindersBefore(ctx, {
        entryId: ev.id,
        purpose: 'event',
        to,
        fromDate: date,
        fromTime: time,
        durations: ev.remindBefore,
        latestMs: at.ms,
        notBefore: ctx.startsOn,
      }),
    });
  }
  return out;
}

function finish(draft: Draft): CalendarEntry {
  const { ms: _ms, reminders, ...entry } = draft;
  const sorted = [...reminders].sort((x, y) => x.ms - y.ms || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  // Fresh arrays: entries and reminders share recipient lists while planning.
  return {
    ...entry,
    attendees: [...entry.attendees],
    reminders: sorted.map(({ ms: _r, ...r }) => ({ ...r, to: [...r.to] })),
  };
}

/**
 * The calendar of `agreement` given `facts` (docs/calendar-rules.md): entries sorted by `at` then
 * id, nothing after the effective end, nothing strictly before `facts.now`.
 */
export function planCalendar(agreement: Agreement, facts: CalendarFacts = {}): Calendar {
  const end = effectiveEnd(agreement, facts);
  const ctx = new Ctx(agreement, end);
  const nowMs = facts.now === undefined ? undefined : DateTime.fromISO(facts.now, { setZone: true }).toMillis();
  if (nowMs !== undefined && Number.isNaN(nowMs)) throw new Error(`facts.now is not an ISO instant: ${facts.now}`);
  let drafts = [...meetingEntries(ctx), ...censusEntries(ctx, facts), ...termEntries(ctx, facts), ...eventEntries(ctx)];
  if (nowMs !== undefined) {
    drafts = drafts
      .filter((d) => d.ms >= nowMs)
      .map((d) => ({ ...d, reminders: d.reminders.filter((r) => r.ms >= nowMs) }));
  }
  drafts.sort((x, y) => x.ms - y.ms || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return { agreement: agreement.id, timezone: agreement.timezone, effectiveEnd: end, entries: drafts.map(finish) };
}

/** Projects the calendar onto the `pacte plan --json` contract (docs/contracts.md#plan-json). */
export function toPublicPlan(calendar: Calendar): Plan {
  const events = [...calendar.entries]
    .sort((x, y) => Date.parse(x.at) - Date.parse(y.at) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
    .map((e): PlannedEvent => ({
      id: e.id,
      type: e.type,
      date: e.date,
      at: e.at,
      ...optional('allDay', e.allDay),
      ...optional('end', e.end),
      ...optional('window', e.window),
      ...optional('movedFrom', e.movedFrom),
      ...optional('article', e.article),
      reminders: e.reminders.map((r) => ({ at: r.at, to: [...r.to] })),
    }));
  return { agreement: calendar.agreement, timezone: calendar.timezone, events };
}

// ---------------------------------------------------------------------------------------------
// Helpers for the lifecycle workflow

export interface ProjectSheetPlan {
  projectId: string;
  notifiedOn: LocalDate;
  /** Rule 5/4: notifiedOn + projectSheetDueAfter, extended to the next business day. */
  dueOn: LocalDate;
  /** The sheet is late after this instant ({@link PROJECT_SHEET_DUE_TIME} on `dueOn`). */
  dueAt: string;
  /** Where the due date was before the extension. */
  movedFrom?: LocalDate;
  /** Rule 3 before `dueOn`, none before `notifiedOn`. Ids `project-sheet-<projectId>/<date>`. */
  reminders: { id: string; date: LocalDate; at: string }[];
  /** dueOn + escalateAfter, on the next business day. */
  escalateOn: LocalDate;
  escalateAt: string;
  /** The project's leads (axes), or the census recipients if the project is unknown. */
  to: string[];
  /** The referents, who get the escalation. */
  escalateTo: string[];
}

/** Rule 5: due date, reminders and escalation of one project sheet. Throws without a census. */
export function planProjectSheet(
  agreement: Agreement,
  input: { projectId: string; notifiedOn: LocalDate },
): ProjectSheetPlan {
  const census = agreement.census;
  if (!census) throw new Error(`agreement ${agreement.id} has no census: no project sheets`);
  const ctx = new Ctx(agreement, agreement.term.endsOn);
  const due = adjustToBusinessDay(addDuration(input.notifiedOn, census.projectSheetDueAfter), ctx.cal, 'next');
  const dueAt = ctx.instant(due.date, PROJECT_SHEET_DUE_TIME);
  const entryId = `project-sheet-${input.projectId}`;
  const project = agreement.axes.flatMap((x) => x.projects).find((p) => p.id === input.projectId);
  const to = project ? resolveAudience(agreement, project.leads) : resolveAudience(agreement, census.to);
  const reminders = remindersBefore(ctx, {
    entryId,
    purpose: 'census-deadline',
    to,
    keepWithoutRecipients: true,
    fromDate: due.date,
    fromTime: ctx.time,
    durations: census.projectSheetRemindBefore,
    latestMs: dueAt.ms,
    notBefore: input.notifiedOn,
  }).map((r) => ({ id: `${entryId}/${r.date}`, date: r.date, at: r.at }));
  const escalateOn = nextBusinessDay(addDuration(due.date, census.escalateAfter), ctx.cal);
  return {
    projectId: input.projectId,
    notifiedOn: input.notifiedOn,
    dueOn: due.date,
    dueAt: dueAt.iso,
    ...optional('movedFrom', due.movedFrom),
    reminders,
    escalateOn,
    escalateAt: ctx.instant(escalateOn, ctx.time).iso,
    to,
    escalateTo: resolveAudience(agreement, ['referent']),
  };
}

export interface DisputePlan {
  notifiedOn: LocalDate;
  /** First day a court may be seized: notifiedOn + P2M, extended to the next business day. */
  courtFrom: LocalDate;
  movedFrom?: LocalDate;
  /** The referents' reminder, 7 days before (previous business day), at reminders.time. */
  reminder: { date: LocalDate; at: string; to: string[] };
}

/** Rule 9: the amicable period of a dispute notified on `notifiedOn`. */
export function planDispute(agreement: Agreement, notifiedOn: LocalDate): DisputePlan {
  const ctx = new Ctx(agreement, agreement.term.endsOn);
  const court = adjustToBusinessDay(addDuration(notifiedOn, AMICABLE_PERIOD), ctx.cal, 'next');
  const date = maxDate(previousBusinessDay(subtractDuration(court.date, DISPUTE_REMINDER_BEFORE), ctx.cal), notifiedOn);
  return {
    notifiedOn,
    courtFrom: court.date,
    ...optional('movedFrom', court.movedFrom),
    reminder: { date, at: ctx.instant(date, ctx.time).iso, to: resolveAudience(agreement, ['referent']) },
  };
}
