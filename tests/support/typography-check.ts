/**
 * French typography breaches in a page's visible text, for the web pages' tests: the rules
 * activities/render/typography.ts applies to e-mails, read as a check. An ordinary space (or none)
 * before « : ; ! ? », inside « », or before a comma; a straight apostrophe. Text only: tags,
 * attributes, scripts and styles are left out, entities decoded.
 *
 * @module
 */

/** Every string in `value` (an agreement), to pass as `verbatim`. */
export function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

/** The text nodes of `html`, entities decoded, one per line. */
export function visibleText(html: string): string {
  return (
    html
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
      .replace(/<!--[\s\S]*?-->/g, '')
      // Block elements end a line; inline ones (a, span, strong…) do not break the text.
      .replace(
        /<\/?(p|div|li|ul|ol|h[1-6]|td|th|tr|dt|dd|option|label|legend|button|title|br|summary|caption|input|textarea|select)\b[^>]*>/gi,
        '\n',
      )
      .replace(/<[^>]*>/g, '')
      .replace(/&nbsp;/g, '\u00a0')
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
      .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
  );
}

const RULES: [RegExp, string][] = [
  [/ [:;!?](?=\s|$)/, 'ordinary space before high punctuation'],
  [/\S[;!?](?=\s|$)/, 'no space before « ; ! ? »'],
  [/[^\s\d]:(?=\s|$)/, 'no space before « : »'],
  [/« |«(?=\S)/, 'ordinary space (or none) after «'],
  [/ »|(?<=\S)»/, 'ordinary space (or none) before »'],
  [/\s,/, 'space before a comma'],
  [/\p{L}'\p{L}/u, 'straight apostrophe'],
];

/**
 * Each breach with the text around it, once; none for a well-set page. `verbatim`: texts shown
 * as people wrote them in an agreement file (a party's name with a straight apostrophe), which
 * the page does not rewrite; they are left out of the check.
 */
export function typographyBreaches(html: string, verbatim: readonly string[] = []): string[] {
  const found = new Set<string>();
  let text = visibleText(html);
  for (const v of [...verbatim].sort((a, b) => b.length - a.length)) text = text.split(v).join('…');
  for (const line of text.split('\n')) {
    for (const [pattern, what] of RULES) {
      const m = pattern.exec(line);
      if (m) found.add(`${what}: ${JSON.stringify(line.slice(Math.max(0, m.index - 30), m.index + 30))}`);
    }
  }
  return [...found];
}
