/**
 * Who a signed-in person is in one agreement: the people of the agreement whose e-mail is theirs
 * (compared without case, as mailboxes are), and what each of those people is — referent of which
 * party, pilot of which axes, lead of which projects, training contact, committee member,
 * signatory, attendee of which meetings. Pure: the agreement is the one the lifecycle holds now
 * (read by `snapshotQuery`), so an amendment that adds or removes someone changes what they see.
 *
 * @module
 */
import type { Agreement, AudienceRef, Person, Role } from '../../domain/agreement';

/** A signed-in user as the access rules need them: their e-mail and whether they administer Pacte. */
export interface AccessUser {
  email: string;
  isAdmin: boolean;
}

export interface AgreementRoles {
  /** Ids of the agreement's people with the user's e-mail (usually one). */
  personIds: string[];
  /** Every role those people hold. */
  roles: Role[];
  /** Parties the user is referent of. */
  referentOf: string[];
  /** Axes the user pilots. */
  pilotOf: string[];
  /** Projects the user leads (as written in the agreement's axes). */
  leadOf: string[];
  /** Meeting types (keys of `meetings`) the user attends. */
  attends: string[];
  /** True when the yearly census is addressed to the user. */
  censusContact: boolean;
}

/** E-mail addresses compare without case and surrounding spaces. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The agreement's people whose address is `email`. */
export function peopleWithEmail(agreement: Agreement, email: string): Person[] {
  const wanted = normaliseEmail(email);
  if (wanted === '') return [];
  return agreement.people.filter((p) => normaliseEmail(p.email) === wanted);
}

/** True when `person` is one of `refs` (a role name or a person id, as audiences are written). */
export function inAudience(person: Person, refs: readonly AudienceRef[]): boolean {
  return refs.some((ref) => ref === person.id || (person.roles as readonly string[]).includes(ref));
}

export function rolesIn(agreement: Agreement, email: string): AgreementRoles {
  const people = peopleWithEmail(agreement, email);
  const ids = new Set(people.map((p) => p.id));
  const projects = agreement.axes.flatMap((a) => a.projects);
  return {
    personIds: [...ids].sort(),
    roles: [...new Set(people.flatMap((p) => p.roles))].sort(),
    referentOf: [...new Set(people.filter((p) => p.roles.includes('referent')).map((p) => p.party))].sort(),
    pilotOf: agreement.axes.filter((a) => a.pilots.some((id) => ids.has(id))).map((a) => a.id),
    leadOf: projects.filter((p) => p.leads.some((id) => ids.has(id))).map((p) => p.id),
    attends: Object.entries(agreement.meetings)
      .filter(([, spec]) => people.some((p) => inAudience(p, spec.attendees)))
      .map(([type]) => type),
    censusContact: agreement.census !== undefined && people.some((p) => inAudience(p, agreement.census!.to)),
  };
}
