/**
 * Signing in and out with the OpenID provider (ProConnect, or the development provider):
 * - `GET /connexion[?retour=/chemin]`: starts a sign-in (state, nonce and PKCE verifier kept in
 *   the session) and sends the browser to the provider;
 * - `GET /connexion/retour`: the provider's answer; checked, then the session holds the person;
 * - `POST /deconnexion` (CSRF-checked like every POST): ends the session here, then at the
 *   provider when it offers RP-initiated logout;
 * - `GET /deconnexion/terminee`: where the provider sends the browser back.
 * The sign-in routes are rate-limited per client address.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { CALLBACK_PATH, SIGNED_OUT_PATH } from '../auth/oidc';
import { safeReturnPath } from '../auth/return-path';
import { SIGN_IN_PATH } from '../auth/session';
import { sendErrorPage } from '../errors';
import type { WebRoutes } from '../deps';

export const DEFAULT_SIGN_IN_RATE_LIMIT = 10;

export const sessionRoutes: WebRoutes = async (app, { deps }) => {
  const rateLimit = { max: deps.signInRateLimit ?? DEFAULT_SIGN_IN_RATE_LIMIT, timeWindow: '1 minute' };

  app.get<{ Querystring: { retour?: string } }>(SIGN_IN_PATH, { config: { rateLimit } }, async (request, reply) => {
    const returnTo = safeReturnPath(request.query.retour);
    if (request.user) return reply.redirect(returnTo, 303);
    let started;
    try {
      started = await app.oidcSignIn.begin(returnTo);
    } catch (e) {
      request.log.error({ err: e }, 'OpenID provider unreachable (discovery)');
      return sendErrorPage(reply, 503);
    }
    request.session.set('signIn', started.pending);
    return reply.redirect(started.url.href, 303);
  });

  app.get<{ Querystring: Record<string, string | undefined> }>(
    CALLBACK_PATH,
    { config: { rateLimit } },
    async (request, reply) => {
      const pending = request.session.get('signIn');
      request.session.set('signIn', undefined);
      if (!pending)
        return reply.page('sign-in-failed', { reason: 'expired' }, { title: 'Connexion expirée', status: 400 });
      if (request.query.error) {
        request.log.info({ error: request.query.error }, 'sign-in refused by the provider');
        return reply.page('sign-in-failed', { reason: 'refused' }, { title: 'Connexion refusée', status: 400 });
      }
      let signedIn;
      try {
        signedIn = await app.oidcSignIn.complete(new URL(request.url, deps.config.baseUrl), pending);
      } catch (e) {
        // The reason (state or nonce mismatch, bad signature…) without any claim in it.
        const err = e as { name?: string; code?: string; message?: string };
        request.log.warn({ error: err.name, code: err.code, reason: err.message }, 'sign-in answer refused');
        return reply.page('sign-in-failed', { reason: 'invalid' }, { title: 'Connexion impossible', status: 400 });
      }
      // A new session for the signed-in person: nothing from before survives (CSRF secret included).
      request.session.regenerate();
      request.session.set('identity', signedIn.identity);
      if (signedIn.idToken) request.session.set('idToken', signedIn.idToken);
      request.log.info('signed in');
      return reply.redirect(pending.returnTo, 303);
    },
  );

  app.post('/deconnexion', async (request, reply) => {
    const idToken = request.session.get('idToken');
    request.session.delete();
    const atProvider = await app.oidcSignIn.endSessionUrl(idToken, randomBytes(16).toString('base64url'));
    return reply.redirect(atProvider?.href ?? SIGNED_OUT_PATH, 303);
  });

  app.get(SIGNED_OUT_PATH, async (request, reply) => {
    if (request.user) return reply.redirect('/', 303);
    return reply.page('signed-out', {}, { title: 'Déconnexion effectuée' });
  });
};
