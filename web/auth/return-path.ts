/**
 * Where to go back after signing in: only a path of this site, never an absolute URL (no open
 * redirect). Anything else falls back to the home page.
 *
 * @module
 */

const HOME = '/';

/**
 * `value` if it is a local path (`/…`, not `//host` nor `/\host`, no scheme, no control
 * characters), else `/`. Browsers read `\` as `/` and drop tabs and new lines in URLs: both
 * could turn a path into another host.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return HOME;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return HOME;
  if (!value.startsWith('/') || value.startsWith('//')) return HOME;
  // Resolved against a placeholder origin, a local path stays on it.
  const resolved = new URL(value, 'http://pacte.invalid');
  if (resolved.origin !== 'http://pacte.invalid') return HOME;
  return `${resolved.pathname}${resolved.search}`;
}
