/**
 * One typographic pass over every string an e-mail shows, including what the agreement file
 * wrote (titles, places): French wants a no-break space before « : » (U+00A0) and a narrow one
 * before « ; ! ? » and inside « » (U+202F), « 10 h 00 » held together, and one apostrophe (’);
 * English gets the same apostrophe and curly quotes. Idempotent: a typeset string is unchanged.
 *
 * @module
 */
import type { Locale } from '../../domain/agreement';
import { rememberRecent } from './recent-results';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

/**
 * The one apostrophe (’) in place of the keyboard's ('): for output that is not an e-mail (the
 * preview index, `pacte plan`, the List-Id) and shows what the file wrote; the file is unchanged.
 */
export function curlyApostrophes(text: string): string {
  return text.replace(/'/g, '’');
}

function french(text: string): string {
  // Each pass only where its character occurs: most sentences of an e-mail need one or two of
  // them, and every pass would otherwise scan the whole sentence (BENCHMARKS.md B5).
  let out = text.includes("'") ? curlyApostrophes(text) : text;
  if (out.includes('"')) out = out.replace(/"([^"]*)"/g, `«${NNBSP}$1${NNBSP}»`);
  // After a word, the high punctuation takes a narrow no-break space, the colon a full one.
  if (/[;!?]/.test(out)) out = out.replace(/(\S)[ \u00A0\u202F]*([;!?])(?=\s|$|»)/g, `$1${NNBSP}$2`);
  if (out.includes(':')) out = out.replace(/(\S)[ \u00A0\u202F]*:(?=\s|$)/g, `$1${NBSP}:`);
  if (out.includes('«')) out = out.replace(/«[ \u00A0\u202F]*/g, `«${NNBSP}`);
  if (out.includes('»')) out = out.replace(/[ \u00A0\u202F]*»/g, `${NNBSP}»`);
  // « 10 h 00 », « 9 h » : the hour stays with its number.
  if (out.includes(' h'))
    out = out.replace(/(\d) h (\d\d)\b/g, `$1${NBSP}h${NBSP}$2`).replace(/(\d) h\b/g, `$1${NBSP}h`);
  return out;
}

function english(text: string): string {
  return curlyApostrophes(text).replace(/"([^"]*)"/g, '“$1”');
}

// Remembered (recent-results.ts): the e-mails of a batch repeat the same sentences. One cache
// per language, keyed by the sentence itself: a key built by concatenation was copied and hashed
// again at every lookup, which cost about as much as the pass it saved.
const frenchOf = rememberRecent(french, (text) => text, 512);
const englishOf = rememberRecent(english, (text) => text, 512);

export function typeset(text: string, locale: Locale): string {
  return locale === 'fr' ? frenchOf(text) : englishOf(text);
}
