/**
 * The development OpenID provider (dev/oidc-provider.ts) behaves as ProConnect does for Pacte:
 * its accounts are the example agreements' people and an administrator, PKCE is required, the
 * scopes and claims are ProConnect's, the userinfo answer is a signed JWT with `email`,
 * `given_name` and `usual_name`, and RP-initiated logout is offered.
 *
 * @module
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ADMIN_EMAIL } from '../../dev/oidc-accounts';
import { loadAgreement } from '../../dev/examples';
import { signInUntilCallback } from '../support/web-session';
import { startWebStack, TEST_CLIENT, type WebStack } from '../support/web-stack';

let stack: WebStack;
let metadata: Record<string, unknown>;

beforeAll(async () => {
  stack = await startWebStack();
  metadata = (await (await fetch(`${stack.provider.issuer}/.well-known/openid-configuration`)).json()) as Record<
    string,
    unknown
  >;
});

afterAll(async () => {
  await stack?.close();
});

/** Every e-mail address of the example agreements and the demonstration, read independently. */
async function examplePeople(): Promise<Set<string>> {
  const emails = new Set<string>();
  for (const dir of ['../../examples/agreements/', '../../examples/demo/']) {
    const path = fileURLToPath(new URL(dir, import.meta.url));
    for (const file of (await readdir(path)).filter((f) => f.endsWith('.yaml'))) {
      for (const person of (await loadAgreement(join(path, file))).people) emails.add(person.email.toLowerCase());
    }
  }
  return emails;
}

describe('the development OpenID provider', () => {
  it('has an account for every person of the examples and the demonstration, and an administrator', async () => {
    const people = await examplePeople();
    expect(people.size).toBeGreaterThan(20);
    const accounts = stack.provider.accounts;
    expect(new Set(accounts.filter((a) => !a.admin).map((a) => a.email))).toEqual(people);
    expect(accounts.filter((a) => a.admin).map((a) => a.email)).toEqual([DEV_ADMIN_EMAIL]);
    expect(new Set(accounts.map((a) => a.sub)).size, 'one subject per account').toBe(accounts.length);
    const chloe = stack.account('chloe.delcroix@example.org');
    expect([chloe.givenName, chloe.usualName]).toEqual(['Chloé', 'Delcroix']);
    expect(chloe.memberships).toEqual([
      { agreement: 'cot-seine-et-marne-2010', roles: ['referent', 'committee', 'pilot'] },
    ]);
  });

  it('announces ProConnect’s scopes and claims, PKCE S256, signed userinfo and logout', () => {
    expect(metadata.issuer).toBe(stack.provider.issuer);
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(['openid', 'email', 'given_name', 'usual_name']));
    expect(metadata.claims_supported).toEqual(expect.arrayContaining(['sub', 'email', 'given_name', 'usual_name']));
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.userinfo_signing_alg_values_supported).toContain('RS256');
    expect(metadata.acr_values_supported).toEqual(['eidas1']);
    expect(metadata.end_session_endpoint).toBe(`${stack.provider.issuer}/session/end`);
  });

  it('refuses an authorization request without PKCE', async () => {
    const url = new URL(String(metadata.authorization_endpoint));
    url.search = new URLSearchParams({
      client_id: TEST_CLIENT.clientId,
      response_type: 'code',
      scope: 'openid email',
      redirect_uri: `${stack.baseUrl}/connexion/retour`,
      state: 's',
      nonce: 'n',
    }).toString();
    const res = await fetch(url, { redirect: 'manual' });
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('answers userinfo with a signed JWT carrying email, given_name and usual_name', async () => {
    const { jar, callbackUrl } = await signInUntilCallback(stack, 'camille.martin@example.org');
    // The PKCE verifier the application keeps in its (encrypted) session.
    const session = stack.app.decodeSecureSession(decodeURIComponent(jar.cookies(stack.baseUrl).pacte_session!))!;
    const pending = session.get('signIn')!;
    const token = (await (
      await fetch(String(metadata.token_endpoint), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: new URL(callbackUrl).searchParams.get('code')!,
          redirect_uri: `${stack.baseUrl}/connexion/retour`,
          code_verifier: pending.codeVerifier,
          client_id: TEST_CLIENT.clientId,
          client_secret: TEST_CLIENT.clientSecret,
        }),
      })
    ).json()) as { access_token: string; id_token: string };
    const userinfo = await fetch(String(metadata.userinfo_endpoint), {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(userinfo.headers.get('content-type')).toMatch(/^application\/jwt/);
    const keys = createRemoteJWKSet(new URL(String(metadata.jwks_uri)));
    const { payload, protectedHeader } = await jwtVerify(await userinfo.text(), keys, {
      issuer: stack.provider.issuer,
      audience: TEST_CLIENT.clientId,
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      sub: stack.account('camille.martin@example.org').sub,
      email: 'camille.martin@example.org',
      given_name: 'Camille',
      usual_name: 'Martin',
    });
  });
});
