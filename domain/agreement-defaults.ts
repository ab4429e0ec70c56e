/**
 * What each kind of agreement brings by default (docs/agreement-file.md#kind-defaults), so that a
 * short file is enough, and {@link applyDefaults}, which turns a structurally valid file into a
 * complete {@link Agreement}. A field written in the file always wins; `meetings: { key: false }`
 * and `census: false` remove what the kind would add.
 *
 * Values no source gives (meeting days and hours, reminder delays, census dates, a maximum term
 * the text does not set) are still defaults here: running lifecycles were parsed with them and an
 * amendment is parsed again inside the workflow, so removing them would break recorded histories.
 * domain/pacte-defaults.ts lists them, and `pacte plan` / `pacte preview` tell the partners to
 * write their own (docs/agreement-file.md#kind-defaults).
 *
 * Pure data and functions.
 *
 * @module
 */
import {
  DEFAULT_WORKDAYS,
  WEEKDAYS,
  type Agreement,
  type AgreementKind,
  type CensusSpec,
  type EventSpec,
  type IsoDuration,
  type Locale,
  type MeetingSpec,
  type Weekday,
} from './agreement';
import type { AgreementFile, MeetingFile } from './agreement-schema';
import { KIND_SOURCES } from './kind-sources';

/** The working days in week order, whatever order the file lists them in. */
function inWeekOrder(days: readonly Weekday[]): Weekday[] {
  return WEEKDAYS.filter((day) => days.includes(day));
}

/** A meeting as a kind proposes it: every field but the title, which depends on the locale. */
type MeetingDefault = Omit<MeetingSpec, 'title'>;

export interface KindDefaults {
  maxDuration: IsoDuration;
  /** Only where the source gives one (art. 12 of the convention cadre). */
  noticePeriod?: IsoDuration;
  renewalMeetingWithin?: IsoDuration;
  meetings: Record<string, MeetingDefault>;
  census?: CensusSpec;
}

/** Filled into any meeting, default or custom, that leaves these out. */
export const MEETING_FALLBACK: Omit<MeetingSpec, 'rrule'> = {
  time: '10:00',
  duration: 'PT1H30M',
  attendees: ['referent'],
  remindBefore: ['P7D', 'P1D'],
  onNonBusinessDay: 'next',
};

export const EVENT_FALLBACK: Pick<EventSpec, 'attendees' | 'remindBefore'> = {
  attendees: ['referent'],
  remindBefore: ['P30D', 'P7D'],
};

export const AGREEMENT_FALLBACK = {
  timezone: 'Europe/Paris',
  locale: 'fr',
  holidays: 'FR',
  remindersTime: '09:00',
} as const;

/**
 * Art. 9 of the Terre Valserhône model: the CNFPT's yearly census of training requests. Art. 9
 * gives the audience, the group « d’au moins 15 » and the article; the dates and delays are
 * Pacte's (listed by pacte-defaults.ts).
 */
export const CENSUS_DEFAULT: CensusSpec = {
  opensOn: '09-01',
  closesOn: '10-15',
  to: ['training-contact'],
  remindBefore: ['P14D', 'P3D'],
  projectSheetDueAfter: 'P30D',
  projectSheetRemindBefore: ['P14D', 'P7D', 'P1D'],
  escalateAfter: 'P7D',
  minParticipants: 15,
  article: 'art. 9',
};

export const KIND_DEFAULTS: Record<AgreementKind, KindDefaults> = {
  // Terre Valserhône: art. 7 (yearly meeting), 8 (indicators), 9 (census), 12 (term, notice, renewal).
  'convention-cadre': {
    maxDuration: 'P3Y',
    noticePeriod: 'P3M',
    renewalMeetingWithin: 'P12M',
    meetings: {
      // December: after the census closes (art. 9), when the next year's programme is validated (art. 7).
      'annual-review': {
        rrule: 'FREQ=YEARLY;BYMONTH=12;BYDAY=2TU',
        time: '14:00',
        duration: 'PT2H',
        attendees: ['referent', 'committee'],
        remindBefore: ['P30D', 'P7D'],
        onNonBusinessDay: 'next',
        article: 'art. 7',
        indicatorsDueBefore: 'P15D',
      },
    },
    census: CENSUS_DEFAULT,
  },
  // Seine-et-Marne: art. 5 (yearly review by the steering committee), art. 6 (four years), annex 3.
  // No notice clause: no notice period.
  cot: {
    maxDuration: 'P4Y',
    meetings: {
      'pilot-review': {
        rrule: 'FREQ=MONTHLY;BYDAY=1TU',
        time: '10:00',
        duration: 'PT1H30M',
        attendees: ['referent', 'pilot'],
        remindBefore: ['P7D', 'P1D'],
        onNonBusinessDay: 'next',
        article: 'annexe 3',
      },
      'steering-committee': {
        rrule: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=3TH',
        time: '14:00',
        duration: 'PT2H',
        attendees: ['referent', 'committee', 'pilot'],
        remindBefore: ['P14D', 'P2D'],
        onNonBusinessDay: 'next',
        article: 'annexe 3',
      },
      'annual-review': {
        rrule: 'FREQ=YEARLY;BYMONTH=9;BYDAY=4TH',
        time: '14:00',
        duration: 'PT3H',
        attendees: ['referent', 'committee', 'pilot'],
        remindBefore: ['P30D', 'P7D'],
        onNonBusinessDay: 'next',
        article: 'art. 5',
      },
    },
  },
  // Vaucluse: a one-year plan of dated events; the source sets no meeting and no notice clause.
  'plan-action': {
    // No source gives a maximum term: Pacte's (pacte-defaults.ts lists it).
    maxDuration: 'P2Y',
    meetings: {},
  },
  // Brittany CDGs: "un programme fixé et évalué par les président.e.s" every year.
  // No notice clause either.
  'schema-cooperation': {
    // No source gives a maximum term: Pacte's (pacte-defaults.ts lists it). No day for the meeting either.
    maxDuration: 'P6Y',
    meetings: {
      'annual-review': {
        rrule: 'FREQ=YEARLY;BYMONTH=1;BYDAY=3TH',
        time: '14:00',
        duration: 'PT2H',
        attendees: ['signatory', 'referent'],
        remindBefore: ['P30D', 'P7D'],
        onNonBusinessDay: 'next',
      },
    },
  },
};

const MEETING_TITLES: Record<Locale, Record<string, string>> = {
  fr: {
    'pilot-review': 'Réunion de suivi avec les pilotes',
    'steering-committee': 'Comité de pilotage',
    'annual-review': 'Rencontre annuelle',
  },
  en: {
    'pilot-review': 'Pilot review',
    'steering-committee': 'Steering committee',
    'annual-review': 'Annual review',
  },
};

const SCHEMA_REVIEW_TITLE: Record<Locale, string> = {
  fr: 'Programme annuel des présidents',
  en: 'Presidents’ annual programme',
};

/** Title of a meeting type: known keys get a proper name, custom keys their words. */
export function meetingTitle(kind: AgreementKind, key: string, locale: Locale): string {
  if (kind === 'schema-cooperation' && key === 'annual-review') return SCHEMA_REVIEW_TITLE[locale];
  const known = MEETING_TITLES[locale][key];
  if (known) return known;
  const words = key.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function completeMeeting(
  kind: AgreementKind,
  key: string,
  locale: Locale,
  base: MeetingDefault | undefined,
  file: MeetingFile | undefined,
): MeetingSpec | undefined {
  const sources = base ? KIND_SOURCES[locale][kind].meetings[key] : undefined;
  const merged = { ...MEETING_FALLBACK, ...base, ...sources, ...dropUndefined(file ?? {}) };
  // A custom meeting without rrule is reported by parseAgreement; nothing to build here.
  if (merged.rrule === undefined) return undefined;
  return { title: meetingTitle(kind, key, locale), ...merged, rrule: merged.rrule };
}

/** Keys whose file value is a meeting without `rrule` and no default to take it from. */
export function meetingsWithoutRrule(file: AgreementFile): string[] {
  const defaults = KIND_DEFAULTS[file.kind].meetings;
  return Object.entries(file.meetings ?? {})
    .filter(([key, m]) => m !== false && m.rrule === undefined && defaults[key] === undefined)
    .map(([key]) => key);
}

/** The complete agreement: the file, then the defaults of its kind, then the general ones. */
export function applyDefaults(file: AgreementFile): Agreement {
  const kind = KIND_DEFAULTS[file.kind];
  const locale = file.locale ?? AGREEMENT_FALLBACK.locale;

  const meetings: Record<string, MeetingSpec> = {};
  const fileMeetings = file.meetings ?? {};
  for (const key of new Set([...Object.keys(kind.meetings), ...Object.keys(fileMeetings)])) {
    const written = fileMeetings[key];
    if (written === false) continue;
    const spec = completeMeeting(file.kind, key, locale, kind.meetings[key], written);
    if (spec) meetings[key] = spec;
  }

  let census: CensusSpec | undefined;
  if (file.census !== false && (file.census !== undefined || kind.census !== undefined)) {
    census = { ...CENSUS_DEFAULT, ...kind.census, ...dropUndefined(file.census ?? {}) };
  }

  const term = file.term;
  const sources = KIND_SOURCES[locale][file.kind];
  const noticePeriod = term.noticePeriod ?? kind.noticePeriod;
  const noticeForm = term.noticeForm ?? sources.noticeForm;
  const renewalAgenda = term.renewalAgenda ?? sources.renewalAgenda;
  const agreement: Agreement = {
    id: file.id,
    kind: file.kind,
    title: file.title,
    timezone: file.timezone ?? AGREEMENT_FALLBACK.timezone,
    locale,
    holidays: file.holidays ?? AGREEMENT_FALLBACK.holidays,
    workdays: inWeekOrder(file.workdays ?? DEFAULT_WORKDAYS),
    parties: file.parties.map((p) => ({ id: p.id, name: p.name })),
    people: file.people.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      party: p.party,
      roles: p.roles ?? [],
      ...(p.civility !== undefined ? { civility: p.civility } : {}),
    })),
    ...(file.organizer !== undefined ? { organizer: file.organizer } : {}),
    document: file.document ?? sources.document,
    articles: { ...sources.articles, ...dropUndefined(file.articles ?? {}) },
    term: {
      signedOn: term.signedOn,
      startsOn: term.startsOn ?? term.signedOn,
      endsOn: term.endsOn,
      ...(noticePeriod !== undefined ? { noticePeriod } : {}),
      ...(noticeForm !== undefined ? { noticeForm } : {}),
      maxDuration: term.maxDuration ?? kind.maxDuration,
      ...(term.renewalMeetingWithin !== undefined || kind.renewalMeetingWithin !== undefined
        ? { renewalMeetingWithin: (term.renewalMeetingWithin ?? kind.renewalMeetingWithin) as string }
        : {}),
      ...(renewalAgenda !== undefined ? { renewalAgenda } : {}),
    },
    axes: (file.axes ?? []).map((axis) => ({
      id: axis.id,
      title: axis.title,
      pilots: axis.pilots ?? [],
      projects: (axis.projects ?? []).map((p) => ({
        id: p.id,
        title: p.title,
        leads: p.leads ?? [],
        ...(p.years !== undefined ? { years: p.years } : {}),
        ...(p.leadParty !== undefined ? { leadParty: p.leadParty } : {}),
      })),
    })),
    meetings,
    events: (file.events ?? []).map((e) => ({ ...EVENT_FALLBACK, ...dropUndefined(e) }) as EventSpec),
    reminders: { time: file.reminders?.time ?? AGREEMENT_FALLBACK.remindersTime },
  };
  if (census) agreement.census = census;
  return agreement;
}
