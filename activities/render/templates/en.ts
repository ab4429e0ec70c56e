/**
 * The English words of the reminders (`locale: en`); the sentences' structure is in `skeleton.ts`,
 * shared with every language.
 *
 * @module
 */
import { templatesIn } from './skeleton';
import type { Labels, TemplateSet } from './types';
import type { Words } from './words';

export const enWords: Words = {
  locale: 'en',
  indicatorNames: [
    'the trainees’ reviews and evaluations made with the Applicrea tool',
    'the number of participants, the absenteeism rate and the refusal rate',
    'the number of trainee training days delivered',
  ],
  // Art. 9, field by field.
  sheetFields: (minParticipants) => [
    'the name of the action',
    'the planned organisation: place, period, on site, remote or on site and remote',
    `the number of participants concerned${
      minParticipants !== undefined
        ? `, aiming at a group of at least ${minParticipants} (regulated trainings excepted)`
        : ''
    }`,
    'the context of the request',
    'the objectives pursued',
  ],
  meetingTodo: (type, indicators) => {
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
          `Prepare the annual review with the indicators: ${indicators}.`,
          "Prepare the outlook and next year's programme.",
        ];
      default:
        return ['Prepare the meeting and confirm your attendance.'];
    }
  },
  movedFrom: (date, because) =>
    `Date moved: originally planned on ${date}${because ? ` (${because}, not a business day)` : ' (not a business day)'}.`,
  projectLine: (title, due, responsible) =>
    `${title} — due on ${due}` + (responsible?.length ? ` — responsible: ${responsible.join(', ')}` : ''),
  now: 'now',
  by: (date) => `by ${date}`,
  range: (first, last) => `from ${first} to ${last}`,

  indicators: {
    title: 'Annual review indicators due',
    meeting: (title, at) => `The annual review will take place at the meeting “${title}” on ${at}.`,
    basis: (d) => `To evaluate each year the actions carried out under ${d.the}, the parties rely in particular on:`,
    todo: (year, due) => `Send this information for the year ${year} to the referents${due ? ` by ${due}` : ''}.`,
  },
  censusOpen: {
    title: (year) => `Training requests census${year}: now open`,
    opens: (year, on, closes) =>
      `The training requests census${year} opens on ${on}` + (closes ? ` and closes on ${closes}.` : '.'),
    next: 'The CNFPT then notifies the retained projects; each one needs a project sheet.',
    todo: (closes) => [
      'Collect your departments’ training requests.',
      `Send your requests to the CNFPT${closes ? ` by ${closes}` : ' before it closes'}.`,
    ],
  },
  censusAfterTerm: (year, endsOn, d) =>
    `${d.The} expires on ${endsOn}: the programme${year} will only be carried out if ${d.the} is renewed.`,
  censusDeadline: {
    title: (year) => `Census${year}: closing`,
    closes: (year, on) => `The training requests census${year} closes on ${on}.`,
    todo: (on) => [
      `Send your census answer by ${on}.`,
      'If already sent, ask the referent to record it so these reminders stop.',
    ],
  },
  censusLaunch: {
    title: (year) => `Training requests census${year}: to launch`,
    opens: (year, on, closes) =>
      `The training requests census${year}, organised by the CNFPT, opens on ${on}` +
      (closes ? ` and closes on ${closes}.` : '.'),
    todo: [
      'Launch the census with the other party and remind it of the closing date.',
      'Once its answer is in, have it recorded in Pacte so the closing reminders stop.',
    ],
  },
  censusRetained: {
    title: (year) => `Census${year} closed: retained projects to notify`,
    closed: (year, on) => `The training requests census${year} closed on ${on}.`,
    todo: (year) => [
      `After talking it over with the other party, notify it of the projects retained for the year${year}.`,
      'Record the retained projects and their leads in Pacte: each lead is told at once what the project sheet must state.',
    ],
  },
  renewalWindow: {
    title: (d) => `Renewal of ${d.the}: meeting to hold`,
    before: (endsOn) => `before ${endsOn}`,
    opens: (on, endsOn, d) =>
      (endsOn ? `${d.The} expires on ${endsOn}. ` : '') + `The parties must meet before it expires, from ${on} on.`,
    agenda: (agenda) => `The purpose of this meeting is to ${agenda}.`,
    todo: [
      'Arrange the renewal meeting with the other party before the agreement expires.',
      'Once held, have it recorded in Pacte so these reminders stop.',
    ],
  },
  renewalFollowup: {
    title: 'Renewal: the meeting has not been held yet',
    before: (endsOn) => `before ${endsOn}`,
    late: (endsOn, d) => `${d.The} expires on ${endsOn} and no renewal meeting has been recorded yet.`,
    todo: [
      'Set the date of the renewal meeting with the other party now.',
      'Once held, have it recorded in Pacte so these reminders stop.',
    ],
  },
  event: { todo: ['Plan your attendance and, where relevant, your teams’.'] },
  eventUndated: {
    title: (title) => `${title}: date to be set`,
    from: (date) => `from ${date}`,
    fromInSentence: (date) => `from ${date} on`,
    planned: (title, when, d) => `The event “${title}” is planned by ${d.the} ${when}, but has no precise date yet.`,
    todo: (d) => [
      'Agree on a date with the other party.',
      `Add it to the file ${d.ofThe} in Pacte so that participants get their reminders.`,
    ],
  },
  projectSheet: {
    title: (title) => `Project sheet due: ${title}`,
    retained: (title, due) =>
      `The project “${title}” was retained after the census; its project sheet is due by ${due}.`,
    concerned: (projects) => `Projects concerned: ${projects.join('; ')}.`,
    mustState: 'The project sheet must state:',
    template: (template) => `Use the project sheet model: ${template}.`,
    todo: (due, toCnfpt) => `Send the complete project sheet to ${toCnfpt ? 'the CNFPT' : 'the referents'} by ${due}.`,
  },
  meetingFollowUp: {
    title: (title) => `Meeting follow-up: ${title}`,
    notRecorded: (title, at) => `The meeting “${title}” of ${at} has not been recorded as held.`,
    noMinutes: (title, heldOn) => `The meeting “${title}”, held on ${heldOn}, was recorded without its minutes.`,
    todoNotRecorded: [
      'If the meeting took place, have it recorded in Pacte with the link to its minutes.',
      'Otherwise, agree on a new date with the attendees.',
    ],
    todoNoMinutes: ['Share the minutes with the attendees and have their link recorded in Pacte.'],
  },
  trackingTable: {
    title: (title) => `Tracking table late: ${title}`,
    late: (title, at) => `At the meeting “${title}” of ${at}, the tracking table was reported late.`,
    todo: [
      'Update the tracking table of your axes and projects.',
      'Send it to the referents before the next follow-up meeting.',
    ],
  },
  trackingAxis: {
    axis: (title, pilots) =>
      `Axis “${title}”` +
      (pilots.length > 0 ? `, ${pilots.length > 1 ? 'pilots' : 'pilot'}: ${pilots.join(', ')}.` : '.'),
    projects: (titles) => `${titles.length > 1 ? 'The axis’s projects' : 'The axis’s project'}: ${titles.join('; ')}.`,
  },
  leadsReport: {
    title: (title) => `Tracking table to update before the meeting: ${title}`,
    before: (title, at) => `The meeting “${title}” takes place on ${at}.`,
    todo: [
      'Update the progress of your projects in your axis’s tracking table.',
      'Report your work to your pilots before the meeting.',
    ],
  },
  belowMinimum: {
    title: (title) => `Project sheet below the participant threshold: ${title}`,
    under: (title, participants, minimum) =>
      `The project sheet “${title}” plans ${participants} participant${participants > 1 ? 's' : ''}` +
      (minimum !== undefined ? `, below the group of at least ${minimum} expected outside regulated trainings.` : '.'),
    responsible: (names) => `Project ${names.length > 1 ? 'leads' : 'lead'}: ${names.join(', ')}.`,
    todo: [
      'Review with the project lead how to form a large enough group, or whether the training is regulated.',
      'Agree together on what happens to the project.',
    ],
  },
  escalation: {
    title: 'Overdue project sheets',
    intro: 'These project sheets were not received by their due date:',
    todo: [
      'Contact the project leads concerned and agree on a new date.',
      'Without a project sheet, the action cannot be scheduled.',
    ],
  },
  notice: {
    title: (d) => `Notice of termination of ${d.the}: end date`,
    givenBy: (party, effective, d) =>
      `${party ? `${party} gave notice of termination of ${d.the}` : `Notice of termination of ${d.the} was given`}; it takes effect on ${effective}.`,
    terms: (period, form, d) =>
      period
        ? `${d.The} provides for a notice period of ${period}${form ? `, given by ${form}` : ''}.`
        : `${d.The} provides for no notice period: the notice takes effect on the day it is given.`,
    after: 'Meetings and deadlines after that date are cancelled: you will get no more reminders about them.',
    until: (effective) => `Meetings and deadlines until ${effective} still stand: keep preparing them.`,
  },
  dispute: {
    title: 'Dispute: end of the amicable settlement period',
    notified: (on, subject) =>
      `${subject ? `Subject of the dispute: ${subject}. ` : ''}` +
      `The dispute was notified in writing to the other party${on ? ` on ${on}` : ''}.`,
    ends: (lastDay, courtFrom) =>
      `The amicable settlement period runs until ${lastDay} inclusive: a court may be seized from ${courtFrom}.`,
    todo: 'Keep seeking an amicable settlement with the other party until then.',
  },
  meetingUpdate: {
    title: (title) => `Meeting moved: ${title}`,
    moved: (title, previous, now, because) =>
      `The meeting “${title}” first planned on ${previous} is moved to ${now}${because}.`,
    changed: (title, now, because) => `The meeting “${title}” changed: it now takes place on ${now}${because}.`,
    todo: 'Check that you are available at the new time and update your calendar.',
  },
  meetingCancel: {
    title: (title) => `Meeting cancelled: ${title}`,
    cancelled: (title, at) => `The meeting “${title}” planned on ${at} is cancelled.`,
    todo: 'Remove it from your calendar: the attached cancellation does so in Outlook or Thunderbird.',
  },
  declined: {
    title: (who, title) => `A reminder no longer concerns ${who}: ${title}`,
    kind: (purpose) =>
      (
        ({
          meeting: 'meeting',
          indicators: 'indicators due before the meeting',
          'census-open': 'census',
          'census-launch': 'census launch',
          'census-deadline': 'census deadline',
          'census-retained': 'retained projects',
          'renewal-window': 'renewal',
          'renewal-followup': 'renewal',
          'meeting-followup': 'meeting follow-up',
          event: 'event',
          'event-undated': 'event to date',
          'project-sheet': 'project sheet',
        }) as Record<string, string>
      )[purpose] ?? '',
    said: (who, kind, title, when) =>
      `${who} says that the ${kind} reminder “${title}” of ${when} no longer concerns them.`,
    reason: (reason) => `Reason given: “${reason}”`,
    unchanged: (who) => `Nothing has changed: ${who} keeps receiving this reminder until its recipient is changed.`,
    todo: (who, d) => [
      `If someone else should receive this reminder, change the person: the “Changement de personne” form ${d.ofThe} in the web application, or the pacte change-person command.`,
      `Otherwise there is nothing to do; let ${who} know, who keeps receiving this reminder.`,
    ],
  },
};

export const enTemplates: TemplateSet = templatesIn(enWords);

export const enLabels: Labels = {
  greeting: (r) => (r.civility ? `${r.civility === 'Madame' ? 'Dear Madam' : 'Dear Sir'},` : `Hello ${r.name},`),
  colon: ': ',
  when: 'When',
  where: 'Where',
  citation: (article, d) => `Required by ${article} ${d.ofThe}.`,
  todo: 'To do',
  closing: 'Kind regards,',
  invitationAttached: 'The invitation is attached: accept it to add it to your calendar.',
  updatedInvitationAttached: 'The updated invitation is attached: it replaces the previous one in your calendar.',
  cancellationAttached: 'The cancellation is attached: it removes the meeting from your calendar.',
  organizerCopyAttached: 'You organise this meeting: it is attached for your calendar, with no answer to give.',
  groupedSubject: (count, title, day) => `${count} reminders – ${title} – ${day}`,
  groupedIntro: (count, day) => `Here are the ${count} reminders for ${day}:`,
  late: (plannedOn) => `Reminder sent late: it was due on ${plannedOn}.`,
  footer: (d, organizer) =>
    `Sent automatically by Pacte, the governance calendar ${d.ofThe}` +
    (organizer ? `, for ${organizer}: a reply to this message reaches them directly. ` : '. ') +
    'Only your name and e-mail address are used for these reminders.',
};
