/**
 * The people the development OpenID provider signs in: everyone named in the example
 * agreements (examples/agreements/*.yaml) and the demonstration (examples/demo), read with the
 * project's agreement parser, plus one administrator. A person named in several agreements is
 * one account (same e-mail address) with all their roles.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Role } from '../domain/agreement';
import { loadAgreement } from './examples';

export interface DevAccount {
  /** Opaque and stable (derived from the e-mail address), as a real provider's `sub`. */
  sub: string;
  email: string;
  givenName: string;
  usualName: string;
  /** The agreements naming the person, with their roles there. */
  memberships: { agreement: string; roles: Role[] }[];
  /** The administrator account (listed in PACTE_WEB_ADMINS by `npm start`). */
  admin: boolean;
}

export const DEV_ADMIN_EMAIL = 'administration.pacte@example.org';

const ROLE_LABELS: Record<Role, string> = {
  referent: 'référent',
  pilot: 'pilote',
  'project-lead': 'chef de projet',
  committee: 'membre du comité',
  'training-contact': 'correspondant formation',
  signatory: 'signataire',
};

const EXAMPLE_FILES = [
  fileURLToPath(new URL('../examples/agreements/', import.meta.url)),
  fileURLToPath(new URL('../examples/demo/', import.meta.url)),
];

export function devSubject(email: string): string {
  return createHash('sha256').update(`pacte-dev:${email}`).digest('hex').slice(0, 24);
}

/** « Camille Martin » → Camille / Martin; « Vincent Le Meaux » → Vincent / Le Meaux. */
function splitName(name: string): { givenName: string; usualName: string } {
  const [given = name, ...rest] = name.trim().split(/\s+/);
  return { givenName: given, usualName: rest.join(' ') || given };
}

/** Every person of the example agreements and the demonstration, then the administrator. */
export async function loadDevAccounts(dirs: string[] = EXAMPLE_FILES): Promise<DevAccount[]> {
  const byEmail = new Map<string, DevAccount>();
  for (const dir of dirs) {
    const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
    for (const file of files) {
      const agreement = await loadAgreement(join(dir, file));
      for (const person of agreement.people) {
        const email = person.email.toLowerCase();
        const account = byEmail.get(email) ?? {
          sub: devSubject(email),
          email,
          ...splitName(person.name),
          memberships: [],
          admin: false,
        };
        account.memberships.push({ agreement: agreement.id, roles: person.roles });
        byEmail.set(email, account);
      }
    }
  }
  const admin: DevAccount = {
    sub: devSubject(DEV_ADMIN_EMAIL),
    email: DEV_ADMIN_EMAIL,
    givenName: 'Dominique',
    usualName: 'Administration',
    memberships: [],
    admin: true,
  };
  return [...byEmail.values(), admin];
}

/** The account's name and what it is, in French, for the sign-in page. */
export function describeAccount(account: DevAccount): string {
  if (account.admin) return 'administrateur de Pacte';
  return account.memberships
    .map((m) => `${m.roles.map((role) => ROLE_LABELS[role]).join(', ') || 'sans rôle'} (${m.agreement})`)
    .join(' ; ');
}

/** Names of the accounts holding `role` in some agreement. */
export function accountsWithRole(accounts: DevAccount[], role: Role): string[] {
  return accounts
    .filter((a) => a.memberships.some((m) => m.roles.includes(role)))
    .map((a) => `${a.givenName} ${a.usualName}`);
}
