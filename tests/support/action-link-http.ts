/**
 * Opening an action link as a browser without JavaScript would: GET the confirmation page
 * (keeping the anonymous session cookie that holds the CSRF secret), then POST its form.
 */
export interface OpenedLink {
  status: number;
  html: string;
  /** The `Cookie` header to send back. */
  cookie: string;
  /** The form's `_csrf`, when the page has a form. */
  csrf: string | undefined;
}

function cookieOf(response: Response, previous = ''): string {
  const set = response.headers.getSetCookie().map((line) => line.split(';')[0]!);
  return set.length ? set.join('; ') : previous;
}

export async function openLink(url: string, cookie = ''): Promise<OpenedLink> {
  const response = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  const html = await response.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  return { status: response.status, html, cookie: cookieOf(response, cookie), csrf };
}

export async function postLink(
  url: string,
  session: { cookie: string; csrf: string | undefined },
  fields: Record<string, string> = {},
): Promise<{ status: number; html: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...(session.csrf ? { _csrf: session.csrf } : {}), ...fields }).toString(),
    redirect: 'manual',
  });
  return { status: response.status, html: await response.text() };
}

/** The page's `<main>` text without tags, for comparing pages whatever their CSRF token. */
export function mainText(html: string): string {
  const main = /<main[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? html;
  return main
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/\s+/g, ' ')
    .trim();
}
