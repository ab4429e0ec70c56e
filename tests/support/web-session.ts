/**
 * Signing in through the real development provider without a browser: follows the redirects
 * of `/connexion` with `fetch`, keeping each side's cookies, picks the account on the
 * provider's page, and returns the web application's session cookie. For `inject` tests that
 * need a signed-in person (and their CSRF token: see {@link csrfTokenOf}).
 *
 * @module
 */
import type { WebStack } from './web-stack';

export interface HttpSession {
  /**
   * The `Cookie` header with the application's cookies (`pacte_session`), for
   * `app.inject({ headers })` and `fetch`. (Not inject's `cookies` option: it would encode the
   * already encoded value a second time.)
   */
  headers: { cookie: string };
  /** The jar the sign-in used (the provider's cookies too), to go on with `send`/`follow`. */
  jar: CookieJar;
}

/** A minimal cookie jar per origin: enough for the provider's and the application's cookies. */
export class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  store(url: string, response: Response): void {
    const origin = new URL(url).origin;
    const jar = this.byOrigin.get(origin) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = /max-age=0\b|expires=Thu, 01 Jan 1970/i.test(line) || value === '';
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
    this.byOrigin.set(origin, jar);
  }

  header(url: string): string {
    const jar = this.byOrigin.get(new URL(url).origin);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }

  cookies(url: string): Record<string, string> {
    return Object.fromEntries(this.byOrigin.get(new URL(url).origin) ?? []);
  }
}

/** GET or POST `url` with the jar's cookies, without following redirects. */
export async function send(
  jar: CookieJar,
  url: string,
  init: { method?: string; form?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { cookie: jar.header(url) };
  let body: string | undefined;
  if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  const response = await fetch(url, {
    method: init.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
    redirect: 'manual',
  });
  jar.store(url, response);
  return response;
}

/** Follows redirects from `url` until `stop(url)` says so or a page answers; returns the last URL and answer. */
export async function follow(
  jar: CookieJar,
  url: string,
  stop: (url: string) => boolean = () => false,
  init: { method?: string; form?: Record<string, string> } = {},
): Promise<{ url: string; response: Response }> {
  let current = url;
  let response = await send(jar, current, init);
  for (let hops = 0; hops < 20; hops++) {
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
    current = new URL(location, current).href;
    if (stop(current)) return { url: current, response };
    response = await send(jar, current);
  }
  throw new Error(`too many redirects from ${url}`);
}

/**
 * Runs the sign-in up to the provider's answer, without delivering it: returns the callback
 * URL (with `code` and `state`) and the jar holding the application's pending sign-in.
 */
export async function signInUntilCallback(
  stack: WebStack,
  email: string,
  start = '/connexion',
  jar = new CookieJar(),
): Promise<{ jar: CookieJar; callbackUrl: string }> {
  const account = stack.account(email);
  const atProvider = await follow(jar, `${stack.baseUrl}${start}`);
  if (!atProvider.url.startsWith(stack.provider.issuer) || atProvider.response.status !== 200) {
    throw new Error(`expected the provider's sign-in page, got ${atProvider.response.status} at ${atProvider.url}`);
  }
  const page = await atProvider.response.text();
  const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
  if (!action) throw new Error('no form on the provider sign-in page');
  const back = await follow(
    jar,
    new URL(action, atProvider.url).href,
    (url) => url.startsWith(`${stack.baseUrl}/connexion/retour`),
    { form: { account: account.sub } },
  );
  if (!back.url.startsWith(`${stack.baseUrl}/connexion/retour`)) {
    throw new Error(`expected the provider to send back to the application, stopped at ${back.url}`);
  }
  return { jar, callbackUrl: back.url };
}

/** Signs `email` in through the provider; returns the application's session cookies. */
export async function signInOverHttp(stack: WebStack, email: string): Promise<HttpSession> {
  const { jar, callbackUrl } = await signInUntilCallback(stack, email);
  const done = await send(jar, callbackUrl);
  if (done.status !== 303) throw new Error(`sign-in callback answered ${done.status}: ${await done.text()}`);
  return { headers: { cookie: jar.header(stack.baseUrl) }, jar };
}

/** The CSRF token of a page's forms (the hidden `_csrf` field). */
export function csrfTokenOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no _csrf field in the page');
  return token;
}
