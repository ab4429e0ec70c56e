/**
 * The identity Pacte keeps from a sign-in: the provider's claims (ID token and userinfo,
 * ProConnect's `given_name`, `usual_name`, `email`) reduced to what the application needs.
 * Pure: no I/O.
 *
 * @module
 */
import { z } from 'zod';

export interface Identity {
  sub: string;
  /** Lower-cased: e-mail addresses are compared case-insensitively everywhere in Pacte. */
  email: string;
  name: string;
}

const Claims = z.object({
  sub: z.string().min(1, { error: 'the provider sent no subject (sub)' }),
  email: z.email({ error: 'the provider sent no valid e-mail address (scope email)' }),
  given_name: z.string().optional(),
  usual_name: z.string().optional(), // ProConnect's family name
  family_name: z.string().optional(),
  name: z.string().optional(),
});

export class IdentityError extends Error {
  override readonly name = 'IdentityError';
}

/** Merges the ID token's claims with the userinfo's (userinfo wins) and checks them. */
export function identityFromClaims(idToken: Record<string, unknown>, userinfo: Record<string, unknown>): Identity {
  const parsed = Claims.safeParse({ ...idToken, ...userinfo, sub: idToken.sub });
  if (!parsed.success) throw new IdentityError(parsed.error.issues.map((i) => i.message).join('; '));
  const c = parsed.data;
  const family = c.usual_name ?? c.family_name;
  const name = [c.given_name, family].filter((part) => part && part.trim()).join(' ') || c.name?.trim() || c.email;
  return { sub: c.sub, email: c.email.toLowerCase(), name };
}
