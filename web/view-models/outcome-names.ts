/**
 * An operation's outcome with the people and parties it names by id (`ref-ccvt`, `cnfpt-ara`)
 * named as the agreement names them, for the web pages: client/render/operation-outcome.ts words
 * it for `pacte`, which prints ids. An id the agreement does not know stays as it is.
 *
 * Pure.
 *
 * @module
 */
import type { OperationOutcome } from '../../contracts/operation-outcome';

type Named = readonly { id: string; name: string }[];

/** `agreement`: its people (with, for a handover just sent, the person who arrives) and parties. */
export function withNames(outcome: OperationOutcome, agreement: { people: Named; parties: Named }): OperationOutcome {
  const person = (id: string) => agreement.people.find((p) => p.id === id)?.name ?? id;
  const party = (id: string) => agreement.parties.find((p) => p.id === id)?.name ?? id;
  const named: Record<string, unknown> = { ...outcome };
  if (typeof named.personId === 'string') named.personId = person(named.personId);
  if (typeof named.newPersonId === 'string') named.newPersonId = person(named.newPersonId);
  if (typeof named.byParty === 'string') named.byParty = party(named.byParty);
  return named as OperationOutcome;
}
