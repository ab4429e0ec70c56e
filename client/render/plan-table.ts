/**
 * The readable `pacte plan` output: one block per calendar entry, in the agreement's language,
 * with long local dates, what moved and why, and who is reminded, by name.
 *
 * @module
 */
import type { Agreement, EventSpec, Locale } from '../../domain/agreement';
import type { Calendar, CalendarEntry } from '../../domain/calendar-types';
import { longDate, longDateTime } from './french-dates';

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
    kind: 'type',
  },
};

/** Reminders that ask something else than attending: say what. */
const PURPOSES: Record<Locale, Partial<Record<string, string>>> = {
  fr: {
    indicators: 'indicateurs à fournir (art. 8)',
    'event-undated': 'fixer une date',
    'renewal-followup': 'relance',
  },
  en: {
    indicators: 'indicators to provide (art. 8)',
    'event-undated': 'fix a date',
    'renewal-followup': 'follow-up',
  },
};

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
}

export interface PlanTableOptions {
  /** Shown in the header when the plan starts later than the term. */
  from?: string;
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
  if (calendar.entries.length === 0) lines.push(w.none);

  const events = new Map(agreement.events.map((e) => [e.id, e]));
  for (const entry of calendar.entries) {
    const spec = entry.type === 'event' ? events.get(entry.id) : undefined;
    lines.push(...renderEntry(entry, locale, zone, w, who, spec));
    lines.push('');
  }
  return lines.join('\n');
}

function renderEntry(
  entry: CalendarEntry,
  locale: Locale,
  zone: string,
  w: Words,
  who: (ids: readonly string[]) => string,
  spec: EventSpec | undefined,
): string[] {
  let when = longDateTime(entry.at, zone, locale);
  if (entry.undated)
    when = `${w.undated} (${spec?.window ? windowLabel(spec.window, locale) : longDate(entry.date, locale)})`;
  else if (spec?.start !== undefined && spec.end !== undefined) {
    when = fill(w.term, { from: longDate(spec.start, locale), to: longDate(spec.end, locale) });
  }
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
      const purpose = PURPOSES[locale][r.purpose];
      out.push(`      ${longDateTime(r.at, zone, locale)} → ${who(r.to)}${purpose ? ` — ${purpose}` : ''}`);
    }
  }
  return out;
}

/** `2024-H2` → « second semestre 2024 », `2025-Q1` → « 1er trimestre 2025 ». */
export function windowLabel(window: string, locale: Locale): string {
  const m = /^(\d{4})-([HQ])([1-4])$/.exec(window);
  if (!m) return window;
  const [, year, unit, n] = m;
  if (locale === 'en') return `${unit === 'H' ? 'H' : 'Q'}${n} ${year}`;
  if (unit === 'H') return `${n === '1' ? 'premier' : 'second'} semestre ${year}`;
  return `${n === '1' ? '1er' : `${n}e`} trimestre ${year}`;
}
