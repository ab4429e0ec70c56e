/**
 * The « Déjà fait ? » block under an item that offers action links: one button per action in
 * the HTML part, one line with the plain URL per action in the text part. Opening a link only
 * shows a confirmation page; the words say so, so nobody fears a wrong click. « Ce rappel ne me
 * concerne plus » comes last, as a quieter button: it records nothing done, it asks the referents.
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

const WORDS: Record<Locale, { intro: string; note: string; actions: Record<ActionLinkAction, string> }> = {
  fr: {
    intro: `Déjà fait${NNBSP}? Signalez-le en un clic${NBSP}:`,
    note: `Le lien ouvre une page de confirmation${NNBSP}; rien n’est enregistré avant que vous confirmiez.`,
    actions: {
      'census-answered': 'J’ai envoyé la réponse au recensement',
      'sheet-sent': 'J’envoie la fiche projet',
      'meeting-held': 'La réunion a eu lieu',
      'tracking-table-updated': 'Le tableau de suivi est à jour',
      'indicators-sent': 'J’ai transmis les indicateurs',
      'not-concerned': 'Ce rappel ne me concerne plus',
    },
  },
  en: {
    intro: 'Already done? Record it in one click:',
    note: 'The link opens a confirmation page; nothing is recorded until you confirm.',
    actions: {
      'census-answered': 'I sent the census answer',
      'sheet-sent': 'I am sending the project sheet',
      'meeting-held': 'The meeting took place',
      'tracking-table-updated': 'The tracking table is up to date',
      'indicators-sent': 'I sent the indicators',
      'not-concerned': 'This reminder no longer concerns me',
    },
  },
};

function wordsFor(locale: Locale) {
  return WORDS[locale] ?? WORDS.fr;
}

/** The actions that record something done, then « ce rappel ne me concerne plus », last. */
function ordered(links: readonly ActionLink[]): { done: ActionLink[]; declined: ActionLink[] } {
  return {
    done: links.filter((l) => l.action !== 'not-concerned'),
    declined: links.filter((l) => l.action === 'not-concerned'),
  };
}

/** Text lines (none without links). */
export function actionLinksText(links: readonly ActionLink[], locale: Locale): string[] {
  if (links.length === 0) return [];
  const w = wordsFor(locale);
  const { done, declined } = ordered(links);
  const line = (l: ActionLink) => `  - ${w.actions[l.action]}${locale === 'fr' ? NBSP : ''}: ${l.url}`;
  return ['', ...(done.length > 0 ? [w.intro, ...done.map(line)] : []), ...declined.map(line), w.note];
}

/** The HTML block (empty without links): buttons as links styled inline, as mail clients need. */
export function actionLinksHtml(links: readonly ActionLink[], locale: Locale): string {
  if (links.length === 0) return '';
  const w = wordsFor(locale);
  const e = escapeHtml;
  const button =
    'display:inline-block;margin:0 8px 8px 0;padding:8px 14px;background:#00703c;color:#ffffff;text-decoration:none;border-radius:0;font-weight:bold';
  // GOV.UK's secondary button: grey, for the link that asks rather than records.
  const secondary = `${button};background:#f3f2f1;color:#0b0c0c;font-weight:normal`;
  const { done, declined } = ordered(links);
  const anchor = (l: ActionLink, style: string) =>
    `<a href="${e(l.url)}" style="${style}">${e(w.actions[l.action])}</a>`;
  return [
    ...(done.length > 0
      ? [`<p><strong>${e(w.intro)}</strong></p>`, `<p>${done.map((l) => anchor(l, button)).join(' ')}</p>`]
      : []),
    ...(declined.length > 0 ? [`<p>${declined.map((l) => anchor(l, secondary)).join(' ')}</p>`] : []),
    `<p style="font-size:12px;color:#555">${e(w.note)}</p>`,
  ].join('\n');
}
