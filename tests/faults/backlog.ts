/**
 * A lifecycle input with a backlog: the state a lifecycle continued as new would carry, but with
 * `plannedFrom` back at the signature, so every reminder between the signature and today is due
 * at the first workflow task. On a real-clock server (dev server) this is how a test gets a burst
 * of real deliveries without waiting for calendar days.
 */
import type { Agreement } from '../../domain/agreement';
import type { LifecycleInput, LifecycleState } from '../../contracts/lifecycle-state';

export function backlogInput(
  agreement: Agreement,
  plannedFrom = `${agreement.term.signedOn}T00:00:00Z`,
): LifecycleInput {
  const state: LifecycleState = {
    agreement,
    version: 1,
    phase: 'active',
    facts: { censusAnsweredYears: [] },
    plannedFrom,
    startedAt: plannedFrom,
    deliveredKeys: [],
    sent: [],
    failures: [],
    meetings: [],
    invitations: {},
    uidAliases: {},
    census: [],
    sheets: [],
    disputes: [],
    amendments: [],
    renewal: {},
    runs: 1,
  };
  return { agreement, state };
}
