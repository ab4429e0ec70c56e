/**
 * Ids the forms make up instead of asking for them (« management-de-proximite » from the title
 * « Management de proximité »): lower case, accents dropped, words joined by dashes, as the
 * agreement files' ids are written (domain/field-checks.ts `ID_PATTERN`), and unique among the
 * ids already `taken` in the agreement (« -2 », « -3 »… when needed).
 *
 * Pure.
 *
 * @module
 */

/** The longest id the agreement files allow. */
const MAX = 63;

/** `text` as an id, at least 3 characters (`prefix-` added when shorter); empty when `text` has no letter or digit. */
export function slugOf(text: string, prefix: string): string {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!words) return '';
  const slug = words.length < 3 ? `${prefix}-${words}` : words;
  return slug.slice(0, MAX).replace(/-+$/, '');
}

/** `slugOf(text)`, or with « -2 », « -3 »… the first one not in `taken`. */
export function uniqueId(text: string, prefix: string, taken: ReadonlySet<string>): string {
  const base = slugOf(text, prefix);
  if (!base || !taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
