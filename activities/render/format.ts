/**
 * Dates, times and HTML escaping for the reminder e-mails. Dates are always shown in the
 * agreement's zone (never the worker's): « mardi 3 juin 2025 à 10 h 00 ».
 *
 * @module
 */
import { DateTime } from 'luxon';
import type { Locale } from '../../domain/agreement';
import { rememberRecent } from './recent-results';

/** Luxon's zone offsets are costly to compute and a batch repeats the same few instants (recent-results.ts). */
const zoneKey = (value: string, zone: string, locale: Locale) => `${value}|${zone}|${locale}`;

/** Remembered: DateTime values are immutable. */
const inZone = rememberRecent((iso: string, zone: string, locale: Locale): DateTime => {
  const dt = DateTime.fromISO(iso, { setZone: true }).setZone(zone).setLocale(locale);
  if (!dt.isValid) throw new Error(`not an ISO instant in ${zone}: ${iso}`);
  return dt;
}, zoneKey);

function dayText(dt: DateTime, locale: Locale): string {
  if (locale === 'fr') {
    // French writes the first day of a month as an ordinal: « lundi 1er septembre 2025 ».
    const day = dt.day === 1 ? '1er' : String(dt.day);
    return `${dt.toFormat('cccc')} ${day} ${dt.toFormat('LLLL yyyy')}`;
  }
  return dt.toFormat('cccc d LLLL yyyy');
}

function timeText(dt: DateTime, locale: Locale): string {
  return locale === 'fr' ? dt.toFormat("H 'h' mm") : dt.toFormat('HH:mm');
}

/** « mardi 3 juin 2025 » / "Tuesday 3 June 2025", for a local date `YYYY-MM-DD` or an ISO instant. */
export const longDate = rememberRecent((dateOrInstant: string, zone: string, locale: Locale): string => {
  const dt = /^\d{4}-\d{2}-\d{2}$/.test(dateOrInstant)
    ? DateTime.fromISO(dateOrInstant, { zone }).setLocale(locale)
    : inZone(dateOrInstant, zone, locale);
  if (!dt.isValid) throw new Error(`not a date: ${dateOrInstant}`);
  return dayText(dt, locale);
}, zoneKey);

/** « mardi 3 juin 2025 à 10 h 00 » / "Tuesday 3 June 2025 at 10:00". */
export const longDateTime = rememberRecent((instant: string, zone: string, locale: Locale): string => {
  const dt = inZone(instant, zone, locale);
  return `${dayText(dt, locale)} ${locale === 'fr' ? 'à' : 'at'} ${timeText(dt, locale)}`;
}, zoneKey);

/** « 10 h 00 » / "10:00". */
export function localTime(instant: string, zone: string, locale: Locale): string {
  return timeText(inZone(instant, zone, locale), locale);
}

/** Whether two instants fall on the same local day in `zone`. */
export function sameLocalDay(a: string, b: string, zone: string): boolean {
  return inZone(a, zone, 'en').toISODate() === inZone(b, zone, 'en').toISODate();
}

/**
 * A time span: « mardi 3 juin 2025 de 10 h 00 à 11 h 30 », or both ends in full when it spans
 * several days.
 */
export function longSpan(start: string, end: string | undefined, zone: string, locale: Locale): string {
  if (!end) return longDateTime(start, zone, locale);
  if (sameLocalDay(start, end, zone)) {
    const day = longDate(start, zone, locale);
    const from = localTime(start, zone, locale);
    const to = localTime(end, zone, locale);
    return locale === 'fr' ? `${day} de ${from} à ${to}` : `${day} from ${from} to ${to}`;
  }
  const [a, b] = [longDateTime(start, zone, locale), longDateTime(end, zone, locale)];
  return locale === 'fr' ? `du ${a} au ${b}` : `from ${a} to ${b}`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

const DURATION_UNITS: Record<Locale, Record<string, [string, string]>> = {
  fr: { Y: ['an', 'ans'], M: ['mois', 'mois'], W: ['semaine', 'semaines'], D: ['jour', 'jours'] },
  en: { Y: ['year', 'years'], M: ['month', 'months'], W: ['week', 'weeks'], D: ['day', 'days'] },
};

/** A date duration in words: `P3M` → « 3 mois » / "3 months", `P1Y6M` → « 1 an et 6 mois ». */
export function durationWords(iso: string, locale: Locale): string {
  const parts = [
    ...iso
      .replace(/^P/, '')
      .replace(/T.*$/, '')
      .matchAll(/(\d+)([YMWD])/g),
  ].map(([, n, unit]) => {
    const [one, many] = DURATION_UNITS[locale][unit!]!;
    return `${n} ${Number(n) === 1 ? one : many}`;
  });
  if (parts.length === 0) return iso;
  const joiner = locale === 'fr' ? ' et ' : ' and ';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')}${joiner}${parts.at(-1)!}`;
}
