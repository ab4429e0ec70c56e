/**
 * What the session cookie holds (encrypted and signed by @fastify/secure-session): the signed-in
 * person's identity and ID token (for logout), or a sign-in in progress. Nothing else: pages
 * read everything else from Temporal. Whether someone is an administrator is decided at each
 * request from the configuration, never stored.
 *
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebConfig } from '../config';
import type { WebUser } from '../deps';
import type { Identity } from './identity';
import type { PendingSignIn } from './oidc';

declare module '@fastify/secure-session' {
  interface SessionData {
    identity: Identity;
    idToken: string;
    signIn: PendingSignIn;
  }
}

/** The signed-in person from the session, or null. */
export function sessionUser(request: FastifyRequest, config: WebConfig): WebUser | null {
  const identity = request.session.get('identity');
  if (!identity || typeof identity.sub !== 'string' || typeof identity.email !== 'string') return null;
  return {
    sub: identity.sub,
    email: identity.email,
    name: identity.name,
    isAdmin: config.admins.has(identity.email),
  };
}

export const SIGN_IN_PATH = '/connexion';

/** `/connexion?retour=…` for this request: GET pages come back to themselves, anything else to home. */
export function signInUrl(request: FastifyRequest): string {
  const back = request.method === 'GET' ? request.url : '/';
  return back === '/' ? SIGN_IN_PATH : `${SIGN_IN_PATH}?retour=${encodeURIComponent(back)}`;
}

/**
 * preHandler for pages that need a signed-in person: others are sent to sign in, and come back
 * to the page afterwards.
 */
export async function requireUser(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!request.user) await reply.redirect(signInUrl(request), 303);
}
