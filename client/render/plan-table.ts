/**
 * The readable `pacte plan` output: one block per calendar entry, in the agreement's language,
 * with long local dates, what moved and why, and who is reminded, by name.
 *
 * @module
 */
import type { PacteDefault } from '../../domain/pacte-defaults';
import { pacteDefaultsLines } from './pacte-defaults-text';
import type { Agreement, Locale } from '../../domain/agreement';
import type { Calendar, CalendarEntry } from '../../domain/calendar-types';
import { windowPhrase } from '../../domain/event-window';
import { curlyApostrophes } from '../../activities/render/typography';
import { longDate, longDateRange, longDateTime, localTime } from './french-dates';

const FR = {
  term: 'du {from} au {to}',
  entries: 'échéances',
  none: 'Aucune échéance à venir.',
  undated: 'date à fixer',
  moved: 'déplacé du {date}',
  place: 'lieu',
  attendees: 'concerne',
  reminders: 'rappels',
  noReminder: 'aucun rappel',
  from: 'à partir du {date}',
  startsAt: 'début à {time}',
  kind: 'type',
};
type Words = typeof FR;
const WORDS: Record<Locale, Words> = {
  fr: FR,
  en: {
    term: 'from {from} to {to}',
    entries: 'entries',
    none: 'Nothing ahead.',
    undated: 'date to be fixed',
    moved: 'moved from {date}',
    place: 'place',
    attendees: 'concerns',
    reminders: 'reminders',
    noReminder: 'no reminder',
    from: 'from {date}',
    startsAt: 'starts at {time}',
    kind: 'type',
  },
};

/** Reminders that ask something else than attending: say what. */
const PURPOSES: Record<Locale, Partial<Record<string, string>>> = {
  fr: {
    indicators: 'indicateurs à fournir (art. 8)',
    'event-undated': 'fixer une date',
    'renewal-followup': 'relance',
    'tracking-table': 'tableau de suivi de leur axe',
  },
  en: {
    indicators: 'indicators to provide (art. 8)',
    'event-undated': 'fix a date',
    'renewal-followup': 'follow-up',
    'tracking-table': 'their axis’s tracking table',
  },
};

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
}

export interface PlanTableOptions {
  /** Shown in the header when the plan starts later than the term. */
  from?: string;
  /** Values the file left to Pacte's defaults that no source gives: listed under the header. */
  pacteDefaults?: readonly PacteDefault[];
}

/** Renders the calendar of `agreement` as text lines (ends with a newline). */
export function renderPlanTable(agreement: Agreement, calendar: Calendar, options: PlanTableOptions = {}): string {
  const locale = agreement.locale;
  const w = WORDS[locale];
  const zone = calendar.timezone;
  const names = new Map(agreement.people.map((p) => [p.id, p.name]));
  const who = (ids: readonly string[]) => ids.map((id) => names.get(id) ?? id).join(', ');

  const lines: string[] = [];
  lines.push(`${agreement.title} (${agreement.id})`);
  const term = fill(w.term, {
    from: longDate(agreement.term.startsOn, locale),
    to: longDate(calendar.effectiveEnd, locale),
  });
  const header = [agreement.kind, zone, term];
  if (options.from) header.push(fill(w.from, { date: longDate(options.from, locale) }));
  header.push(`${calendar.entries.length} ${w.entries}`);
  lines.push(header.join(' · '));
  lines.push('');
  lines.push(...pacteDefaultsLines(options.pacteDefaults ?? [], locale));
  if (calendar.entries.length === 0) lines.push(w.none);

  for (const entry of calendar.entries) {
    lines.push(...renderEntry(entry, locale, zone, w, who));
    lines.push('');
  }
  // What the file wrote (titles, places, names) with the one apostrophe the e-mails use.
  return curlyApostrophes(lines.join('\n'));
}

function renderEntry(
  entry: CalendarEntry,
  locale: Locale,
  zone: string,
  w: Words,
  who: (ids: readonly string[]) => string,
): string[] {
  const when = entryWhen(entry, locale, zone);
  const article = entry.article ? ` (${entry.article})` : '';
  const out = [`● ${when} — ${entry.title}${article}  [${entry.type}]`];
  if (entry.movedFrom) {
    const because = entry.movedBecause ? ` (${entry.movedBecause})` : '';
    out.push(`    ${fill(w.moved, { date: longDate(entry.movedFrom, locale) })}${because}`);
  }
  if (entry.place) out.push(`    ${w.place} : ${entry.place}`.replace(' :', locale === 'fr' ? ' :' : ':'));
  if (entry.attendees.length > 0)
    out.push(`    ${w.attendees}${locale === 'fr' ? ' : ' : ': '}${who(entry.attendees)}`);
  if (entry.reminders.length === 0) {
    out.push(`    ${w.noReminder}`);
  } else {
    out.push(`    ${w.reminders}${locale === 'fr' ? ' :' : ':'}`);
    for (const r of entry.reminders) {
      const purpose = purposeText(r.purpose, locale);
      out.push(`      ${longDateTime(r.at, zone, locale)} → ${who(r.to)}${purpose ? ` — ${purpose}` : ''}`);
    }
  }
  return out;
}

/** What a reminder asks besides attending, in words (none for a plain meeting reminder). */
export function purposeText(purpose: string, locale: Locale): string | undefined {
  return PURPOSES[locale][purpose];
}

/**
 * When an entry happens, claiming no more than is known: a time only when there is one, both
 * days of a multi-day event, the window of an undated one. Shared with the web's plan list.
 */
export function entryWhen(entry: CalendarEntry, locale: Locale, zone: string): string {
  const w = WORDS[locale];
  if (entry.undated) return entry.window ? `${windowPhrase(entry.window, locale)} (${w.undated})` : w.undated;
  if (entry.end !== undefined) {
    const days = longDateRange(entry.date, entry.end, locale);
    return entry.allDay ? days : `${days} (${fill(w.startsAt, { time: localTime(entry.at, zone, locale) })})`;
  }
  if (entry.allDay) return longDate(entry.date, locale);
  return longDateTime(entry.at, zone, locale);
}
