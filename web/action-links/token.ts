/**
 * Signing and checking action links: a compact JWS (HS256, `jose`) whose header names the key
 * (`kid`) and whose payload is the {@link ActionLinkClaims}. Signing is deterministic (the
 * issue instant comes from the message, not the clock): a retried delivery sends the same links.
 *
 * A refused link says why only to the log (`reason`); the person sees one neutral page.
 *
 * @module
 */
import { errors, jwtVerify, SignJWT, type JWTHeaderParameters } from 'jose';
import { ActionLinkClaims } from '../../contracts/action-link';
import type { LinkKeys } from './keys';

const ALG = 'HS256';
/** Distinguishes these tokens from any other JWT signed with the same key by mistake. */
const TYPE = 'pacte-action+jwt';

export type RefusedReason = 'malformed' | 'unknown-key' | 'signature' | 'expired' | 'claims';

export type CheckedLink = { ok: true; claims: ActionLinkClaims } | { ok: false; reason: RefusedReason };

export async function signActionLink(claims: ActionLinkClaims, keys: LinkKeys): Promise<string> {
  const checked = ActionLinkClaims.parse(claims);
  const key = keys.byId.get(keys.currentId)!;
  return new SignJWT(checked).setProtectedHeader({ alg: ALG, typ: TYPE, kid: keys.currentId }).sign(key);
}

/** Checks a token: signature by one of the known keys, type, expiry at `now`, claims' shape. */
export async function checkActionLink(token: string, keys: LinkKeys, now: Date): Promise<CheckedLink> {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token) || token.length > 2000)
    return { ok: false, reason: 'malformed' };
  let unknownKey = false;
  try {
    const { payload } = await jwtVerify(
      token,
      (header: JWTHeaderParameters) => {
        const key = header.kid === undefined ? undefined : keys.byId.get(header.kid);
        if (!key) {
          unknownKey = true;
          throw new Error('unknown key id');
        }
        return key;
      },
      { algorithms: [ALG], typ: TYPE, currentDate: now, requiredClaims: ['exp', 'iat'] },
    );
    const claims = ActionLinkClaims.safeParse(payload);
    return claims.success ? { ok: true, claims: claims.data } : { ok: false, reason: 'claims' };
  } catch (e) {
    if (unknownKey) return { ok: false, reason: 'unknown-key' };
    if (e instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
    if (e instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: 'signature' };
    if (e instanceof errors.JWTClaimValidationFailed) return { ok: false, reason: 'claims' };
    return { ok: false, reason: 'malformed' };
  }
}
