/**
 * Agreement fixtures for the domain tests, written directly as validated {@link Agreement}s
 * (every default applied), so the planner is tested independently of the parser.
 *
 * @module
 */
import type { Agreement, MeetingSpec, Person } from '../../domain/agreement';

export const people: Person[] = [
  { id: 'ref-cnfpt', name: 'Camille Martin', email: 'camille.martin@example.org', party: 'cnfpt', roles: ['referent'] },
  { id: 'ref-cc', name: 'Dominique Bernard', email: 'dominique.bernard@example.org', party: 'cc', roles: ['referent'] },
  { id: 'pilote-1', name: 'Alex Petit', email: 'alex.petit@example.org', party: 'cc', roles: ['pilot'] },
  {
    id: 'pilote-2',
    name: 'Sacha Leroy',
    email: 'sacha.leroy@example.org',
    party: 'cnfpt',
    roles: ['pilot', 'committee'],
  },
  { id: 'rf-cc', name: 'Claude Moreau', email: 'claude.moreau@example.org', party: 'cc', roles: ['training-contact'] },
  { id: 'sig-cc', name: 'Maire Président', email: 'president@example.org', party: 'cc', roles: ['signatory'] },
  {
    id: 'sig-cnfpt',
    name: 'Délégué régional',
    email: 'delegue@example.org',
    party: 'cnfpt',
    roles: ['signatory', 'committee'],
  },
  { id: 'cdp-1', name: 'Lou Garnier', email: 'lou.garnier@example.org', party: 'cc', roles: ['project-lead'] },
];

export const annualReview: MeetingSpec = {
  rrule: 'FREQ=YEARLY;BYMONTH=12;BYDAY=2TU',
  time: '14:00',
  duration: 'PT2H',
  attendees: ['referent', 'committee'],
  remindBefore: ['P30D', 'P7D'],
  onNonBusinessDay: 'next',
  article: 'art. 7',
  indicatorsDueBefore: 'P15D',
};

/** Terre Valserhône: convention-cadre, 2025-01-15 → 2027-12-31. */
export function conventionCadre(over: Partial<Agreement> = {}): Agreement {
  return {
    id: 'valserhone-2025',
    kind: 'convention-cadre',
    title: 'Convention cadre CNFPT – CC Terre Valserhône',
    timezone: 'Europe/Paris',
    locale: 'fr',
    holidays: 'FR',
    parties: [
      { id: 'cnfpt', name: 'CNFPT – Délégation Auvergne-Rhône-Alpes' },
      { id: 'cc', name: 'Communauté de communes Terre Valserhône' },
    ],
    people,
    term: {
      signedOn: '2025-01-15',
      startsOn: '2025-01-15',
      endsOn: '2027-12-31',
      noticePeriod: 'P3M',
      renewalMeetingWithin: 'P12M',
      maxDuration: 'P3Y',
    },
    axes: [
      {
        id: 'axe-1',
        title: 'Professionnalisation',
        pilots: ['pilote-1'],
        projects: [{ id: 'managers', title: 'Managers', leads: ['cdp-1'] }],
      },
    ],
    meetings: { 'annual-review': annualReview },
    census: {
      opensOn: '09-01',
      closesOn: '10-15',
      to: ['training-contact'],
      remindBefore: ['P14D', 'P3D'],
      projectSheetDueAfter: 'P30D',
      projectSheetRemindBefore: ['P14D', 'P7D', 'P1D'],
      escalateAfter: 'P7D',
      minParticipants: 15,
      article: 'art. 9',
    },
    events: [],
    reminders: { time: '09:00' },
    ...over,
  };
}

/** Seine-et-Marne style COT: monthly pilot review, steering committee every two months, annual review. */
export function cot(over: Partial<Agreement> = {}): Agreement {
  return conventionCadre({
    id: 'cot-77',
    kind: 'cot',
    title: 'Contrat d’objectifs territorialisé',
    term: {
      signedOn: '2025-01-06',
      startsOn: '2025-01-06',
      endsOn: '2027-12-31',
      noticePeriod: 'P3M',
      renewalMeetingWithin: 'P12M',
      maxDuration: 'P4Y',
    },
    meetings: {
      'pilot-review': {
        rrule: 'FREQ=MONTHLY;BYDAY=1TU',
        time: '10:00',
        duration: 'PT1H30M',
        attendees: ['referent', 'pilot'],
        remindBefore: ['P7D', 'P1D'],
        onNonBusinessDay: 'next',
      },
      'steering-committee': {
        rrule: 'FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=1',
        time: '14:30',
        duration: 'PT2H',
        attendees: ['committee', 'ref-cnfpt'],
        remindBefore: ['P14D', 'P2D'],
        onNonBusinessDay: 'next',
        article: 'annexe 3',
      },
      'annual-review': annualReview,
    },
    ...over,
  });
}

/** Vaucluse style action plan: one-off events, one undated. */
export function planAction(over: Partial<Agreement> = {}): Agreement {
  return conventionCadre({
    id: 'vaucluse-2024',
    kind: 'plan-action',
    title: "Plan d'action Vaucluse",
    term: {
      signedOn: '2024-04-01',
      startsOn: '2024-04-01',
      endsOn: '2025-04-30',
      noticePeriod: 'P1M',
      maxDuration: 'P2Y',
    },
    meetings: {},
    census: undefined,
    events: [
      {
        id: 'colloque-ensosp',
        title: 'Colloque transition écologique',
        date: '2024-07-04',
        place: 'ENSOSP',
        attendees: ['referent'],
        remindBefore: ['P30D', 'P7D'],
      },
      {
        id: 'semaine-transitions',
        title: 'Semaine des transitions professionnelles',
        start: '2024-11-25',
        end: '2024-11-29',
        attendees: ['pilot'],
        remindBefore: ['P7D'],
        time: '08:30',
      },
      { id: 'soiree-inet', title: "Soirée de l'INET", window: '2024-H2', attendees: ['referent'], remindBefore: [] },
      { id: 'forum-h1', title: 'Forum', window: '2024-Q2', attendees: ['referent'], remindBefore: [] },
    ],
    ...over,
  });
}
