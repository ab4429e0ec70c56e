/**
 * The « Déjà fait ? » block under an item that offers action links: one button per action in
 * the HTML part, one line with the plain URL per action in the text part; then, for an item
 * with a reminder thread, « Pas le temps maintenant ? Me le rappeler dans 3 jours »; « Ce rappel
 * ne me concerne plus » comes last, as a quieter button: it records nothing done, it asks the
 * referents. Opening a link only shows a confirmation page; the words say so, so nobody fears a
 * wrong click.
 *
 * @module
 */
import type { ActionLinkAction } from '../../contracts/action-link';
import type { Locale } from '../../domain/agreement';
import type { ActionLink } from '../../web/action-links/message-links';
import { escapeHtml } from './format';

// French usage, as typography.ts applies it to the rest of the e-mail: a no-break space before
// « : », a narrow one before « ? ; ».
const NBSP = '\u00a0';
const NNBSP = '\u202f';

const WORDS: Record<Locale, { intro: string; later: string; note: string; actions: Record<ActionLinkAction, string> }> =
  {
    fr: {
      intro: `Déjà fait${NNBSP}? Signalez-le en un clic${NBSP}:`,
      later: `Pas le temps maintenant${NNBSP}?`,
      note: `Le lien ouvre une page de confirmation${NNBSP}; rien n’est enregistré avant que vous confirmiez.`,
      actions: {
        'census-answered': 'J’ai envoyé la réponse au recensement',
        'sheet-sent': 'J’envoie la fiche projet',
        'meeting-held': 'La réunion a eu lieu',
        'tracking-table-updated': 'Le tableau de suivi est à jour',
        'indicators-sent': 'J’ai transmis les indicateurs',
        snooze: 'Me le rappeler dans 3 jours',
        'not-concerned': 'Ce rappel ne me concerne plus',
      },
    },
    en: {
      intro: 'Already done? Record it in one click:',
      later: 'No time now?',
      note: 'The link opens a confirmation page; nothing is recorded until you confirm.',
      actions: {
        'census-answered': 'I sent the census answer',
        'sheet-sent': 'I am sending the project sheet',
        'meeting-held': 'The meeting took place',
        'tracking-table-updated': 'The tracking table is up to date',
        'indicators-sent': 'I sent the indicators',
        snooze: 'Remind me in 3 days',
        'not-concerned': 'This reminder no longer concerns me',
      },
    },
  };

function wordsFor(locale: Locale) {
  return WORDS[locale] ?? WORDS.fr;
}

/** The item's own actions (« Déjà fait ? »), the snooze, then « ce rappel ne me concerne plus », last. */
function split(links: readonly ActionLink[]): { done: ActionLink[]; later: ActionLink[]; declined: ActionLink[] } {
  return {
    done: links.filter((l) => l.action !== 'snooze' && l.action !== 'not-concerned'),
    later: links.filter((l) => l.action === 'snooze'),
    declined: links.filter((l) => l.action === 'not-concerned'),
  };
}

/** Text lines (none without links). */
export function actionLinksText(links: readonly ActionLink[], locale: Locale): string[] {
  if (links.length === 0) return [];
  const w = wordsFor(locale);
  const colon = `${locale === 'fr' ? NBSP : ''}: `;
  const line = (l: ActionLink) => `  - ${w.actions[l.action]}${colon}${l.url}`;
  const { done, later, declined } = split(links);
  return [
    ...(done.length ? ['', w.intro, ...done.map(line)] : []),
    ...(later.length ? ['', w.later, ...later.map(line)] : []),
    ...(declined.length ? ['', ...declined.map(line)] : []),
    w.note,
  ];
}

/** The HTML block (empty without links): buttons as links styled inline, as mail clients need. */
export function actionLinksHtml(links: readonly ActionLink[], locale: Locale): string {
  if (links.length === 0) return '';
  const w = wordsFor(locale);
  const e = escapeHtml;
  const button =
    'display:inline-block;margin:0 8px 8px 0;padding:8px 14px;background:#00703c;color:#ffffff;text-decoration:none;border-radius:0;font-weight:bold';
  // GOV.UK's secondary button, grey: for the links that ask rather than record.
  const secondary = `${button};background:#f3f2f1;color:#0b0c0c;border:1px solid #b1b4b6`;
  const buttons = (list: ActionLink[], style: string) =>
    `<p>${list.map((l) => `<a href="${e(l.url)}" style="${style}">${e(w.actions[l.action])}</a>`).join(' ')}</p>`;
  const { done, later, declined } = split(links);
  return [
    ...(done.length ? [`<p><strong>${e(w.intro)}</strong></p>`, buttons(done, button)] : []),
    ...(later.length ? [`<p><strong>${e(w.later)}</strong></p>`, buttons(later, secondary)] : []),
    ...(declined.length ? [buttons(declined, `${secondary};font-weight:normal`)] : []),
    `<p style="font-size:12px;color:#555">${e(w.note)}</p>`,
  ].join('\n');
}
