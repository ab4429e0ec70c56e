/**
 * The agreement as the rest of Pacte sees it: validated, with every default of its kind applied
 * (see docs/agreement-file.md). Produced by `parseAgreement` from a YAML or JSON file; consumed by
 * the calendar planner, the lifecycle workflow and the reminder activities.
 *
 * Plain JSON data only (strings, numbers, arrays, objects): it travels in workflow payloads.
 * Dates are local dates `YYYY-MM-DD` in the agreement's time zone, durations ISO 8601 strings.
 *
 * @module
 */

export const AGREEMENT_KINDS = ['convention-cadre', 'cot', 'plan-action', 'schema-cooperation'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export const ROLES = ['referent', 'pilot', 'project-lead', 'committee', 'training-contact', 'signatory'] as const;
export type Role = (typeof ROLES)[number];

export const HOLIDAY_CALENDARS = ['FR', 'FR-alsace-moselle', 'none'] as const;
export type HolidayCalendar = (typeof HOLIDAY_CALENDARS)[number];

/** RFC 5545 day codes, Monday first (ISO weekday 1 to 7). */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** Working days when the file names none (calendar rule 1, docs/calendar-rules.md). */
export const DEFAULT_WORKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR'];

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const NON_BUSINESS_DAY_POLICIES = ['next', 'previous', 'keep'] as const;
export type NonBusinessDayPolicy = (typeof NON_BUSINESS_DAY_POLICIES)[number];

/** `YYYY-MM-DD`, a local date in the agreement's time zone. */
export type LocalDate = string;
/** ISO 8601 duration, e.g. `P3M`, `P7D`, `PT1H30M`. */
export type IsoDuration = string;
/** `HH:MM`, a local time. */
export type LocalTime = string;
/** A role name or a person id: who is concerned by a meeting, an event or a census. */
export type AudienceRef = string;

export interface Party {
  id: string;
  name: string;
}

export const CIVILITIES = ['Madame', 'Monsieur'] as const;
export type Civility = (typeof CIVILITIES)[number];

export interface Person {
  id: string;
  name: string;
  email: string;
  party: string;
  roles: Role[];
  /** Optional: the e-mails then greet « Madame, » / « Monsieur, » instead of « Bonjour Prénom Nom, ». */
  civility?: Civility;
}

export interface Term {
  signedOn: LocalDate;
  startsOn: LocalDate;
  endsOn: LocalDate;
  /**
   * Absent: the agreement gives no notice period (a `cot`, a `plan-action` unless written); a
   * notice then takes effect on the day it is given (rule 8).
   */
  noticePeriod?: IsoDuration;
  /** How notice must be given, in words: « lettre recommandée avec accusé de réception » (art. 12). */
  noticeForm?: string;
  /** Absent: no renewal window (rule 6 does not apply). */
  renewalMeetingWithin?: IsoDuration;
  /** What the renewal meeting is for, in words completing « pour … » (art. 12). */
  renewalAgenda?: string;
  maxDuration: IsoDuration;
}

export const DOCUMENT_GENDERS = ['feminine', 'masculine'] as const;
export type DocumentGender = (typeof DOCUMENT_GENDERS)[number];

/**
 * What the agreement calls itself, for the e-mails' sentences: « la convention », « le contrat »,
 * « le plan d'action », « le schéma ». The gender gives the French article (« de la convention »,
 * « du contrat »); a name starting with a vowel elides it (« de l'accord »).
 */
export interface DocumentName {
  name: string;
  gender: DocumentGender;
}

/**
 * The articles (or annexes) behind the obligations that are not a meeting, the census or an
 * event (those carry their own `article`), e.g. `art. 12`. Absent: the e-mail cites none.
 */
export interface Articles {
  notice?: string;
  renewal?: string;
  amendment?: string;
  dispute?: string;
}

export interface Project {
  id: string;
  title: string;
  /** Person ids of the project leads (chefs de projet). */
  leads: string[];
  years?: number[];
  /** Party id of the lead centre ("chef de file"), for cooperation schemes. */
  leadParty?: string;
}

export interface Axis {
  id: string;
  title: string;
  /** Person ids of the axis pilots. */
  pilots: string[];
  projects: Project[];
}

export interface MeetingSpec {
  /** Human title; defaults from the meeting key. */
  title?: string;
  /** RFC 5545 RRULE value (without the `RRULE:` prefix). */
  rrule: string;
  time: LocalTime;
  duration: IsoDuration;
  attendees: AudienceRef[];
  remindBefore: IsoDuration[];
  onNonBusinessDay: NonBusinessDayPolicy;
  place?: string;
  /** Article of the agreement that asks for this meeting, e.g. `art. 7`. */
  article?: string;
  /** Annual review only: the training contacts are asked for the art. 8 indicators this long before. */
  indicatorsDueBefore?: IsoDuration;
  /** The indicators the training contacts must provide (art. 8), one per line of the e-mail. */
  indicators?: string[];
  /** The article that lists the indicators, e.g. `art. 8` (the meeting's own may differ). */
  indicatorsArticle?: string;
  /** What the attendees must prepare, one sentence each; absent: the type's generic words. */
  prepare?: string[];
  /**
   * How long after an occurrence the referents are reminded when it is not recorded as held, or
   * recorded without its minutes. No source gives a delay: absent, no follow-up.
   */
  followUpAfter?: IsoDuration;
  /**
   * COT (annex 3): how long before each occurrence the project leads of each axis are reminded to
   * update their projects in the tracking table and report to their axis's pilots (« Restitution
   * des travaux au pilote »). No source gives a delay: absent, no such reminder.
   */
  leadsReportBefore?: IsoDuration;
}

export interface CensusSpec {
  /** `MM-DD` */
  opensOn: string;
  /** `MM-DD`; earlier than opensOn means the next year. */
  closesOn: string;
  to: AudienceRef[];
  remindBefore: IsoDuration[];
  projectSheetDueAfter: IsoDuration;
  projectSheetRemindBefore: IsoDuration[];
  escalateAfter: IsoDuration;
  minParticipants: number;
  /**
   * The model of the project sheet the agreement gives, if any (a file name or an annex, e.g.
   * « annexe 2 – modèle de fiche projet »): the project leads' e-mails name it.
   */
  sheetTemplate?: string;
  article?: string;
}

/** A one-off event: exactly one of `date`, `start`+`end`, or `window` (`YYYY-H1|H2|Q1..Q4`). */
export interface EventSpec {
  id: string;
  title: string;
  date?: LocalDate;
  start?: LocalDate;
  end?: LocalDate;
  window?: string;
  time?: LocalTime;
  place?: string;
  attendees: AudienceRef[];
  remindBefore: IsoDuration[];
  article?: string;
}

export interface Agreement {
  id: string;
  kind: AgreementKind;
  title: string;
  timezone: string;
  locale: Locale;
  holidays: HolidayCalendar;
  /**
   * Working days, in week order. Always set by `parseAgreement`; absent only in the input of a
   * lifecycle started before the field existed, which means Monday to Friday.
   */
  workdays?: Weekday[];
  parties: Party[];
  people: Person[];
  /**
   * Person id of the organizer: ORGANIZER of the meeting invitations and Reply-To of every
   * e-mail. Absent: the CNFPT referent (`organizerOf` in workflows/compose-messages.ts).
   */
  organizer?: string;
  /** Absent only in lifecycles started before the field existed: « la convention ». */
  document?: DocumentName;
  /** Absent only in lifecycles started before the field existed: no citation. */
  articles?: Articles;
  term: Term;
  axes: Axis[];
  /** Key = meeting type (`pilot-review`, `steering-committee`, `annual-review` or custom). */
  meetings: Record<string, MeetingSpec>;
  census?: CensusSpec;
  events: EventSpec[];
  reminders: { time: LocalTime };
}
