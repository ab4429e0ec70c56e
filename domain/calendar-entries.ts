/**
 * The entries of an agreement's calendar, one kind at a time: meeting occurrences (rule 2), the
 * census (rule 5), the term's milestones (renewal, expiry, notice: rules 6 to 8) and one-off
 * events as written (rule 11). Each returns drafts that `planCalendar` sorts and finishes. Pure.
 *
 * @module
 */
import type { Agreement, IsoDuration, LocalDate, LocalTime, NonBusinessDayPolicy } from './agreement';
import type { CalendarEntry, CalendarFacts, CalendarReminder } from './calendar-types';
import {
  adjustToBusinessDay,
  businessDayAfter,
  businessDayBefore,
  nextBusinessDay,
  previousBusinessDay,
  type Adjusted,
} from './business-days';
import { addDuration, maxDate, minDate, monthDayInYear, subtractDuration } from './durations';
import { windowStart } from './event-window';
import {
  INDICATOR_REMINDERS,
  RENEWAL_FOLLOWUPS,
  UNDATED_REMINDER_BEFORE,
  MEETING_TITLES,
  type Ctx,
  resolveAudience,
  endOf,
  reminder,
  remindersBefore,
  type Draft,
  moved,
  optional,
} from './planner-context';
import { expandRRule } from './recurrence';
import { axisLeads } from './tracking-recipients';

// ---------------------------------------------------------------------------------------------
// Rules

/** Rule 8: the last day of the lifecycle, `endsOn` or the effective date of a notice. */
export function effectiveEnd(agreement: Agreement, facts: CalendarFacts = {}): LocalDate {
  const { endsOn, noticePeriod } = agreement.term;
  if (!facts.notice) return endsOn;
  // No notice period agreed: the notice takes effect on the day it is given.
  return minDate(
    noticePeriod === undefined ? facts.notice.givenOn : addDuration(facts.notice.givenOn, noticePeriod),
    endsOn,
  );
}

/** Rule 2 with a fallback: an occurrence must stay in (startsOn, end]. */
export function placeOccurrence(ctx: Ctx, date: LocalDate, policy: NonBusinessDayPolicy): Adjusted | undefined {
  const inTerm = (d: LocalDate) => d > ctx.startsOn && d <= ctx.end;
  const first = adjustToBusinessDay(date, ctx.cal, policy);
  if (inTerm(first.date) || policy === 'keep') return first;
  const other = adjustToBusinessDay(date, ctx.cal, policy === 'next' ? 'previous' : 'next');
  return inTerm(other.date) ? other : undefined;
}

export function meetingEntries(ctx: Ctx): Draft[] {
  const out: Draft[] = [];
  const { a } = ctx;
  const trainingContacts = resolveAudience(a, ['training-contact']);
  const referents = resolveAudience(a, ['referent']);
  for (const key of Object.keys(a.meetings).sort()) {
    const spec = a.meetings[key];
    if (!spec) continue;
    const attendees = resolveAudience(a, spec.attendees);
    const taken = new Set<LocalDate>();
    for (const original of expandRRule(spec.rrule, ctx.startsOn, ctx.startsOn, ctx.meetingsUntil)) {
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
      if (spec.followUpAfter && referents.length > 0) {
        // After the meeting: the referents record it as held and share its minutes.
        const followUpOn = nextBusinessDay(addDuration(adj.date, spec.followUpAfter), ctx.cal);
        if (followUpOn > adj.date && followUpOn <= ctx.end)
          reminders.push(reminder(ctx, id, 'meeting-followup', followUpOn, referents));
      }
      if (spec.leadsReportBefore) reminders.push(...leadsReports(ctx, id, adj.date, spec.time, spec.leadsReportBefore));
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

/**
 * COT (annex 3): before an occurrence, each axis's project leads update the tracking table and
 * report to their pilot; one reminder per axis, so that each lead hears of their own axis only.
 */
function leadsReports(
  ctx: Ctx,
  entryId: string,
  date: LocalDate,
  time: LocalTime,
  before: IsoDuration,
): (CalendarReminder & { ms: number })[] {
  return ctx.a.axes.flatMap((axis) => {
    const to = axisLeads(ctx.a, axis, date);
    const [planned] = remindersBefore(ctx, {
      entryId: `${entryId}/${axis.id}`,
      purpose: 'tracking-table',
      to,
      fromDate: date,
      fromTime: time,
      durations: [before],
      latestMs: ctx.instant(date, time).ms,
      notBefore: ctx.startsOn,
    });
    // The id keeps the entry's form `<entry id>/<purpose>/…`, the axis after the purpose.
    return planned ? [{ ...planned, id: `${entryId}/tracking-table/${axis.id}/${planned.date}`, axis: axis.id }] : [];
  });
}

/** The programme year a census opening on `opensOn` (MM-DD) of `year` feeds: autumn N feeds N + 1. */
export function programmeYearOf(opensOn: string, year: number): number {
  return Number(opensOn.slice(0, 2)) >= 7 ? year + 1 : year;
}

/** Art. 9: « le CNFPT organise un recensement »: its referents launch it and notify the retained projects. */
function cnfptReferents(ctx: Ctx): string[] {
  return ctx.a.people
    .filter((p) => p.roles.includes('referent') && p.party.startsWith('cnfpt'))
    .map((p) => p.id)
    .sort();
}

/** Rule 5: census opening and deadline for every year whose `opensOn` falls inside the term. */
export function censusEntries(ctx: Ctx, facts: CalendarFacts): Draft[] {
  const census = ctx.a.census;
  if (!census) return [];
  const out: Draft[] = [];
  const to = resolveAudience(ctx.a, census.to);
  const cnfpt = cnfptReferents(ctx);
  const answered = new Set(facts.censusAnsweredYears ?? []);
  for (let year = Number(ctx.startsOn.slice(0, 4)); year <= Number(ctx.end.slice(0, 4)); year++) {
    const opensRaw = monthDayInYear(census.opensOn, year);
    if (opensRaw < ctx.startsOn || opensRaw > ctx.end) continue;
    const open = adjustToBusinessDay(opensRaw, ctx.cal, 'next');
    if (open.date > ctx.end) continue;
    const openId = `census-open-${opensRaw}`;
    const openAt = ctx.instant(open.date, ctx.time);
    const programmeYear = programmeYearOf(census.opensOn, year);
    /** The opening and the deadline differ only by these. */
    const entry = (
      type: 'census-open' | 'census-deadline',
      id: string,
      day: ReturnType<typeof adjustToBusinessDay>,
      at: { iso: string; ms: number },
      reminders: Draft['reminders'],
    ): Draft => ({
      id,
      type,
      title: `${type === 'census-open' ? 'Ouverture' : 'Clôture'} du recensement des demandes de formation ${programmeYear}`,
      date: day.date,
      at: at.iso,
      ms: at.ms,
      ...moved(day),
      ...optional('article', census.article),
      attendees: to,
      censusYear: year,
      programmeYear,
      reminders,
    });
    out.push(
      entry('census-open', openId, open, openAt, [
        ...(to.length > 0 ? [reminder(ctx, openId, 'census-open', open.date, to)] : []),
        ...(cnfpt.length > 0 ? [reminder(ctx, openId, 'census-launch', open.date, cnfpt)] : []),
      ]),
    );

    const closeYear = census.closesOn < census.opensOn ? year + 1 : year;
    const closesRaw = monthDayInYear(census.closesOn, closeYear);
    const close = adjustToBusinessDay(closesRaw, ctx.cal, 'next');
    if (close.date > ctx.end) continue;
    const closeId = `census-deadline-${closesRaw}`;
    const closeAt = ctx.instant(close.date, ctx.time);
    // The day after the close: the answers are in, the CNFPT notifies the retained projects.
    const retainedOn = businessDayAfter(close.date, ctx.cal);
    const retained =
      cnfpt.length > 0 && retainedOn <= ctx.end ? [reminder(ctx, closeId, 'census-retained', retainedOn, cnfpt)] : [];
    out.push(
      entry('census-deadline', closeId, close, closeAt, [
        ...retained,
        ...(answered.has(year)
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
            })),
      ]),
    );
  }
  return out;
}

/** Rules 6 and 7: renewal window (with its reminder) and expiry (with the renewal follow-ups). */
export function termEntries(ctx: Ctx, facts: CalendarFacts): Draft[] {
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
export function eventEntries(ctx: Ctx): Draft[] {
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

export function finish(draft: Draft): CalendarEntry {
  const { ms: _ms, reminders, ...entry } = draft;
  const sorted = [...reminders].sort((x, y) => x.ms - y.ms || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  // Fresh arrays: entries and reminders share recipient lists while planning.
  return {
    ...entry,
    attendees: [...entry.attendees],
    reminders: sorted.map(({ ms: _r, ...r }) => ({ ...r, to: [...r.to] })),
  };
}
