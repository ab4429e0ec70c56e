/**
 * The web application as tests run it: the development OpenID provider (dev/oidc-provider.ts,
 * a real oidc-provider) and the web application listening on free ports of 127.0.0.1, wired to
 * each other as `npm start` wires them. Temporal is optional: pass a client getter, or pages
 * that need it fail with a 500.
 *
 *   const stack = await startWebStack({ temporal: async () => env.client });
 *   const session = await signInOverHttp(stack, 'camille.martin@example.org'); // web-session.ts
 *   await stack.app.inject({ url: '/', cookies: session.cookies });
 *   await stack.close();
 *
 * @module
 */
import { freePort } from './free-port';
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { DEV_ADMIN_EMAIL, type DevAccount } from '../../dev/oidc-accounts';
import { startDevOidcProvider, type DevOidcProvider } from '../../dev/oidc-provider';
import { buildWebApp } from '../../web/app';
import { loadWebConfig, type WebConfig } from '../../web/config';
import type { WebDeps } from '../../web/deps';

export interface WebStackOptions {
  /** The Temporal client the pages use; without it, a page that needs Temporal fails. */
  temporal?: () => Promise<Client>;
  /** The application's clock (real time unless told). */
  now?: () => Date;
  /** Sign-in attempts per minute and address (the application's default unless told). */
  signInRateLimit?: number;
  /** Extra or overriding environment variables for web/config.ts. */
  env?: NodeJS.ProcessEnv;
  /** The provider's accounts (the example agreements' people and the administrator unless told). */
  accounts?: DevAccount[];
  /** Where the application's request log goes; no log unless told. */
  logStream?: NodeJS.WritableStream;
}

export interface WebStack {
  app: FastifyInstance;
  config: WebConfig;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  provider: DevOidcProvider;
  /** An account by e-mail address (throws if the provider has none). */
  account(email: string): DevAccount;
  close(): Promise<void>;
}

export { freePort };

export const TEST_CLIENT = { clientId: 'pacte-web-test', clientSecret: randomBytes(16).toString('hex') };

export async function startWebStack(options: WebStackOptions = {}): Promise<WebStack> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const provider = await startDevOidcProvider({
    port: 0,
    clients: [{ ...TEST_CLIENT, baseUrl }],
    ...(options.accounts ? { accounts: options.accounts } : {}),
  });
  try {
    const config = loadWebConfig({
      NODE_ENV: 'test',
      PACTE_WEB_PORT: String(port),
      PACTE_WEB_BASE_URL: baseUrl,
      PACTE_WEB_SESSION_KEY: randomBytes(32).toString('hex'),
      PACTE_OIDC_ISSUER: provider.issuer,
      PACTE_OIDC_CLIENT_ID: TEST_CLIENT.clientId,
      PACTE_OIDC_CLIENT_SECRET: TEST_CLIENT.clientSecret,
      PACTE_WEB_ADMINS: DEV_ADMIN_EMAIL,
      ...options.env,
    });
    const deps: WebDeps = {
      config,
      temporal: options.temporal ?? (() => Promise.reject(new Error('no Temporal in this web test stack'))),
      now: options.now ?? (() => new Date()),
      ...(options.signInRateLimit !== undefined ? { signInRateLimit: options.signInRateLimit } : {}),
    };
    const app = await buildWebApp(deps, options.logStream ? { logStream: options.logStream } : { logger: false });
    await app.listen({ port, host: '127.0.0.1' });
    return {
      app,
      config,
      baseUrl,
      provider,
      account: (email) => {
        const found = provider.accounts.find((a) => a.email === email.toLowerCase());
        if (!found) throw new Error(`the development provider has no account ${email}`);
        return found;
      },
      close: async () => {
        await app.close();
        await provider.close();
      },
    };
  } catch (e) {
    await provider.close();
    throw e;
  }
}
