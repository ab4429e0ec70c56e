/**
 * Signing in with OpenID Connect (openid-client), as ProConnect expects it: authorization code
 * with PKCE (S256), `state` and `nonce`, ProConnect's scopes and optional `acr_values`, the
 * userinfo answer as JSON or as a signed JWT (ProConnect signs it), and RP-initiated logout
 * with `id_token_hint`, `state` and `post_logout_redirect_uri`.
 *
 * The provider is discovered on first use, not at start-up: the web application starts while
 * the provider is down and signs people in once it answers.
 *
 * @module
 */
import * as oidc from 'openid-client';
import type { WebConfig } from '../config';
import { identityFromClaims, type Identity } from './identity';

/** Kept in the session between `/connexion` and `/connexion/retour`. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** A local path (see return-path.ts). */
  returnTo: string;
}

export interface SignedIn {
  identity: Identity;
  /** For RP-initiated logout (`id_token_hint`). */
  idToken: string | undefined;
}

export const CALLBACK_PATH = '/connexion/retour';
export const SIGNED_OUT_PATH = '/deconnexion/terminee';

export class OidcSignIn {
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(private readonly config: WebConfig) {}

  /** The URL to send the browser to, and what to keep in the session until it comes back. */
  async begin(returnTo: string): Promise<{ url: URL; pending: PendingSignIn }> {
    const configuration = await this.discovered();
    const pending: PendingSignIn = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      returnTo,
    };
    const parameters: Record<string, string> = {
      redirect_uri: `${this.config.baseUrl}${CALLBACK_PATH}`,
      scope: this.config.oidc.scopes,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    };
    if (this.config.oidc.acrValues) parameters.acr_values = this.config.oidc.acrValues;
    return { url: oidc.buildAuthorizationUrl(configuration, parameters), pending };
  }

  /**
   * Checks the provider's answer (state, PKCE, ID token with nonce, issuer), exchanges the code
   * and reads the userinfo. Throws on any mismatch: the caller refuses the sign-in.
   */
  async complete(callbackUrl: URL, pending: PendingSignIn): Promise<SignedIn> {
    const configuration = await this.discovered();
    const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      pkceCodeVerifier: pending.codeVerifier,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('the provider sent no ID token');
    const userinfo = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
    return { identity: identityFromClaims(claims, userinfo), idToken: tokens.id_token };
  }

  /** Where to end the session at the provider, when it offers RP-initiated logout. */
  async endSessionUrl(idToken: string | undefined, state: string): Promise<URL | undefined> {
    const configuration = await this.discovered().catch(() => undefined);
    if (!configuration?.serverMetadata().end_session_endpoint || !idToken) return undefined;
    return oidc.buildEndSessionUrl(configuration, {
      id_token_hint: idToken,
      state,
      post_logout_redirect_uri: `${this.config.baseUrl}${SIGNED_OUT_PATH}`,
    });
  }

  private discovered(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret } = this.config.oidc;
    this.configuration ??= oidc
      .discovery(new URL(issuer), clientId, clientSecret, oidc.ClientSecretPost(clientSecret), {
        // Only a development provider on this machine speaks plain HTTP.
        ...(issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : {}),
        timeout: 10,
      })
      .catch((e: unknown) => {
        this.configuration = undefined; // tried again at the next sign-in
        throw e;
      });
    return this.configuration;
  }
}
