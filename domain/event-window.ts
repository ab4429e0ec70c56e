/**
 * The window of an undated one-off event (calendar rule 11): a half-year `YYYY-H1|H2`, a quarter
 * `YYYY-Q1..Q4` or a month `YYYY-MM`. The event has no day yet: the window only says when it
 * should happen, and is shown as such (« au second semestre 2024 », « en septembre 2024 »).
 *
 * Pure (no luxon, no I/O): used by the schema, the planner in workflow code, the plan renderers
 * and the reminder templates.
 *
 * @module
 */
import type { LocalDate, Locale } from './agreement';

/** `YYYY-H1|H2`, `YYYY-Q1..Q4` or `YYYY-MM` (month 01 to 12). */
export const WINDOW_PATTERN = /^(\d{4})-(H[12]|Q[1-4]|0[1-9]|1[0-2])$/;

/** What the schema says when a window does not match {@link WINDOW_PATTERN}. */
export const WINDOW_ERROR =
  'not a window: a half-year YYYY-H1 or YYYY-H2, a quarter YYYY-Q1 to YYYY-Q4, or a month YYYY-MM (e.g. 2024-H2, 2024-Q3, 2024-09)';

export interface EventWindow {
  year: number;
  unit: 'half' | 'quarter' | 'month';
  /** 1–2 for a half-year, 1–4 for a quarter, 1–12 for a month. */
  n: number;
}

/** Parses a window, or undefined when it does not match {@link WINDOW_PATTERN}. */
export function parseWindow(window: string): EventWindow | undefined {
  const m = WINDOW_PATTERN.exec(window);
  if (!m) return undefined;
  const year = Number(m[1]);
  const part = m[2] as string;
  if (part.startsWith('H')) return { year, unit: 'half', n: Number(part[1]) };
  if (part.startsWith('Q')) return { year, unit: 'quarter', n: Number(part[1]) };
  return { year, unit: 'month', n: Number(part) };
}

const pad = (n: number) => String(n).padStart(2, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** First and last day of a window; throws on a malformed window. */
export function windowRange(window: string): [LocalDate, LocalDate] {
  const w = parseWindow(window);
  if (!w) throw new Error(`${WINDOW_ERROR}: ${window}`);
  const months = w.unit === 'half' ? 6 : w.unit === 'quarter' ? 3 : 1;
  const first = (w.n - 1) * months + 1;
  const last = first + months - 1;
  return [`${w.year}-${pad(first)}-01`, `${w.year}-${pad(last)}-${pad(daysInMonth(w.year, last))}`];
}

/** First day of a window: `2024-H2` → `2024-07-01`, `2024-09` → `2024-09-01`. */
export function windowStart(window: string): LocalDate {
  return windowRange(window)[0];
}

const FR_MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const FR_ORDINALS = ['premier', 'deuxième', 'troisième', 'quatrième'];
const EN_ORDINALS = ['first', 'second', 'third', 'fourth'];

/**
 * When an undated event should happen, as a complement of time: « au second semestre 2024 »,
 * « au troisième trimestre 2024 », « en septembre 2024 »; "in the second half of 2024", "in the
 * third quarter of 2024", "in September 2024". A malformed window is returned as is.
 */
export function windowPhrase(window: string, locale: Locale): string {
  const w = parseWindow(window);
  if (!w) return window;
  if (locale === 'en') {
    if (w.unit === 'month') return `in ${EN_MONTHS[w.n - 1]} ${w.year}`;
    return `in the ${EN_ORDINALS[w.n - 1]} ${w.unit === 'half' ? 'half of' : 'quarter of'} ${w.year}`;
  }
  if (w.unit === 'month') return `en ${FR_MONTHS[w.n - 1]} ${w.year}`;
  if (w.unit === 'half') return `au ${w.n === 1 ? 'premier' : 'second'} semestre ${w.year}`;
  return `au ${FR_ORDINALS[w.n - 1]} trimestre ${w.year}`;
}
