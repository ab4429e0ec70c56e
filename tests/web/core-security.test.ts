/**
 * The web application's defences, through Fastify's `inject` and plain HTTP against the real
 * development OpenID provider (no browser needed): security headers and cookie flags, CSRF on
 * POST, a tampered session cookie, open redirects, the sign-in rate limit, the provider's answer
 * checked (state, nonce), French error pages without internals.
 *
 * @module
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { buildWebApp } from '../../web/app';
import { loadWebConfig } from '../../web/config';
import { csrfTokenOf, send, signInOverHttp, signInUntilCallback, type HttpSession } from '../support/web-session';
import { freePort, startWebStack, type WebStack } from '../support/web-stack';

const CAMILLE = 'camille.martin@example.org';
const RATE_LIMIT = 4;

let stack: WebStack;
let camille: HttpSession;

beforeAll(async () => {
  // Many sign-ins from one address here: the rate limit has its own application below.
  stack = await startWebStack({ signInRateLimit: 1000 });
  camille = await signInOverHttp(stack, CAMILLE);
});

afterAll(async () => {
  await stack?.close();
});

/** A fresh rate-limit bucket per test: each test comes from its own client address. */
let nextAddress = 10;
const fromNewAddress = () => `10.0.0.${nextAddress++}`;

describe('headers and cookies', () => {
  it('sends a strict CSP and the other security headers', async () => {
    const res = await stack.app.inject({ url: '/accessibilite' });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
    );
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('style-src')).toBe("'self'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('form-action')).toBe(`'self' ${stack.provider.issuer}`);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['strict-transport-security'], 'no HSTS over plain http').toBeUndefined();
    expect(res.headers['cache-control'], 'pages are never cached').toBe('no-store');
    // The page itself has no inline script or style for the CSP to block.
    expect(res.body).not.toMatch(/<script|<style| style=/);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, Path=/ (not Secure over http)', async () => {
    const res = await stack.app.inject({ url: '/accessibilite' });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^pacte_session=/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Secure/);
  });

  it('under an https base URL: Secure cookies and HSTS', async () => {
    const config = loadWebConfig({
      NODE_ENV: 'test',
      PACTE_WEB_BASE_URL: 'https://pacte.example.org',
      PACTE_WEB_SESSION_KEY: randomBytes(32).toString('base64'),
      PACTE_OIDC_ISSUER: stack.provider.issuer,
      PACTE_OIDC_CLIENT_ID: 'unused',
      PACTE_OIDC_CLIENT_SECRET: 'unused',
    });
    const app = await buildWebApp(
      { config, temporal: () => Promise.reject(new Error('unused')), now: () => new Date() },
      { logger: false },
    );
    try {
      const res = await app.inject({ url: '/accessibilite' });
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
      expect(String(res.headers['strict-transport-security'])).toMatch(/max-age=31536000/);
      expect(String(res.headers['content-security-policy'])).toMatch(/upgrade-insecure-requests/);
    } finally {
      await app.close();
    }
  });
});

describe('sessions', () => {
  it('a signed-in session sees the home page; a tampered cookie is treated as signed out', async () => {
    const ok = await stack.app.inject({ url: '/', headers: camille.headers });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Bonjour, Camille Martin');

    const value = /pacte_session=([^;]+)/.exec(camille.headers.cookie)![1]!;
    const decoded = decodeURIComponent(value);
    // One character of the ciphertext changed: authentication fails, the session is ignored.
    const flipped = `${decoded[0] === 'A' ? 'B' : 'A'}${decoded.slice(1)}`;
    const tampered = await stack.app.inject({
      url: '/',
      headers: { cookie: `pacte_session=${encodeURIComponent(flipped)}` },
    });
    expect(tampered.statusCode).toBe(303);
    expect(tampered.headers.location).toBe('/connexion');
    const garbage = await stack.app.inject({ url: '/', headers: { cookie: 'pacte_session=not-a-session' } });
    expect(garbage.statusCode).toBe(303);
  });

  it('a forged POST without the CSRF token is refused with 403 and changes nothing', async () => {
    // Sign-out is the POST the core has: without a token it must not sign out.
    const forged = await stack.app.inject({ method: 'POST', url: '/deconnexion', headers: camille.headers });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('Accès refusé');
    expect(forged.headers['content-type']).toMatch(/^text\/html/);
    const wrongToken = await stack.app.inject({
      method: 'POST',
      url: '/deconnexion',
      headers: { ...camille.headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '_csrf=forged-token',
    });
    expect(wrongToken.statusCode).toBe(403);
    // Still signed in.
    const home = await stack.app.inject({ url: '/', headers: camille.headers });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Bonjour, Camille Martin');
  });

  it('a POST with the page’s CSRF token signs out, at the provider too', async () => {
    const session = await signInOverHttp(stack, CAMILLE);
    const page = await send(session.jar, `${stack.baseUrl}/`);
    const token = csrfTokenOf(await page.text());
    const out = await send(session.jar, `${stack.baseUrl}/deconnexion`, { form: { _csrf: token } });
    expect(out.status).toBe(303);
    const endSession = new URL(out.headers.get('location')!);
    expect(endSession.origin).toBe(stack.provider.issuer);
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${stack.baseUrl}/deconnexion/terminee`);
    expect(endSession.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    const after = await send(session.jar, `${stack.baseUrl}/`);
    expect(after.status).toBe(303);
  });

  it('reads the CSRF token of a multipart form too, and refuses a file over 1 MB with 413', async () => {
    const session = await signInOverHttp(stack, CAMILLE);
    const token = csrfTokenOf(await (await send(session.jar, `${stack.baseUrl}/`)).text());
    const multipart = async (file: Buffer) => {
      const form = new FormData();
      form.append('_csrf', token);
      form.append('fichier', new Blob([file], { type: 'application/yaml' }), 'convention.yaml');
      const url = `${stack.baseUrl}/deconnexion`;
      const response = await fetch(url, {
        method: 'POST',
        body: form,
        headers: { cookie: session.jar.header(stack.baseUrl) }, // with the CSRF secret the page set
        redirect: 'manual',
      });
      session.jar.store(url, response);
      return response;
    };
    const tooLarge = await multipart(Buffer.alloc(1024 * 1024 + 1, 'a'));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.text()).toContain('Fichier trop volumineux');
    expect((await send(session.jar, `${stack.baseUrl}/`)).status, 'still signed in').toBe(200);
    const accepted = await multipart(Buffer.from('id: exemple\n'));
    expect(accepted.status).toBe(303);
    expect((await send(session.jar, `${stack.baseUrl}/`)).status, 'signed out').toBe(303);
  });

  it('the session holds the identity and the ID token, nothing of the sign-in in progress', async () => {
    const cookie = decodeURIComponent(/pacte_session=([^;]+)/.exec(camille.headers.cookie)![1]!);
    const session = stack.app.decodeSecureSession(cookie);
    expect(session).not.toBeNull();
    const data = session!.data() as unknown as Record<string, unknown>;
    expect(
      Object.keys(data)
        .filter((k) => k !== '_csrf')
        .sort(),
    ).toEqual(['idToken', 'identity']);
    expect(data.identity).toEqual({ sub: stack.account(CAMILLE).sub, email: CAMILLE, name: 'Camille Martin' });
    expect(data).not.toHaveProperty('signIn');
  });
});

describe('sign-in', () => {
  it('never redirects off-site after signing in', async () => {
    for (const retour of [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      '/%5Cevil.example',
      'javascript:alert(1)',
      ' /\t/evil.example',
    ]) {
      const { jar, callbackUrl } = await signInUntilCallback(
        stack,
        CAMILLE,
        `/connexion?retour=${encodeURIComponent(retour)}`,
      );
      const done = await send(jar, callbackUrl);
      expect(done.status, retour).toBe(303);
      const location = done.headers.get('location')!;
      expect(new URL(location, stack.baseUrl).origin, retour).toBe(stack.baseUrl);
    }
    // A local path is kept, query included.
    const { jar, callbackUrl } = await signInUntilCallback(
      stack,
      CAMILLE,
      '/connexion?retour=%2Faccessibilite%3Fa%3D1',
    );
    expect((await send(jar, callbackUrl)).headers.get('location')).toBe('/accessibilite?a=1');
  });

  it('a signed-out visit remembers the page to come back to (a relative path)', async () => {
    const res = await stack.app.inject({ url: '/accessibilite?x=1' });
    expect(res.statusCode).toBe(200); // open page
    const home = await stack.app.inject({ url: '/?vue=semaine' });
    expect(home.headers.location).toBe('/connexion?retour=%2F%3Fvue%3Dsemaine');
  });

  it('refuses an answer whose state does not match the session', async () => {
    const { jar, callbackUrl } = await signInUntilCallback(stack, CAMILLE);
    const forged = new URL(callbackUrl);
    forged.searchParams.set('state', 'not-the-state');
    const res = await send(jar, forged.href);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Connexion impossible');
    expect((await send(jar, `${stack.baseUrl}/`)).status, 'not signed in').toBe(303);
  });

  it('refuses an ID token whose nonce is not the session’s', async () => {
    const { jar, callbackUrl } = await signInUntilCallback(stack, CAMILLE);
    // Re-seal the session with another nonce (same state and PKCE verifier): only the ID
    // token's nonce check can refuse the answer.
    const cookie = decodeURIComponent(jar.cookies(stack.baseUrl).pacte_session!);
    const session = stack.app.decodeSecureSession(cookie)!;
    const pending = session.get('signIn')!;
    session.set('signIn', { ...pending, nonce: 'another-nonce' });
    const resealed = `pacte_session=${encodeURIComponent(stack.app.encodeSecureSession(session))}`;
    const res = await fetch(callbackUrl, { headers: { cookie: resealed }, redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Connexion impossible');
    // The untouched session would have been accepted: the nonce alone made the difference.
    const { jar: jar2, callbackUrl: callback2 } = await signInUntilCallback(stack, CAMILLE);
    expect((await send(jar2, callback2)).status).toBe(303);
  });

  it('a callback without a sign-in in progress says so', async () => {
    const res = await stack.app.inject({ url: '/connexion/retour?code=x&state=y', remoteAddress: fromNewAddress() });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Connexion expirée');
  });

  it(`answers 429 after ${RATE_LIMIT} sign-in attempts a minute from one address`, async () => {
    const app = await buildWebApp(
      {
        config: stack.config,
        temporal: () => Promise.reject(new Error('unused')),
        now: () => new Date(),
        signInRateLimit: RATE_LIMIT,
      },
      { logger: false },
    );
    try {
      const remoteAddress = fromNewAddress();
      const codes: number[] = [];
      for (let i = 0; i <= RATE_LIMIT; i++) {
        codes.push((await app.inject({ url: '/connexion', remoteAddress })).statusCode);
      }
      expect(codes).toEqual([...Array<number>(RATE_LIMIT).fill(303), 429]);
      const limited = await app.inject({ url: '/connexion', remoteAddress });
      expect(limited.statusCode).toBe(429);
      expect(limited.body).toContain('Trop de tentatives');
      expect(limited.headers['retry-after']).toBeDefined();
      // The callback has its own limit, the same.
      const callbacks: number[] = [];
      for (let i = 0; i <= RATE_LIMIT; i++) {
        callbacks.push((await app.inject({ url: '/connexion/retour?code=x&state=y', remoteAddress })).statusCode);
      }
      expect(callbacks).toEqual([...Array<number>(RATE_LIMIT).fill(400), 429]);
      // Another address is not affected.
      expect((await app.inject({ url: '/connexion', remoteAddress: fromNewAddress() })).statusCode).toBe(303);
    } finally {
      await app.close();
    }
  });
});

describe('error pages', () => {
  it('404 in French, in the layout', async () => {
    const res = await stack.app.inject({ url: '/nulle-part' });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('<html lang="fr"');
    expect(res.body).toContain('Page introuvable');
  });

  it('503 in French when the OpenID provider does not answer', async () => {
    const closed = await freePort(); // nothing listens there
    const config = loadWebConfig({
      NODE_ENV: 'test',
      PACTE_OIDC_ISSUER: `http://127.0.0.1:${closed}`,
      PACTE_OIDC_CLIENT_ID: 'unused',
      PACTE_OIDC_CLIENT_SECRET: 'unused',
    });
    const app = await buildWebApp(
      { config, temporal: () => Promise.reject(new Error('unused')), now: () => new Date() },
      { logger: false },
    );
    try {
      const res = await app.inject({ url: '/connexion' });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('Service momentanément indisponible');
      // The application itself keeps answering.
      expect((await app.inject({ url: '/accessibilite' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('500 in French, without the stack trace nor the message', async () => {
    const config = loadWebConfig({
      NODE_ENV: 'test',
      PACTE_OIDC_ISSUER: stack.provider.issuer,
      PACTE_OIDC_CLIENT_ID: 'unused',
      PACTE_OIDC_CLIENT_SECRET: 'unused',
    });
    const app = await buildWebApp(
      { config, temporal: () => Promise.reject(new Error('unused')), now: () => new Date() },
      { logger: false },
    );
    app.get('/panne', async () => {
      throw new Error('secret internal detail at /srv/pacte');
    });
    try {
      const res = await app.inject({ url: '/panne' });
      expect(res.statusCode).toBe(500);
      expect(res.body).toContain('Erreur du service');
      expect(res.body).not.toMatch(/secret internal detail|\/srv\/pacte|at .*\.ts:\d+/);
    } finally {
      await app.close();
    }
  });
});
