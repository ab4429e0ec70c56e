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
 */ import { DateTime } from 'luxon';
import type { Agreement, LocalDate } from './agreement';
import type { Calendar, CalendarFacts, PlanScope } from './calendar-types';
import type { Plan, PlannedEvent } from './plan';
import { adjustToBusinessDay, nextBusinessDay, previousBusinessDay } from './business-days';
import { addDays, addDuration, maxDate, subtractDuration } from './durations';
import { windowStart } from './event-window';
import { localInstant } from './recurrence';

import { effectiveEnd, meetingEntries, censusEntries, termEntries, eventEntries, finish } from './calendar-entries';
import {
  AMICABLE_PERIOD,
  DISPUTE_REMINDER_BEFORE,
  PROJECT_SHEET_DUE_TIME,
  Ctx,
  resolveAudience,
  remindersBefore,
  optional,
} from './planner-context';

export { localInstant, windowStart };
export { effectiveEnd } from './calendar-entries';
export {
  AMICABLE_PERIOD,
  DISPUTE_REMINDER_BEFORE,
  INDICATOR_REMINDERS,
  PROJECT_SHEET_DUE_TIME,
  RENEWAL_FOLLOWUPS,
  resolveAudience,
  UNDATED_REMINDER_BEFORE,
} from './planner-context';

/**
 * The calendar of `agreement` given `facts` (docs/calendar-rules.md): entries sorted by `at` then
 * id, nothing after the effective end, nothing strictly before `facts.now`; `scope` may leave
 * out the meetings beyond a date, for a caller that only needs the near future.
 */
export function planCalendar(agreement: Agreement, facts: CalendarFacts = {}, scope: PlanScope = {}): Calendar {
  const end = effectiveEnd(agreement, facts);
  const ctx = new Ctx(
    agreement,
    end,
    scope.meetingsUntil !== undefined && scope.meetingsUntil < end ? scope.meetingsUntil : end,
  );
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
  /**
   * Last day of the amicable period: notifiedOn + P2M, extended to the next business day
   * (art. 641 and 642 of the code de procédure civile: the period runs to the end of that day).
   */
  amicableEndsOn: LocalDate;
  /** First day a court may be seized: the day after `amicableEndsOn`. */
  courtFrom: LocalDate;
  /** Where the last day was before the extension. */
  movedFrom?: LocalDate;
  /** The referents' reminder, 7 days before the last day (previous business day), at reminders.time. */
  reminder: { date: LocalDate; at: string; to: string[] };
}

/** Rule 9: the amicable period of a dispute notified on `notifiedOn`. */
export function planDispute(agreement: Agreement, notifiedOn: LocalDate): DisputePlan {
  const ctx = new Ctx(agreement, agreement.term.endsOn);
  const last = adjustToBusinessDay(addDuration(notifiedOn, AMICABLE_PERIOD), ctx.cal, 'next');
  const date = maxDate(previousBusinessDay(subtractDuration(last.date, DISPUTE_REMINDER_BEFORE), ctx.cal), notifiedOn);
  return {
    notifiedOn,
    amicableEndsOn: last.date,
    courtFrom: addDays(last.date, 1),
    ...optional('movedFrom', last.movedFrom),
    reminder: { date, at: ctx.instant(date, ctx.time).iso, to: resolveAudience(agreement, ['referent']) },
  };
}
