/**
 * French typography for text the web shows but did not write itself (an operation's outcome as
 * client/render/operation-outcome.ts words it for `pacte`, with plain spaces): a no-break space
 * before « : », a narrow one before « ; ! ? » and inside « », and one apostrophe (’). The same
 * rules as the e-mails' (activities/render/typography.ts). Idempotent.
 *
 * Pure.
 *
 * @module
 */
const NBSP = '\u00a0';
const NNBSP = '\u202f';

export function frenchSpacing(text: string): string {
  return text
    .replace(/'/g, '’')
    .replace(/(\S)[ \u00a0\u202f]*([;!?])(?=\s|$|»)/g, `$1${NNBSP}$2`)
    .replace(/(\S)[ \u00a0\u202f]*:(?=\s|$)/g, `$1${NBSP}:`)
    .replace(/«[ \u00a0\u202f]*/g, `«${NNBSP}`)
    .replace(/[ \u00a0\u202f]*»/g, `${NNBSP}»`);
}
