/**
 * The web application's configuration: environment only (docs/configuration.md), validated
 * with zod; an invalid or missing variable stops the process with a message naming it (never
 * its value: some are secrets).
 *
 * Where Temporal is and how payloads are encrypted are not read here: the web application
 * connects exactly as the `pacte` command does (client/connection.ts, codec/keys.ts).
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { LinkKeysError, loadLinkKeys, type LinkKeys } from './action-links/keys';

/** Development and tests may run without a session key (an ephemeral one); production may not. */
const DEVELOPMENT_ENVS = new Set(['development', 'test']);
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export class WebConfigError extends Error {
  override readonly name = 'WebConfigError';
}

export interface WebConfig {
  port: number;
  /** The interface to listen on: 127.0.0.1 unless told (0.0.0.0 in a container). */
  host: string;
  /** The public address, without a trailing slash: redirects and cookies are built from it. */
  baseUrl: string;
  /** `https:` base URL: `Secure` cookies and HSTS. */
  secure: boolean;
  /** 32 bytes that sign and encrypt the session cookie. */
  sessionKey: Buffer;
  /** True when no key was given in development: sessions end when the process stops. */
  sessionKeyEphemeral: boolean;
  oidc: {
    issuer: string;
    clientId: string;
    clientSecret: string;
    /** Space-separated; ProConnect's by default. */
    scopes: string;
    /** `acr_values` sent to the provider (ProConnect: e.g. `eidas1`); none when empty. */
    acrValues: string | undefined;
  };
  /** Lower-cased e-mail addresses of the administrators. */
  admins: ReadonlySet<string>;
  /** The Temporal Web UI, for links shown to administrators. */
  temporalUiUrl: string | undefined;
  /** Behind a reverse proxy: trust its `X-Forwarded-*` headers (client address for rate limits). */
  trustProxy: boolean;
  /** pino's level for the request log. */
  logLevel: string;
  /** Keys that check action links (`PACTE_LINK_KEYS`); none: every link is refused. */
  linkKeys: LinkKeys | undefined;
}

/** The scopes ProConnect documents for an agent's identity (its « identité pivot »). */
export const DEFAULT_OIDC_SCOPES = 'openid email given_name usual_name';

const url = (what: string) =>
  z
    .url({ protocol: /^https?$/, error: `must be an http(s) URL (${what})` })
    .transform((value) => value.replace(/\/+$/, ''));

const required = (what: string) =>
  z
    .string({ error: `required (${what})` })
    .trim()
    .min(1, `required (${what})`);

/** 32 bytes, hex (64 digits) or base64. */
const SessionKey = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const bytes = /^[0-9a-fA-F]{64}$/.test(value)
      ? Buffer.from(value, 'hex')
      : /^[A-Za-z0-9+/]+={0,2}$/.test(value)
        ? Buffer.from(value, 'base64')
        : undefined;
    if (bytes?.length !== 32) {
      ctx.addIssue({ code: 'custom', message: 'must be 32 bytes, hex (64 digits) or base64 (openssl rand -hex 32)' });
      return z.NEVER;
    }
    return bytes;
  });

const Admins = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.email({ error: 'not an e-mail address (a comma-separated list is expected)' })));

const Flag = z
  .enum(['0', '1', 'true', 'false', ''], { error: 'must be 0 or 1' })
  .default('0')
  .transform((value) => value === '1' || value === 'true');

const EnvSchema = z.object({
  PACTE_WEB_PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int({ error: 'must be a port number' })
    .min(0, 'must be a port number')
    .max(65535, 'must be a port number')
    .default(3000),
  PACTE_WEB_HOST: z.string().trim().min(1).default('127.0.0.1'),
  PACTE_WEB_BASE_URL: url('the address users open').default('http://localhost:3000'),
  PACTE_WEB_SESSION_KEY: SessionKey.optional(),
  // Kept as written: discovery compares it with the provider's `issuer` exactly.
  PACTE_OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'required, an http(s) URL (the OpenID provider)' }),
  PACTE_OIDC_CLIENT_ID: required('the client id registered at the provider'),
  PACTE_OIDC_CLIENT_SECRET: required('the client secret registered at the provider'),
  PACTE_OIDC_SCOPES: z.string().trim().default(DEFAULT_OIDC_SCOPES),
  PACTE_OIDC_ACR_VALUES: z.string().trim().optional(),
  PACTE_WEB_ADMINS: Admins,
  PACTE_TEMPORAL_UI_URL: url('the Temporal Web UI').optional(),
  PACTE_WEB_TRUST_PROXY: Flag,
  PACTE_WEB_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
});

/** Reads and checks the environment; throws a {@link WebConfigError} naming every bad variable. */
export function loadWebConfig(env: NodeJS.ProcessEnv = process.env): WebConfig {
  // An empty variable counts as unset (compose files often pass `VAR:` empty).
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const [name = 'environment', entry] = issue.path;
      return `${String(name)}${typeof entry === 'number' ? ` (entry ${entry + 1})` : ''}: ${issue.message}`;
    });
    throw new WebConfigError(`web configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  if (!e.PACTE_OIDC_SCOPES.split(/\s+/).includes('openid')) {
    throw new WebConfigError('web configuration:\n  PACTE_OIDC_SCOPES: must include openid');
  }
  // Plain HTTP to the provider only on this machine (the development provider): elsewhere the
  // tokens and the client secret would cross the network in clear.
  const issuerHost = new URL(e.PACTE_OIDC_ISSUER).hostname;
  if (e.PACTE_OIDC_ISSUER.startsWith('http:') && !LOOPBACK.has(issuerHost)) {
    throw new WebConfigError(
      'web configuration:\n  PACTE_OIDC_ISSUER: must be an https URL (http only for a provider on this machine)',
    );
  }
  const development = DEVELOPMENT_ENVS.has(env.NODE_ENV ?? '');
  if (!e.PACTE_WEB_SESSION_KEY && !development) {
    throw new WebConfigError(
      'web configuration:\n  PACTE_WEB_SESSION_KEY: required (32 bytes, hex or base64: openssl rand -hex 32); only NODE_ENV=development or test runs without one',
    );
  }
  let linkKeys: LinkKeys | undefined;
  try {
    linkKeys = loadLinkKeys(env);
  } catch (error) {
    if (error instanceof LinkKeysError) throw new WebConfigError(`web configuration:\n  ${error.message}`);
    throw error;
  }
  return {
    port: e.PACTE_WEB_PORT,
    host: e.PACTE_WEB_HOST,
    baseUrl: e.PACTE_WEB_BASE_URL,
    secure: e.PACTE_WEB_BASE_URL.startsWith('https:'),
    sessionKey: e.PACTE_WEB_SESSION_KEY ?? randomBytes(32),
    sessionKeyEphemeral: !e.PACTE_WEB_SESSION_KEY,
    oidc: {
      issuer: e.PACTE_OIDC_ISSUER,
      clientId: e.PACTE_OIDC_CLIENT_ID,
      clientSecret: e.PACTE_OIDC_CLIENT_SECRET,
      scopes: e.PACTE_OIDC_SCOPES,
      acrValues: e.PACTE_OIDC_ACR_VALUES || undefined,
    },
    admins: new Set(e.PACTE_WEB_ADMINS),
    temporalUiUrl: e.PACTE_TEMPORAL_UI_URL,
    trustProxy: e.PACTE_WEB_TRUST_PROXY,
    logLevel: e.PACTE_WEB_LOG_LEVEL,
    linkKeys,
  };
}
