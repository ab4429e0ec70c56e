/**
 * Where each reminder comes from in the agreement and what the agreement asks: the article to
 * cite (« Prévu par l'article 9 de la convention ») and the words the e-mail must carry (the
 * indicators to provide, what a meeting prepares, the notice period and its form, the purpose of
 * the renewal meeting). The lifecycle attaches them to each composed item, so that an agreement
 * started before these fields existed keeps rendering with the template's generic words.
 *
 * Pure.
 *
 * @module
 */
import type { Agreement } from './agreement';

/** What an item of this purpose about an entry of this type gets from its agreement. */
export interface Obligation {
  /** The article to cite; undefined: none (the agreement gives none for this obligation). */
  article?: string;
  indicators?: string[];
  prepare?: string[];
  noticePeriod?: string;
  noticeForm?: string;
  renewalAgenda?: string;
}

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * `entryArticle` is what the planned entry already carries (a meeting's, an event's or the
 * census's own `article`): kept for the purposes it belongs to.
 */
export function obligationOf(
  agreement: Agreement,
  purpose: string,
  entryType: string,
  entryArticle?: string,
): Obligation {
  const meeting = agreement.meetings[entryType];
  const articles = agreement.articles ?? {};
  switch (purpose) {
    case 'meeting':
    case 'meeting-update':
    case 'meeting-cancel':
    case 'meeting-followup':
    case 'tracking-table-late':
    case 'tracking-table':
      return defined({ article: entryArticle ?? meeting?.article, prepare: meeting?.prepare });
    case 'indicators':
      // The indicators have their own article (art. 8), never the meeting's (art. 7).
      return defined({ article: meeting?.indicatorsArticle, indicators: meeting?.indicators });
    case 'census-open':
    case 'census-launch':
    case 'census-deadline':
    case 'census-retained':
    case 'project-sheet':
    case 'project-sheet-escalation':
    case 'project-sheet-below-minimum':
      return defined({ article: entryArticle ?? agreement.census?.article });
    case 'renewal-window':
    case 'renewal-followup':
      return defined({ article: articles.renewal, renewalAgenda: agreement.term.renewalAgenda });
    case 'notice':
      return defined({
        article: articles.notice,
        noticePeriod: agreement.term.noticePeriod,
        noticeForm: agreement.term.noticeForm,
      });
    case 'dispute':
      return defined({ article: articles.dispute });
    default:
      return defined({ article: entryArticle });
  }
}
