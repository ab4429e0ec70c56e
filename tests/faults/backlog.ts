/**
 * A lifecycle input with a backlog: the state a lifecycle continued as new would carry, but with
 * `plannedFrom` back at the signature, so every reminder between the signature and the server's
 * now is due at the first workflow task. On a real-clock server (dev server) this is how a test
 * gets a burst of real deliveries without waiting for calendar days.
 *
 * The burst is placed, not found: Terre Valserhône is shifted by whole years so that the server's
 * now falls after its first annual review (its first year of reminders is owed) while it still
 * runs, and the e-mails owed are computed from the planner, for the test to compare with what
 * the SMTP server received.
 */
import type { Client } from '@temporalio/client';
import type { Agreement } from '../../domain/agreement';
import { initialLifecycleState, type LifecycleInput, type LifecycleState } from '../../contracts/lifecycle-state';
import { placeExample, readExample, runningAfterFirst, type Placed, type Situation } from '../support/placement';
import { plannedEmails, type Emails } from '../support/planned-emails';
import { serverNowMs } from '../support/server-clock';

export function backlogInput(
  agreement: Agreement,
  plannedFrom = `${agreement.term.signedOn}T00:00:00Z`,
): LifecycleInput {
  const state: LifecycleState = { ...initialLifecycleState({ agreement }, plannedFrom) };
  return { agreement, state };
}

/** Where the server's now falls in the example: its first year owed, the lifecycle still running. */
export const BACKLOG: Situation = runningAfterFirst('annual-review');

/** Terre Valserhône placed for a backlog against the server's clock (throws when it cannot be). */
export async function backlogExample(client: Client): Promise<Placed> {
  const now = await serverNowMs(client);
  const placed = placeExample(readExample('convention-cadre-terre-valserhone'), now, BACKLOG);
  console.log(
    `[backlog] server clock ${new Date(now).toISOString()}: Terre Valserhône shifted by ${placed.shift} years (${placed.agreement.term.signedOn} to ${placed.agreement.term.endsOn})`,
  );
  return placed;
}

/** The e-mails a backlog lifecycle of `placed` owes once the server's clock reads `untilMs`. */
export function backlogEmails(placed: Placed, untilMs: number): Emails {
  const from = Date.parse(backlogInput(placed.agreement).state!.plannedFrom);
  return plannedEmails(placed.calendar, (r) => Date.parse(r.at) >= from && Date.parse(r.at) <= untilMs);
}
