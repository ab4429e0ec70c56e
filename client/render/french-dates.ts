/**
 * Long local dates and times as people write them, in the agreement's time zone:
 * « mardi 3 juin 2025 à 10 h 00 », « dimanche 1er juin 2025 »; in English
 * "Tuesday 3 June 2025 at 10:00".
 *
 * @module
 */
import { DateTime } from 'luxon';
import type { Locale } from '../../domain/agreement';

function dayPart(dt: DateTime, locale: Locale): string {
  if (locale === 'en') return dt.toFormat('cccc d LLLL yyyy');
  // French writes the first day of a month as an ordinal: « 1er juin ».
  const day = dt.day === 1 ? '1er' : String(dt.day);
  return `${dt.toFormat('cccc')} ${day} ${dt.toFormat('LLLL yyyy')}`;
}

/** `2025-06-03` → « mardi 3 juin 2025 » (the date is taken as is, no zone shift). */
export function longDate(date: string, locale: Locale = 'fr'): string {
  const dt = DateTime.fromISO(date, { zone: 'utc' }).setLocale(locale);
  if (!dt.isValid) return date;
  return dayPart(dt, locale);
}

/** An ISO instant → « mardi 3 juin 2025 à 10 h 00 » in `zone`. */
export function longDateTime(instant: string, zone: string, locale: Locale = 'fr'): string {
  const dt = DateTime.fromISO(instant, { setZone: true }).setZone(zone).setLocale(locale);
  if (!dt.isValid) return instant;
  return locale === 'en'
    ? `${dayPart(dt, locale)} at ${dt.toFormat('HH:mm')}`
    : `${dayPart(dt, locale)} à ${dt.toFormat("H 'h' mm")}`;
}

/** An ISO instant → « 10 h 00 » / "10:00" in `zone`. */
export function localTime(instant: string, zone: string, locale: Locale = 'fr'): string {
  const dt = DateTime.fromISO(instant, { setZone: true }).setZone(zone);
  return locale === 'en' ? dt.toFormat('HH:mm') : dt.toFormat("H 'h' mm");
}

/**
 * Two days as people write a span, the shared month and year said once: « du lundi 25 au
 * vendredi 29 novembre 2024 », « du lundi 28 octobre au vendredi 1er novembre 2024 »; in English
 * "from Monday 25 to Friday 29 November 2024".
 */
export function longDateRange(start: string, end: string, locale: Locale = 'fr'): string {
  const a = DateTime.fromISO(start, { zone: 'utc' }).setLocale(locale);
  const b = DateTime.fromISO(end, { zone: 'utc' }).setLocale(locale);
  if (!a.isValid || !b.isValid) return `${start} – ${end}`;
  if (start === end) return dayPart(a, locale);
  const day = (dt: DateTime) => (locale === 'fr' && dt.day === 1 ? '1er' : String(dt.day));
  const first =
    a.year !== b.year
      ? dayPart(a, locale)
      : a.month !== b.month
        ? `${a.toFormat('cccc')} ${day(a)} ${a.toFormat('LLLL')}`
        : `${a.toFormat('cccc')} ${day(a)}`;
  const last = dayPart(b, locale);
  return locale === 'fr' ? `du ${first} au ${last}` : `from ${first} to ${last}`;
}
