/**
 * Pure parts of the web core: the environment's validation (every bad variable named, never
 * its value), the return path after sign-in (never off-site), the identity kept from the
 * provider's claims, who is an administrator.
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { identityFromClaims, IdentityError } from '../../web/auth/identity';
import { safeReturnPath } from '../../web/auth/return-path';
import { sessionUser } from '../../web/auth/session';
import { DEFAULT_OIDC_SCOPES, loadWebConfig, WebConfigError } from '../../web/config';

const MINIMAL = {
  PACTE_OIDC_ISSUER: 'https://proconnect.example/api/v2',
  PACTE_OIDC_CLIENT_ID: 'pacte',
  PACTE_OIDC_CLIENT_SECRET: 'secret',
  PACTE_WEB_SESSION_KEY: 'ab'.repeat(32),
};

function configError(env: NodeJS.ProcessEnv): string {
  try {
    loadWebConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(WebConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('loadWebConfig', () => {
  it('applies the defaults', () => {
    const config = loadWebConfig({ ...MINIMAL, NODE_ENV: 'production' });
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.secure).toBe(false);
    expect(config.sessionKey).toEqual(Buffer.alloc(32, 0xab));
    expect(config.oidc).toEqual({
      issuer: 'https://proconnect.example/api/v2',
      clientId: 'pacte',
      clientSecret: 'secret',
      scopes: DEFAULT_OIDC_SCOPES,
      acrValues: undefined,
    });
    expect(config.admins.size).toBe(0);
    expect(config.temporalUiUrl).toBeUndefined();
    expect(DEFAULT_OIDC_SCOPES).toBe('openid email given_name usual_name');
  });

  it('reads every variable', () => {
    const config = loadWebConfig({
      ...MINIMAL,
      PACTE_WEB_PORT: '8443',
      PACTE_WEB_BASE_URL: 'https://pacte.example.org/',
      PACTE_WEB_SESSION_KEY: Buffer.alloc(32, 7).toString('base64'),
      PACTE_OIDC_ACR_VALUES: 'eidas1',
      PACTE_WEB_ADMINS: ' Alice@Example.org , bob@example.org,',
      PACTE_TEMPORAL_UI_URL: 'https://temporal.example.org',
      PACTE_WEB_TRUST_PROXY: '1',
    });
    expect(config.port).toBe(8443);
    expect(config.baseUrl).toBe('https://pacte.example.org');
    expect(config.secure).toBe(true);
    expect(config.sessionKey).toEqual(Buffer.alloc(32, 7));
    expect(config.oidc.acrValues).toBe('eidas1');
    expect([...config.admins]).toEqual(['alice@example.org', 'bob@example.org']);
    expect(config.temporalUiUrl).toBe('https://temporal.example.org');
    expect(config.trustProxy).toBe(true);
  });

  it('names every bad variable, never its value', () => {
    const message = configError({
      PACTE_WEB_PORT: 'http',
      PACTE_WEB_BASE_URL: 'ftp://x',
      PACTE_WEB_SESSION_KEY: 'too-short-secret-value',
      PACTE_OIDC_CLIENT_SECRET: 's3cr3t-value',
      PACTE_WEB_ADMINS: 'not-an-address',
    });
    for (const name of [
      'PACTE_WEB_PORT',
      'PACTE_WEB_BASE_URL',
      'PACTE_WEB_SESSION_KEY',
      'PACTE_OIDC_ISSUER',
      'PACTE_OIDC_CLIENT_ID',
      'PACTE_WEB_ADMINS',
    ]) {
      expect(message, name).toMatch(new RegExp(`^  ${name}( \\(entry \\d+\\))?: `, 'm'));
    }
    expect(message).toContain('PACTE_WEB_ADMINS (entry 1): not an e-mail address');
    expect(message).not.toContain('too-short-secret-value');
    expect(message).not.toContain('s3cr3t-value');
  });

  it('requires a session key outside development and tests, not in them', () => {
    const { PACTE_WEB_SESSION_KEY: _, ...withoutKey } = MINIMAL;
    expect(configError({ ...withoutKey, NODE_ENV: 'production' })).toMatch(/PACTE_WEB_SESSION_KEY: required/);
    expect(configError({ ...withoutKey })).toMatch(/PACTE_WEB_SESSION_KEY: required/);
    const dev = loadWebConfig({ ...withoutKey, NODE_ENV: 'development' });
    expect(dev.sessionKeyEphemeral).toBe(true);
    expect(dev.sessionKey).toHaveLength(32);
    expect(loadWebConfig({ ...withoutKey, NODE_ENV: 'development' }).sessionKey).not.toEqual(dev.sessionKey);
  });

  it('accepts plain http to the provider only on this machine', () => {
    expect(configError({ ...MINIMAL, PACTE_OIDC_ISSUER: 'http://proconnect.example' })).toMatch(
      /PACTE_OIDC_ISSUER: must be an https URL/,
    );
    for (const issuer of ['http://127.0.0.1:3001', 'http://localhost:3001']) {
      expect(loadWebConfig({ ...MINIMAL, PACTE_OIDC_ISSUER: issuer }).oidc.issuer).toBe(issuer);
    }
  });

  it('refuses scopes without openid', () => {
    expect(configError({ ...MINIMAL, PACTE_OIDC_SCOPES: 'email' })).toMatch(/PACTE_OIDC_SCOPES: must include openid/);
  });
});

describe('safeReturnPath', () => {
  it('keeps local paths, with their query', () => {
    expect(safeReturnPath('/')).toBe('/');
    expect(safeReturnPath('/conventions/valserhone-2025?onglet=calendrier')).toBe(
      '/conventions/valserhone-2025?onglet=calendrier',
    );
  });

  it('falls back to / for anything that could leave the site', () => {
    for (const value of [
      'https://evil.example',
      'http:/evil.example',
      '//evil.example',
      '///evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      'javascript:alert(1)',
      'evil.example',
      '',
      undefined,
      ['/a'],
      `/${'a'.repeat(3000)}`,
    ]) {
      expect(safeReturnPath(value), JSON.stringify(value)).toBe('/');
    }
  });
});

describe('identityFromClaims', () => {
  it('takes ProConnect’s claims: given_name + usual_name, e-mail lower-cased, sub from the ID token', () => {
    expect(
      identityFromClaims(
        { sub: 'abc', iss: 'x' },
        { sub: 'abc', email: 'Camille.Martin@Example.org', given_name: 'Camille', usual_name: 'Martin', siret: '1' },
      ),
    ).toEqual({ sub: 'abc', email: 'camille.martin@example.org', name: 'Camille Martin' });
  });

  it('falls back to family_name, then name, then the address', () => {
    expect(identityFromClaims({ sub: 's' }, { email: 'a@b.fr', given_name: 'A', family_name: 'B' }).name).toBe('A B');
    expect(identityFromClaims({ sub: 's' }, { email: 'a@b.fr', name: 'Nom Complet' }).name).toBe('Nom Complet');
    expect(identityFromClaims({ sub: 's' }, { email: 'a@b.fr' }).name).toBe('a@b.fr');
  });

  it('refuses an answer without an e-mail address', () => {
    expect(() => identityFromClaims({ sub: 's' }, { given_name: 'A' })).toThrow(IdentityError);
    expect(() => identityFromClaims({ sub: 's' }, { email: 'not-an-address' })).toThrow(/e-mail/);
  });
});

describe('sessionUser', () => {
  const config = loadWebConfig({ ...MINIMAL, PACTE_WEB_ADMINS: 'admin@example.org' });
  const request = (identity: unknown) => ({ session: { get: () => identity } }) as unknown as FastifyRequest;

  it('is an administrator only when listed in PACTE_WEB_ADMINS', () => {
    expect(sessionUser(request({ sub: '1', email: 'admin@example.org', name: 'A' }), config)).toEqual({
      sub: '1',
      email: 'admin@example.org',
      name: 'A',
      isAdmin: true,
    });
    expect(sessionUser(request({ sub: '2', email: 'camille@example.org', name: 'C' }), config)?.isAdmin).toBe(false);
  });

  it('is null without an identity in the session', () => {
    expect(sessionUser(request(undefined), config)).toBeNull();
    expect(sessionUser(request({ name: 'no sub' }), config)).toBeNull();
  });
});
