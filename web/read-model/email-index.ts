/**
 * Which agreements name a given e-mail address: « Mes échéances » reads only those, not every
 * running lifecycle. Kept in step with the read model's entries (set and delete).
 *
 * @module
 */
import type { Agreement } from '../../domain/agreement';
import { normaliseEmail } from '../access/roles';

export class EmailIndex {
  private readonly byEmail = new Map<string, Set<string>>();
  private readonly emailsOf = new Map<string, string[]>();

  /** Indexes (again) the people of `agreement`. */
  set(agreement: Agreement): void {
    this.delete(agreement.id);
    const emails = [...new Set(agreement.people.map((p) => normaliseEmail(p.email)))];
    this.emailsOf.set(agreement.id, emails);
    for (const email of emails) {
      let ids = this.byEmail.get(email);
      if (!ids) this.byEmail.set(email, (ids = new Set()));
      ids.add(agreement.id);
    }
  }

  delete(agreementId: string): void {
    for (const email of this.emailsOf.get(agreementId) ?? []) {
      const ids = this.byEmail.get(email);
      ids?.delete(agreementId);
      if (ids?.size === 0) this.byEmail.delete(email);
    }
    this.emailsOf.delete(agreementId);
  }

  /** Agreement ids naming `email` (any case), sorted. */
  agreementsOf(email: string): string[] {
    return [...(this.byEmail.get(normaliseEmail(email)) ?? [])].sort();
  }
}
