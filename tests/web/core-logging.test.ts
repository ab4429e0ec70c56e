/**
 * The request log carries what operations need (method, path, status) and no personal data: no
 * name, no e-mail address, no cookie, no client address, no query string (the sign-in
 * callback's carries the authorization code), through a whole sign-in, a refused POST and an
 * error page.
 *
 * @module
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInOverHttp } from '../support/web-session';
import { startWebStack, type WebStack } from '../support/web-stack';

const lines: string[] = [];
let stack: WebStack;

beforeAll(async () => {
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  stack = await startWebStack({ logStream });
});

afterAll(async () => {
  await stack?.close();
});

it('logs requests without personal data, cookies or query strings', async () => {
  const session = await signInOverHttp(stack, 'chloe.delcroix@example.org');
  await stack.app.inject({ url: '/', headers: session.headers });
  await stack.app.inject({ method: 'POST', url: '/deconnexion', headers: session.headers });
  await stack.app.inject({ url: '/nulle-part?email=chloe.delcroix@example.org' });

  const entries = lines.map((line) => JSON.parse(line) as Record<string, any>);
  const paths = entries.filter((e) => e.req).map((e) => `${e.req.method} ${e.req.path}`);
  // What happened is there…
  expect(paths).toEqual(
    expect.arrayContaining([
      'GET /connexion',
      'GET /connexion/retour',
      'GET /',
      'POST /deconnexion',
      'GET /nulle-part',
    ]),
  );
  expect(entries.filter((e) => e.res).map((e) => e.res.statusCode)).toEqual(
    expect.arrayContaining([303, 200, 403, 404]),
  );
  expect(entries.some((e) => e.msg === 'signed in')).toBe(true);
  // …and nothing about the person, the session or the callback's code.
  // (The server's own address, in « Server listening at … », is not a client's.)
  const text = lines.filter((line) => !line.includes('Server listening at')).join('\n');
  expect(text).not.toMatch(/chloe|delcroix|Chloé/i);
  expect(text).not.toContain(stack.account('chloe.delcroix@example.org').sub);
  expect(text).not.toMatch(/pacte_session|cookie|code=|state=|127\.0\.0\.1|remoteAddress/);
});
