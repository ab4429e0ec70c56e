/**
 * Business days (calendar rule 1, docs/calendar-rules.md#rule-1-business-days): a working day of
 * the agreement (`workdays`, Monday to Friday unless the file says otherwise) that is not a public
 * holiday of its holiday calendar (`FR`, `FR-alsace-moselle` or `none`).
 *
 * Holiday dates come from `@socialgouv/jours-feries`. That library builds *host-local* JS Dates
 * and moves from Easter with +24 h arithmetic, so around a DST change a date can sit at 23:00 of
 * the previous day or 01:00 of the right one. We add 12 h before reading the local Y/M/D, which
 * lands on the intended day whatever the host zone (tested under several `TZ`). The library's
 * list is exactly the FR list of rule 1 (it has no Pentecost Sunday); Good Friday and 26 Dec only
 * with `alsace: true`. Names are ours (French, lower-case as in running text).
 *
 * Everything is pure; per-year holiday tables are memoized (a deterministic cache, safe in
 * workflow code).
 *
 * @module
 */
import getJoursFeries from '@socialgouv/jours-feries';
import {
  DEFAULT_WORKDAYS,
  WEEKDAYS,
  type Agreement,
  type HolidayCalendar,
  type LocalDate,
  type NonBusinessDayPolicy,
  type Weekday,
} from './agreement';
import { addDays, isoWeekday } from './durations';

/** Library key → the French name we show (`movedBecause`, e-mails). */
const NAMES: Record<string, string> = {
  "Jour de l'an": "jour de l'An",
  'Fête du travail': 'fête du Travail',
  'Victoire des alliés': 'Victoire 1945',
  'Fête Nationale': 'fête nationale',
  Assomption: 'Assomption',
  Toussaint: 'Toussaint',
  Armistice: 'Armistice 1918',
  Noël: 'Noël',
  'Lundi de Pâques': 'lundi de Pâques',
  Ascension: 'Ascension',
  'Lundi de Pentecôte': 'lundi de Pentecôte',
  'Vendredi Saint': 'Vendredi saint',
  'Saint Étienne': 'Saint-Étienne',
};

const HALF_DAY_MS = 12 * 60 * 60 * 1000;

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The local date the library meant, immune to its ±1 h DST drift. */
function libraryDate(d: Date): LocalDate {
  const noon = new Date(d.getTime() + HALF_DAY_MS);
  return `${noon.getFullYear()}-${pad(noon.getMonth() + 1)}-${pad(noon.getDate())}`;
}

/** Uncached: the holidays of `year` in `calendar`, date → French name. */
export function computeHolidays(year: number, calendar: HolidayCalendar): Map<LocalDate, string> {
  const out = new Map<LocalDate, string>();
  if (calendar === 'none') return out;
  const raw = getJoursFeries(year, { alsace: calendar === 'FR-alsace-moselle' });
  for (const [key, date] of Object.entries(raw)) {
    const name = NAMES[key];
    // An unknown key would mean a library change: refuse to guess rather than add a holiday.
    if (name === undefined) continue;
    out.set(libraryDate(date), name);
  }
  return out;
}

const cache: Record<HolidayCalendar, Map<number, Map<LocalDate, string>>> = {
  FR: new Map(),
  'FR-alsace-moselle': new Map(),
  none: new Map(),
};

/** What decides whether a date is a business day: the holiday calendar and the working days. */
export interface BusinessCalendar {
  readonly holidays: HolidayCalendar;
  readonly workdays: readonly Weekday[];
}

/** The business calendar of an agreement (Monday to Friday when it names no working days). */
export function businessCalendarOf(agreement: Pick<Agreement, 'holidays' | 'workdays'>): BusinessCalendar {
  return { holidays: agreement.holidays, workdays: agreement.workdays ?? DEFAULT_WORKDAYS };
}

/** Why each date is not a business day (null: it is one), per calendar. */
const reasons = new Map<string, Map<LocalDate, string | null>>();

/** French day names, ISO weekday order: the reason a non-working day gives. */
const DAY_NAMES = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

/** Memoized {@link computeHolidays}. */
export function holidaysOf(year: number, calendar: HolidayCalendar): Map<LocalDate, string> {
  const byYear = cache[calendar];
  let table = byYear.get(year);
  if (!table) {
    table = computeHolidays(year, calendar);
    byYear.set(year, table);
  }
  return table;
}

/** The French name of the public holiday on `date`, or undefined. */
export function holidayName(date: LocalDate, calendar: HolidayCalendar): string | undefined {
  return holidaysOf(Number(date.slice(0, 4)), calendar).get(date);
}

/**
 * Why `date` is not a business day (`samedi`, `dimanche` or the holiday's name), or undefined
 * for a business day. A holiday's name wins over the weekday: it says more.
 */
export function nonBusinessReason(date: LocalDate, cal: BusinessCalendar): string | undefined {
  const key = `${cal.holidays}|${cal.workdays.join(',')}`;
  let memo = reasons.get(key);
  if (!memo) {
    memo = new Map();
    reasons.set(key, memo);
  }
  let reason = memo.get(date);
  if (reason === undefined) {
    reason = computeReason(date, cal) ?? null;
    if (memo.size > 100_000) memo.clear();
    memo.set(date, reason);
  }
  return reason ?? undefined;
}

function computeReason(date: LocalDate, cal: BusinessCalendar): string | undefined {
  const holiday = holidayName(date, cal.holidays);
  if (holiday !== undefined) return holiday;
  const weekday = isoWeekday(date);
  return cal.workdays.includes(WEEKDAYS[weekday - 1]!) ? undefined : DAY_NAMES[weekday - 1];
}

/** A working day of `cal` and not one of its holidays. */
export function isBusinessDay(date: LocalDate, cal: BusinessCalendar): boolean {
  return nonBusinessReason(date, cal) === undefined;
}

/** `date` itself when it is a business day, else the first business day after it. */
export function nextBusinessDay(date: LocalDate, cal: BusinessCalendar): LocalDate {
  let d = date;
  while (!isBusinessDay(d, cal)) d = addDays(d, 1);
  return d;
}

/** `date` itself when it is a business day, else the last business day before it. */
export function previousBusinessDay(date: LocalDate, cal: BusinessCalendar): LocalDate {
  let d = date;
  while (!isBusinessDay(d, cal)) d = addDays(d, -1);
  return d;
}

/** The first business day strictly after `date`. */
export function businessDayAfter(date: LocalDate, cal: BusinessCalendar): LocalDate {
  return nextBusinessDay(addDays(date, 1), cal);
}

/** The last business day strictly before `date`. */
export function businessDayBefore(date: LocalDate, cal: BusinessCalendar): LocalDate {
  return previousBusinessDay(addDays(date, -1), cal);
}

/** Where a date lands under a non-business-day policy, and why it moved. */
export interface Adjusted {
  date: LocalDate;
  movedFrom?: LocalDate;
  movedBecause?: string;
}

/** Applies `onNonBusinessDay` (rule 2) or the deadline rule (`next`, rule 4) to `date`. */
export function adjustToBusinessDay(date: LocalDate, cal: BusinessCalendar, policy: NonBusinessDayPolicy): Adjusted {
  const reason = nonBusinessReason(date, cal);
  if (reason === undefined || policy === 'keep') return { date };
  const moved = policy === 'previous' ? previousBusinessDay(date, cal) : nextBusinessDay(date, cal);
  return { date: moved, movedFrom: date, movedBecause: reason };
}
