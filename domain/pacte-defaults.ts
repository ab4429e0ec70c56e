/**
 * The values an agreement takes from Pacte's defaults although no source agreement gives them
 * (issue 14 item 1): the days and hours of meetings, the reminders' delays, the census dates, a
 * maximum term where the text sets none. They stay defaults, because agreements already running
 * were parsed with them (an amendment is parsed again inside the workflow, and recorded histories
 * must replay); `pacte plan` and `pacte preview` list them so that the partners write their own.
 * Defaults a source gives (art. 12's three years, art. 9's group of 15…) are not listed.
 *
 * Pure: the file as written in, field paths and values out.
 *
 * @module
 */
import { CENSUS_DEFAULT, EVENT_FALLBACK, KIND_DEFAULTS, MEETING_FALLBACK } from './agreement-defaults';
import { AgreementFileSchema } from './agreement-schema';

export interface PacteDefault {
  /** The field's path in the file, e.g. `meetings.annual-review.rrule`. */
  path: string;
  /** The value Pacte put there, as it would be written (lists joined by `, `). */
  value: string;
}

/** Meeting fields whose default no source gives (a kind's meeting or the general fallback). */
const MEETING_FIELDS = ['rrule', 'time', 'duration', 'remindBefore', 'indicatorsDueBefore'] as const;
/** Census fields whose default no source gives: art. 9 sets neither dates nor delays. */
const CENSUS_FIELDS = [
  'opensOn',
  'closesOn',
  'remindBefore',
  'projectSheetDueAfter',
  'projectSheetRemindBefore',
  'escalateAfter',
] as const;
/** Kinds whose maximum term the text does not give (convention cadre: art. 12; COT: art. 6). */
const UNSOURCED_MAX_DURATION = new Set(['plan-action', 'schema-cooperation']);

function shown(value: unknown): string {
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** Every value taken from Pacte's defaults that no source gives; empty for an invalid file. */
export function pacteDefaultsUsed(data: unknown): PacteDefault[] {
  const parsed = AgreementFileSchema.safeParse(data);
  if (!parsed.success) return [];
  const file = parsed.data;
  const kind = KIND_DEFAULTS[file.kind];
  const out: PacteDefault[] = [];

  if (file.term.maxDuration === undefined && UNSOURCED_MAX_DURATION.has(file.kind))
    out.push({ path: 'term.maxDuration', value: kind.maxDuration });

  const fileMeetings = file.meetings ?? {};
  for (const key of new Set([...Object.keys(kind.meetings), ...Object.keys(fileMeetings)])) {
    const written = fileMeetings[key];
    if (written === false) continue;
    const base: Record<string, unknown> = { ...MEETING_FALLBACK, ...kind.meetings[key] };
    for (const field of MEETING_FIELDS) {
      if (written?.[field] !== undefined || base[field] === undefined) continue;
      out.push({ path: `meetings.${key}.${field}`, value: shown(base[field]) });
    }
  }

  if (file.census !== false && (file.census !== undefined || kind.census !== undefined)) {
    const census: Record<string, unknown> = { ...CENSUS_DEFAULT, ...kind.census };
    for (const field of CENSUS_FIELDS) {
      if (file.census?.[field] !== undefined || census[field] === undefined) continue;
      out.push({ path: `census.${field}`, value: shown(census[field]) });
    }
  }

  (file.events ?? []).forEach((event, i) => {
    if (event.remindBefore === undefined)
      out.push({ path: `events[${i}].remindBefore`, value: shown(EVENT_FALLBACK.remindBefore) });
  });
  return out;
}
