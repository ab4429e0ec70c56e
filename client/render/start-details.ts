/**
 * What `pacte start` attaches to a lifecycle for the Temporal Web UI: a one-line summary (the
 * title, at most 200 bytes) and fixed details in markdown (at most 20 KB) that an administrator
 * reads before the history: parties, term, meetings, census.
 *
 * No e-mail addresses and no people's names: the details are stored in clear on the server,
 * outside any payload codec, and outlive the agreement. People are counted, not listed.
 *
 * @module
 */
import { DEFAULT_WORKDAYS, type Agreement } from '../../domain/agreement';

export const SUMMARY_MAX_BYTES = 200;
export const DETAILS_MAX_BYTES = 20 * 1024;

/** Cuts `text` to at most `max` UTF-8 bytes, on a character boundary, with an ellipsis if cut. */
export function truncateUtf8(text: string, max: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= max) return text;
  let out = '';
  let bytes = 0;
  const budget = max - encoder.encode('…').length;
  for (const ch of text) {
    const size = encoder.encode(ch).length;
    if (bytes + size > budget) break;
    out += ch;
    bytes += size;
  }
  return `${out}…`;
}

export function startSummary(agreement: Agreement): string {
  // The summary is single-line markdown: newlines would break the UI's list.
  return truncateUtf8(agreement.title.replace(/\s+/g, ' ').trim(), SUMMARY_MAX_BYTES);
}

export function startDetails(agreement: Agreement): string {
  const { term } = agreement;
  const lines = [
    `**${agreement.title}** · \`${agreement.id}\` · ${agreement.kind}`,
    '',
    `**Durée** : signée le ${term.signedOn}, du ${term.startsOn} au ${term.endsOn} · préavis ${term.noticePeriod ?? 'aucun'}` +
      (term.renewalMeetingWithin
        ? ` · rencontre de renouvellement dans les ${term.renewalMeetingWithin} avant l'échéance`
        : ''),
    `**Fuseau** : ${agreement.timezone} · langue ${agreement.locale} · jours fériés ${agreement.holidays} · jours ouvrés ${(agreement.workdays ?? DEFAULT_WORKDAYS).join(' ')}`,
    '',
    '**Parties**',
    ...agreement.parties.map((p) => `- ${p.name} (\`${p.id}\`)`),
    '',
    `**Personnes** : ${agreement.people.length}`,
  ];
  const meetings = Object.entries(agreement.meetings);
  if (meetings.length > 0) {
    lines.push('', '**Réunions**');
    for (const [type, m] of meetings) {
      const where = m.place ? ` · ${m.place}` : '';
      const article = m.article ? ` (${m.article})` : '';
      lines.push(`- ${m.title ?? type}${article} · \`${type}\` · ${m.rrule} à ${m.time}, ${m.duration}${where}`);
    }
  }
  if (agreement.census) {
    const c = agreement.census;
    const article = c.article ? ` (${c.article})` : '';
    lines.push(
      '',
      `**Recensement${article}** : du ${c.opensOn} au ${c.closesOn} chaque année · fiche projet ${c.projectSheetDueAfter} après notification · relance après ${c.escalateAfter} · minimum ${c.minParticipants} participants`,
    );
  }
  if (agreement.events.length > 0) {
    lines.push('', `**Événements** : ${agreement.events.length}`);
    for (const e of agreement.events.slice(0, 50))
      lines.push(`- ${e.title} · ${e.date ?? (e.start ? `${e.start} → ${e.end}` : (e.window ?? ''))}`);
  }
  return truncateUtf8(lines.join('\n'), DETAILS_MAX_BYTES);
}
