/**
 * English reminder templates (`locale: en`), one per purpose, mirroring the French ones.
 *
 * @module
 */
import type { MessageItem } from '../../../contracts/reminder-message';
import { windowPhrase } from '../../../domain/event-window';
import { eventWhen } from '../event-when';
import type { Labels, RenderContext, TemplateSet } from './types';

/** Art. 8 of the Terre Valserhône agreement: the yearly evaluation indicators. */
const INDICATORS = ['number of participants', 'absenteeism rate', 'refusal rate', 'number of trainee-days'];

function projectSheetFields(minParticipants?: number): string[] {
  const threshold =
    minParticipants !== undefined
      ? `, at least ${minParticipants} unless the training is regulated (below that, the sheet is flagged)`
      : '';
  return [
    'the label of the action',
    'place, period and mode (on site, remote or mixed)',
    `participants: number and target audience${threshold}`,
    'context',
    'objectives',
  ];
}

function meetingTodo(type: string): string[] {
  switch (type) {
    case 'pilot-review':
      return ['Update the monthly tracking table before the meeting.', 'Flag late actions and decisions needed.'];
    case 'steering-committee':
      return [
        'Prepare the progress report of your axes and actions from the up-to-date monthly tracking table.',
        'List the decisions to submit to the steering committee.',
      ];
    case 'annual-review':
      return [
        `Prepare the annual review with the indicators: ${INDICATORS.join(', ')}.`,
        "Prepare the outlook and next year's programme.",
      ];
    default:
      return ['Prepare the meeting and confirm your attendance.'];
  }
}

function moved(item: MessageItem, ctx: RenderContext): string[] {
  const { movedFrom, movedBecause } = item.subject;
  if (!movedFrom) return [];
  const because = movedBecause ? ` (${movedBecause}, not a business day)` : ' (not a business day)';
  return [`Date moved: originally planned on ${ctx.date(movedFrom)}${because}.`];
}

function projectLines(item: MessageItem, ctx: RenderContext): string[] {
  return (item.details?.projects ?? []).map((p) => `${p.title} — due on ${ctx.date(p.dueOn)}`);
}

function censusYear(item: MessageItem): string {
  const year = item.details?.censusYear;
  return year !== undefined ? ` ${year}` : '';
}

export const enTemplates: TemplateSet = {
  meeting: (item, ctx) => ({
    title: item.subject.title,
    when: ctx.span(item.subject.at, item.subject.endsAt),
    paragraphs: moved(item, ctx),
    todo: meetingTodo(item.subject.type),
  }),

  indicators: (item, ctx) => {
    const due = item.details?.dueOn;
    return {
      title: 'Annual review indicators due',
      when: due ? `by ${ctx.date(due)}` : ctx.date(item.subject.at),
      paragraphs: [
        `The annual review "${item.subject.title}" takes place on ${ctx.dateTime(item.subject.at)}.`,
        'The yearly evaluation of the agreement relies on these indicators:',
      ],
      list: INDICATORS.map((i) => i.charAt(0).toUpperCase() + i.slice(1)),
      todo: [`Send these indicators for the past year to the referents${due ? ` by ${ctx.date(due)}` : ''}.`],
    };
  },

  'census-open': (item, ctx) => {
    const closes = item.details?.dueOn;
    return {
      title: `Training needs census${censusYear(item)}: now open`,
      when: ctx.date(item.subject.date),
      paragraphs: [
        `The training requests census${censusYear(item)} opens on ${ctx.date(item.subject.date)}` +
          (closes ? ` and closes on ${ctx.date(closes)}.` : '.'),
        'The CNFPT then notifies the retained projects; each one needs a project sheet.',
      ],
      todo: [
        "Collect your departments' training needs.",
        `Send your requests to the CNFPT${closes ? ` by ${ctx.date(closes)}` : ' before it closes'}.`,
      ],
    };
  },

  'census-deadline': (item, ctx) => {
    const closes = item.details?.dueOn ?? item.subject.date;
    return {
      title: `Census${censusYear(item)}: closing`,
      when: ctx.date(closes),
      paragraphs: [`The training requests census${censusYear(item)} closes on ${ctx.date(closes)}.`],
      todo: [
        `Send your census answer by ${ctx.date(closes)}.`,
        'If already sent, ask the referent to record it so these reminders stop.',
      ],
    };
  },

  'renewal-window': (item, ctx) => {
    const endsOn = item.details?.dueOn;
    return {
      title: 'Agreement renewal: meeting to hold',
      when: endsOn ? `before ${ctx.date(endsOn)}` : ctx.date(item.subject.date),
      paragraphs: [
        (endsOn ? `The agreement expires on ${ctx.date(endsOn)}. ` : '') +
          `The period for the meeting that decides on its renewal opens on ${ctx.date(item.subject.date)}.`,
      ],
      todo: [
        'Arrange the renewal meeting with the other party before the agreement expires.',
        'Once held, have it recorded in Pacte so these reminders stop.',
      ],
    };
  },

  'renewal-followup': (item, ctx) => {
    const endsOn = item.details?.dueOn ?? item.subject.date;
    return {
      title: 'Renewal: the meeting has not been held yet',
      when: `before ${ctx.date(endsOn)}`,
      paragraphs: [`The agreement expires on ${ctx.date(endsOn)} and no renewal meeting has been recorded yet.`],
      todo: [
        'Set the date of the renewal meeting with the other party now.',
        'Once held, have it recorded in Pacte so these reminders stop.',
      ],
    };
  },

  event: (item, ctx) => ({
    title: item.subject.title,
    when: eventWhen(item, ctx, (a, b) => `from ${a} to ${b}`),
    paragraphs: moved(item, ctx),
    todo: ['Plan your attendance and, where relevant, your teams’.'],
  }),

  'event-undated': (item, ctx) => ({
    title: `${item.subject.title}: date to be set`,
    when: item.subject.window ? windowPhrase(item.subject.window, 'en') : `from ${ctx.date(item.subject.date)}`,
    paragraphs: [
      `The event "${item.subject.title}" is planned by the agreement ${item.subject.window ? windowPhrase(item.subject.window, 'en') : `from ${ctx.date(item.subject.date)} on`}, but has no precise date yet.`,
    ],
    todo: [
      'Agree on a date with the other party.',
      'Add it to the agreement file so that participants get their reminders.',
    ],
  }),

  'project-sheet': (item, ctx) => {
    const due = item.details?.dueOn ?? item.details?.projects?.[0]?.dueOn ?? item.subject.date;
    const projects = projectLines(item, ctx);
    return {
      title: `Project sheet due: ${item.subject.title}`,
      when: `by ${ctx.date(due)}`,
      paragraphs: [
        `The project "${item.subject.title}" was retained after the census; its project sheet is due by ${ctx.date(due)}.`,
        ...(projects.length > 1 ? [`Projects concerned: ${projects.join('; ')}.`] : []),
        'The project sheet must state:',
      ],
      list: projectSheetFields(item.details?.minParticipants),
      todo: [`Send the complete project sheet to the referents by ${ctx.date(due)}.`],
    };
  },

  'project-sheet-escalation': (item, ctx) => ({
    title: 'Overdue project sheets',
    when: ctx.date(item.subject.date),
    paragraphs: ['These project sheets were not received by their due date:'],
    list: projectLines(item, ctx),
    todo: [
      'Contact the project leads concerned and agree on a new date.',
      'Without a project sheet, the action cannot be scheduled.',
    ],
  }),

  notice: (item, ctx) => {
    const effective = item.details?.noticeEffectiveOn ?? item.subject.date;
    const by = item.details?.noticeByParty;
    return {
      title: 'Notice of termination: end date',
      when: ctx.date(effective),
      paragraphs: [
        `${by ? `${ctx.partyName(by)} gave notice of termination` : 'Notice of termination was given'}; it takes effect on ${ctx.date(effective)}.`,
        'Meetings and deadlines after that date are cancelled: you will get no more reminders about them.',
      ],
      todo: [`Meetings and deadlines until ${ctx.date(effective)} still stand: keep preparing them.`],
    };
  },

  dispute: (item, ctx) => {
    const end = item.details?.dueOn ?? item.subject.date;
    return {
      title: 'Dispute: end of the amicable settlement period',
      when: ctx.date(end),
      paragraphs: [
        `The amicable settlement period of the dispute notified between the parties ends on ${ctx.date(end)}. No court may be seized before that date.`,
      ],
      todo: ['Keep seeking an amicable settlement with the other party before that date.'],
    };
  },

  'meeting-update': (item, ctx) => {
    const previous = item.details?.previousAt;
    const because = item.subject.movedBecause ? ` (${item.subject.movedBecause})` : '';
    return {
      title: `Meeting moved: ${item.subject.title}`,
      when: ctx.span(item.subject.at, item.subject.endsAt),
      paragraphs: [
        previous
          ? `The meeting "${item.subject.title}" first planned on ${ctx.dateTime(previous)} is moved to ${ctx.span(item.subject.at, item.subject.endsAt)}${because}.`
          : `The meeting "${item.subject.title}" changed: it now takes place on ${ctx.span(item.subject.at, item.subject.endsAt)}${because}.`,
      ],
      todo: ['Check that you are available at the new time and update your calendar.'],
    };
  },

  'meeting-cancel': (item, ctx) => ({
    title: `Meeting cancelled: ${item.subject.title}`,
    when: ctx.span(item.subject.at, item.subject.endsAt),
    paragraphs: [`The meeting "${item.subject.title}" planned on ${ctx.dateTime(item.subject.at)} is cancelled.`],
    todo: ['Remove it from your calendar: the attached cancellation does so in Outlook or Thunderbird.'],
  }),
};

export const enLabels: Labels = {
  greeting: (name) => `Hello ${name},`,
  colon: ': ',
  agreement: 'Agreement',
  when: 'When',
  where: 'Where',
  article: 'Required by',
  articleValue: (article) => `${article} of the agreement`,
  todo: 'To do',
  invitationAttached: 'The invitation is attached: accept it to add it to your calendar.',
  updatedInvitationAttached: 'The updated invitation is attached: it replaces the previous one in your calendar.',
  cancellationAttached: 'The cancellation is attached: it removes the meeting from your calendar.',
  organizerCopyAttached: 'You organise this meeting: it is attached for your calendar, with no answer to give.',
  groupedSubject: (count, title, day) => `${count} reminders – ${title} – ${day}`,
  groupedIntro: (count, day) => `Here are the ${count} reminders for ${day}:`,
  footer:
    "Sent automatically by Pacte, the agreement's governance calendar. " +
    'Only your name and e-mail address are used for these reminders.',
};
