/**
 * One template per purpose, written once for every language: which sentences an item needs,
 * with which dates (due dates, windows, moved dates, projects); the words come from the
 * language's {@link Words}. Each template says what is due or happening, when, and what the
 * recipient must do; the renderer adds the agreement, the place and the article.
 *
 * @module
 */
import { DateTime } from 'luxon';
import type { MessageItem } from '../../../contracts/reminder-message';
import { windowPhrase } from '../../../domain/event-window';
import { eventWhen } from '../event-when';
import type { RenderContext, TemplateSet } from './types';
import type { Words } from './words';

function moved(w: Words, item: MessageItem, ctx: RenderContext): string[] {
  const { movedFrom, movedBecause } = item.subject;
  return movedFrom ? [w.movedFrom(ctx.date(movedFrom), movedBecause)] : [];
}

function projectLines(w: Words, item: MessageItem, ctx: RenderContext): string[] {
  return (item.details?.projects ?? []).map((p) => w.projectLine(p.title, ctx.date(p.dueOn), p.responsible));
}

/** ` 2026` after « Recensement » / "census": the programme year it feeds, or nothing. */
/** The one axis a tracking-table message is about: its title, pilots and running projects. */
function axisLines(w: Words, item: MessageItem): string[] {
  const axis = item.details?.axis;
  if (!axis) return [];
  return [
    w.trackingAxis.axis(axis.title, axis.pilots),
    ...(axis.projects.length > 0 ? [w.trackingAxis.projects(axis.projects)] : []),
  ];
}

function censusYear(item: MessageItem): string {
  const year = item.details?.programmeYear ?? item.details?.censusYear;
  return year !== undefined ? ` ${year}` : '';
}

/** The last autumn's census feeds a year after the term: say that it depends on the renewal. */
function afterTerm(w: Words, item: MessageItem, ctx: RenderContext): string[] {
  const endsOn = item.details?.termEndsOn;
  return endsOn ? [w.censusAfterTerm(censusYear(item), ctx.date(endsOn), ctx.document)] : [];
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What the renewal meeting is for, when the agreement says it (art. 12). */
function agenda(w: Words, item: MessageItem): string[] {
  const said = item.details?.renewalAgenda;
  return said ? [w.renewalWindow.agenda(said)] : [];
}

/**
 * The year the annual review's indicators cover: the meeting's own year, or the year just ended
 * when the review meets in its first half (the Brittany presidents meet in January).
 */
function reviewedYear(meetingDate: string): string {
  const year = Number(meetingDate.slice(0, 4));
  return String(Number(meetingDate.slice(5, 7)) <= 6 ? year - 1 : year);
}

function nextDay(date: string): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: 1 }).toISODate() ?? date;
}

/** The templates of one language. */
export function templatesIn(w: Words): TemplateSet {
  return {
    meeting: (item, ctx) => ({
      title: item.subject.title,
      when: ctx.span(item.subject.at, item.subject.endsAt),
      paragraphs: moved(w, item, ctx),
      todo: item.details?.prepare ?? w.meetingTodo(item.subject.type, w.indicatorNames.join(', ')),
    }),

    indicators: (item, ctx) => {
      const due = item.details?.dueOn;
      return {
        title: w.indicators.title,
        when: due ? w.by(ctx.date(due)) : ctx.date(item.subject.at),
        paragraphs: [
          w.indicators.meeting(item.subject.title, ctx.dateTime(item.subject.at)),
          w.indicators.basis(ctx.document),
        ],
        list: (item.details?.indicators ?? w.indicatorNames).map(capitalised),
        todo: [w.indicators.todo(reviewedYear(item.subject.date), due ? ctx.date(due) : undefined)],
      };
    },

    'census-open': (item, ctx) => {
      const closes = item.details?.dueOn ? ctx.date(item.details.dueOn) : undefined;
      return {
        title: w.censusOpen.title(censusYear(item)),
        when: ctx.date(item.subject.date),
        paragraphs: [
          w.censusOpen.opens(censusYear(item), ctx.date(item.subject.date), closes),
          w.censusOpen.next,
          ...afterTerm(w, item, ctx),
        ],
        todo: w.censusOpen.todo(closes),
      };
    },

    'census-launch': (item, ctx) => {
      const closes = item.details?.dueOn ? ctx.date(item.details.dueOn) : undefined;
      return {
        title: w.censusLaunch.title(censusYear(item)),
        when: ctx.date(item.subject.date),
        paragraphs: [
          w.censusLaunch.opens(censusYear(item), ctx.date(item.subject.date), closes),
          w.censusOpen.next,
          ...afterTerm(w, item, ctx),
        ],
        todo: w.censusLaunch.todo,
      };
    },

    'census-retained': (item, ctx) => {
      const closed = ctx.date(item.details?.dueOn ?? item.subject.date);
      return {
        title: w.censusRetained.title(censusYear(item)),
        when: w.now,
        placeless: true,
        paragraphs: [w.censusRetained.closed(censusYear(item), closed), ...afterTerm(w, item, ctx)],
        todo: w.censusRetained.todo(censusYear(item)),
      };
    },

    'census-deadline': (item, ctx) => {
      const closes = ctx.date(item.details?.dueOn ?? item.subject.date);
      return {
        title: w.censusDeadline.title(censusYear(item)),
        when: closes,
        paragraphs: [w.censusDeadline.closes(censusYear(item), closes), ...afterTerm(w, item, ctx)],
        todo: w.censusDeadline.todo(closes),
      };
    },

    'renewal-window': (item, ctx) => {
      const endsOn = item.details?.dueOn ? ctx.date(item.details.dueOn) : undefined;
      return {
        title: w.renewalWindow.title(ctx.document),
        when: endsOn ? w.renewalWindow.before(endsOn) : ctx.date(item.subject.date),
        paragraphs: [w.renewalWindow.opens(ctx.date(item.subject.date), endsOn, ctx.document), ...agenda(w, item)],
        todo: w.renewalWindow.todo,
      };
    },

    'renewal-followup': (item, ctx) => {
      const endsOn = ctx.date(item.details?.dueOn ?? item.subject.date);
      return {
        title: w.renewalFollowup.title,
        when: w.renewalFollowup.before(endsOn),
        paragraphs: [w.renewalFollowup.late(endsOn, ctx.document), ...agenda(w, item)],
        todo: w.renewalFollowup.todo,
      };
    },

    event: (item, ctx) => ({
      title: item.subject.title,
      when: eventWhen(item, ctx, w.range),
      paragraphs: moved(w, item, ctx),
      todo: w.event.todo,
    }),

    'event-undated': (item, ctx) => {
      const { window } = item.subject;
      const date = ctx.date(item.subject.date);
      return {
        title: w.eventUndated.title(item.subject.title),
        when: window ? windowPhrase(window, w.locale) : w.eventUndated.from(date),
        paragraphs: [
          w.eventUndated.planned(
            item.subject.title,
            window ? windowPhrase(window, w.locale) : w.eventUndated.fromInSentence(date),
            ctx.document,
          ),
        ],
        todo: w.eventUndated.todo(ctx.document),
      };
    },

    'project-sheet': (item, ctx) => {
      const due = ctx.date(item.details?.dueOn ?? item.details?.projects?.[0]?.dueOn ?? item.subject.date);
      const projects = projectLines(w, item, ctx);
      return {
        title: w.projectSheet.title(item.subject.title),
        when: w.by(due),
        paragraphs: [
          w.projectSheet.retained(item.subject.title, due),
          ...(projects.length > 1 ? [w.projectSheet.concerned(projects)] : []),
          w.projectSheet.mustState,
        ],
        list: w.sheetFields(item.details?.minParticipants),
        todo: [
          ...(item.details?.sheetTemplate ? [w.projectSheet.template(item.details.sheetTemplate)] : []),
          w.projectSheet.todo(
            due,
            ctx.parties.some((p) => p.id.startsWith('cnfpt')),
          ),
        ],
      };
    },

    'meeting-followup': (item, ctx) => {
      const at = ctx.dateTime(item.subject.at);
      const heldOn = item.details?.heldOn;
      return {
        title: w.meetingFollowUp.title(item.subject.title),
        when: w.now,
        placeless: true,
        paragraphs: [
          heldOn
            ? w.meetingFollowUp.noMinutes(item.subject.title, ctx.date(heldOn))
            : w.meetingFollowUp.notRecorded(item.subject.title, at),
        ],
        todo: heldOn ? w.meetingFollowUp.todoNoMinutes : w.meetingFollowUp.todoNotRecorded,
      };
    },

    'tracking-table-late': (item, ctx) => ({
      title: w.trackingTable.title(item.subject.title),
      when: w.now,
      placeless: true,
      paragraphs: [w.trackingTable.late(item.subject.title, ctx.dateTime(item.subject.at)), ...axisLines(w, item)],
      todo: w.trackingTable.todo,
    }),

    'tracking-table': (item, ctx) => ({
      title: w.leadsReport.title(item.subject.title),
      when: ctx.dateTime(item.subject.at),
      paragraphs: [w.leadsReport.before(item.subject.title, ctx.dateTime(item.subject.at)), ...axisLines(w, item)],
      todo: w.leadsReport.todo,
    }),

    'project-sheet-below-minimum': (item, ctx) => {
      const project = item.details?.projects?.[0];
      const names = project?.responsible ?? [];
      return {
        title: w.belowMinimum.title(item.subject.title),
        when: ctx.date(item.subject.date),
        paragraphs: [
          w.belowMinimum.under(item.subject.title, item.details?.participants ?? 0, item.details?.minParticipants),
          ...(names.length > 0 ? [w.belowMinimum.responsible(names)] : []),
        ],
        todo: w.belowMinimum.todo,
      };
    },

    'project-sheet-escalation': (item, ctx) => ({
      title: w.escalation.title,
      when: ctx.date(item.subject.date),
      paragraphs: [w.escalation.intro],
      list: projectLines(w, item, ctx),
      todo: w.escalation.todo,
    }),

    notice: (item, ctx) => {
      const effective = ctx.date(item.details?.noticeEffectiveOn ?? item.subject.date);
      const by = item.details?.noticeByParty;
      const period = item.details?.noticePeriod;
      return {
        title: w.notice.title(ctx.document),
        when: effective,
        paragraphs: [
          w.notice.givenBy(by ? ctx.partyName(by) : undefined, effective, ctx.document),
          // Only what the agreement gives: messages composed before carry neither.
          ...(period ? [w.notice.terms(ctx.duration(period), item.details?.noticeForm, ctx.document)] : []),
          w.notice.after,
        ],
        todo: [w.notice.until(effective)],
      };
    },

    dispute: (item, ctx) => {
      const d = item.details;
      // Messages composed before the art. 641 CPC fix carry the last day as `dueOn`.
      const lastDay = d?.amicableEndsOn ?? d?.dueOn ?? item.subject.date;
      const courtFrom = d?.amicableEndsOn ? (d.dueOn ?? item.subject.date) : nextDay(lastDay);
      return {
        title: w.dispute.title,
        when: ctx.date(lastDay),
        paragraphs: [
          w.dispute.notified(d?.notifiedOn ? ctx.date(d.notifiedOn) : undefined, d?.disputeSubject),
          w.dispute.ends(ctx.date(lastDay), ctx.date(courtFrom)),
        ],
        todo: [w.dispute.todo],
      };
    },

    'meeting-update': (item, ctx) => {
      const previous = item.details?.previousAt;
      const because = item.subject.movedBecause ? ` (${item.subject.movedBecause})` : '';
      const now = ctx.span(item.subject.at, item.subject.endsAt);
      return {
        title: w.meetingUpdate.title(item.subject.title),
        when: now,
        paragraphs: [
          previous
            ? w.meetingUpdate.moved(item.subject.title, ctx.dateTime(previous), now, because)
            : w.meetingUpdate.changed(item.subject.title, now, because),
        ],
        todo: [w.meetingUpdate.todo],
      };
    },

    'reminder-declined': (item, ctx) => {
      const declined = item.details?.declined;
      const who = declined?.personName ?? '';
      const when = ctx.date(item.subject.date);
      return {
        title: w.declined.title(who, item.subject.title),
        when,
        paragraphs: [
          w.declined.said(who, w.declined.kind(declined?.purpose ?? ''), item.subject.title, when),
          ...(declined?.reason ? [w.declined.reason(declined.reason)] : []),
          w.declined.unchanged(who),
        ],
        todo: w.declined.todo(who, ctx.document),
      };
    },

    'meeting-cancel': (item, ctx) => ({
      title: w.meetingCancel.title(item.subject.title),
      when: ctx.span(item.subject.at, item.subject.endsAt),
      paragraphs: [w.meetingCancel.cancelled(item.subject.title, ctx.dateTime(item.subject.at))],
      todo: [w.meetingCancel.todo],
    }),
  };
}
