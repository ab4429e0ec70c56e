/**
 * A real OpenID Connect provider for development and tests (oidc-provider), behaving as
 * ProConnect does for Pacte: scopes `openid email given_name usual_name` (plus `uid`), claims
 * in a userinfo answer signed as a JWT, authorization code with PKCE (S256) required,
 * `acr_values` accepted (`eidas1`), RP-initiated logout with `id_token_hint`, `state` and
 * `post_logout_redirect_uri`, client authentication `client_secret_post`.
 *
 * Its sign-in page is a development page: it lists the example agreements' people (by name and
 * role) and the administrator; choosing one signs in as that person, without a password. Its
 * signing keys are generated at each start (ephemeral): nothing to keep.
 *
 *   startDevOidcProvider({ port, clients, accounts }) → { issuer, close }
 *   npx tsx dev/oidc-provider.ts   (CLI: port PACTE_DEV_OIDC_PORT, default 3001; client
 *   `pacte-web-dev` / `pacte-web-dev-secret` for http://localhost:3000)
 *
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { Provider, type KoaContextWithOIDC } from 'oidc-provider';
import { describeAccount, loadDevAccounts, type DevAccount } from './oidc-accounts';
import { memoryStore } from './oidc-memory-store';

export interface DevOidcClient {
  clientId: string;
  clientSecret: string;
  /** The web application's base URL: its callback and post-logout pages are registered. */
  baseUrl: string;
}

export interface DevOidcProviderOptions {
  /** 0 for any free port. */
  port: number;
  clients: DevOidcClient[];
  /** The example agreements' people and the administrator unless told. */
  accounts?: DevAccount[];
  /** The host in the issuer URL (what browsers open): 127.0.0.1 unless told. */
  host?: string;
}

export interface DevOidcProvider {
  issuer: string;
  accounts: DevAccount[];
  close(): Promise<void>;
}

export const DEV_OIDC_CLIENT: Omit<DevOidcClient, 'baseUrl'> = {
  clientId: 'pacte-web-dev',
  clientSecret: 'pacte-web-dev-secret',
};

const SCOPES = ['openid', 'email', 'given_name', 'usual_name', 'uid'];

export async function startDevOidcProvider(options: DevOidcProviderOptions): Promise<DevOidcProvider> {
  const accounts = options.accounts ?? (await loadDevAccounts());
  const bySub = new Map(accounts.map((account) => [account.sub, account]));
  const host = options.host ?? '127.0.0.1';

  // Listen first: the issuer URL carries the port, which may be chosen by the system.
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host}:${port}`;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = {
    ...(await exportJWK(privateKey)),
    kid: `dev-${randomBytes(4).toString('hex')}`,
    alg: 'RS256',
    use: 'sig',
  };

  const provider = new Provider(issuer, {
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      client_name: 'Pacte (développement)',
      redirect_uris: [`${client.baseUrl}/connexion/retour`],
      post_logout_redirect_uris: [`${client.baseUrl}/deconnexion/terminee`],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'RS256',
      // As ProConnect: the userinfo answer is a signed JWT.
      userinfo_signed_response_alg: 'RS256',
    })),
    adapter: memoryStore(),
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: {
      openid: ['sub'],
      email: ['email'],
      given_name: ['given_name'],
      usual_name: ['usual_name'],
      uid: ['uid'],
    },
    scopes: SCOPES,
    acrValues: ['eidas1'],
    // Short lives, as a real provider's (and set, so that oidc-provider does not warn).
    ttl: {
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
      AccessToken: 600,
      IdToken: 3600,
      AuthorizationCode: 60,
    },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = bySub.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: account.email,
          given_name: account.givenName,
          usual_name: account.usualName,
          uid: sub,
        }),
      };
    },
    // Consent is implied (a first-party application): each sign-in grants the requested scopes.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session, params } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(String(params?.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
    renderError: (ctx: KoaContextWithOIDC, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = devPage(
        'Erreur du fournisseur de développement',
        Object.entries(out)
          .map(([key, value]) => `<p><strong>${escape(key)}</strong>&nbsp;: ${escape(String(value))}</p>`)
          .join(''),
      );
    },
  });

  const callback = provider.callback();
  handler = (req, res) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    const match = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(path);
    if (!match) return callback(req, res);
    interaction(provider, accounts, req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Interaction impossible\u00a0: ${e instanceof Error ? e.message : String(e)}\n`);
    });
  };

  return {
    issuer,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The sign-in page (GET) and the choice of a person (POST). */
async function interaction(
  provider: Provider,
  accounts: DevAccount[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (req.method === 'POST') {
    const form = new URLSearchParams(await readBody(req));
    const account = accounts.find((a) => a.sub === form.get('account'));
    if (!account) throw new Error('compte inconnu');
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.sub } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  const buttons = accounts
    .map(
      (a) =>
        `<li><button type="submit" name="account" value="${a.sub}">${escape(`${a.givenName} ${a.usualName}`)}</button> <span>${escape(describeAccount(a))}</span></li>`,
    )
    .join('\n');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(
    devPage(
      'Se connecter (fournisseur d’identité de développement)',
      `<p>Ce fournisseur ne sert qu’au développement et aux tests\u00a0: il remplace ProConnect et connecte, sans mot de passe, la personne choisie.</p>
<form method="post" action="/interaction/${details.uid}">
<ul>
${buttons}
</ul>
</form>`,
    ),
  );
}

async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  ctx.body = devPage(
    'Se déconnecter du fournisseur de développement',
    `${form}<p><button autofocus type="submit" form="op.logoutForm" name="logout" value="yes">Se déconnecter</button></p>`,
  );
}

async function postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> {
  ctx.body = devPage('Déconnecté', '<p>Vous êtes déconnecté du fournisseur de développement.</p>');
}

function devPage(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title></head>
<body>
<main>
<p><strong>Fournisseur d’identité de développement – pas ProConnect</strong></p>
<h1>${escape(title)}</h1>
${body}
</main>
</body>
</html>`;
}

function escape(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 10_000) req.destroy(new Error('body too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PACTE_DEV_OIDC_PORT || 3001);
  const baseUrl = process.env.PACTE_WEB_BASE_URL || 'http://localhost:3000';
  startDevOidcProvider({ port, clients: [{ ...DEV_OIDC_CLIENT, baseUrl }], host: process.env.PACTE_DEV_OIDC_HOST })
    .then((dev) => {
      console.log(`[pacte oidc] development provider at ${dev.issuer} (${dev.accounts.length} accounts)`);
      console.log(
        `  PACTE_OIDC_ISSUER=${dev.issuer} PACTE_OIDC_CLIENT_ID=${DEV_OIDC_CLIENT.clientId} PACTE_OIDC_CLIENT_SECRET=${DEV_OIDC_CLIENT.clientSecret}`,
      );
    })
    .catch((err: unknown) => {
      console.error(`[pacte oidc] ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    });
}
