/**
 * What an operation did is answered as data and worded by the client in the agreement's
 * language: every kind of outcome has a French and an English line, with dates as people write
 * them (no ISO date left), and the figures it carries.
 */
import { describe, expect, it } from 'vitest';
import type { OperationOutcome } from '../../contracts/messages';
import { describeOutcome, operationLine } from '../../client/render/operation-outcome';

const OUTCOMES: OperationOutcome[] = [
  { kind: 'census-answered', year: 2026, answeredOn: '2026-10-01' },
  { kind: 'projects-retained', year: 2026, sheets: [{ projectId: 'managers', dueOn: '2026-12-01' }] },
  {
    kind: 'sheet-submitted',
    projectId: 'managers',
    submittedOn: '2026-11-20',
    belowMinimum: { participants: 9, minimum: 15 },
  },
  {
    kind: 'meeting-held',
    entryId: 'annual-review-2026-12-08',
    title: 'Rencontre annuelle',
    date: '2026-12-08',
    heldOn: '2026-12-08',
  },
  { kind: 'amended', version: 2, invitationsUpdated: 3, invitationsCancelled: 1 },
  { kind: 'notice-given', byParty: 'cnfpt-ara', givenOn: '2026-06-30', effectiveOn: '2026-09-30' },
  { kind: 'renewal-meeting-held', heldOn: '2027-03-01' },
  {
    kind: 'renewed',
    successorId: 'valserhone-2028',
    successorWorkflowId: 'agreement-valserhone-2028',
    endsOn: '2027-12-31',
  },
  { kind: 'dispute-recorded', byParty: 'terre-valserhone', notifiedOn: '2026-05-01', courtFrom: '2026-07-01' },
  {
    kind: 'person-changed',
    change: 'add',
    personId: 'pilote-cg-axe-1',
    newPersonId: 'pilote-cg-axe-1-bis',
    effectiveOn: '2026-12-01',
    applied: true,
    invitationsCancelled: 1,
    invitationsSent: 1,
  },
  {
    kind: 'reminders-snoozed',
    thread: 'sheet/2026/managers',
    personId: 'ref-ccvt',
    until: '2026-12-10T09:15:00.000+01:00',
    next: '2026-12-14T09:00:00.000+01:00',
    nextIsLast: true,
  },
];

describe('operation outcomes, worded by the client', () => {
  it.each(OUTCOMES.map((o) => [o.kind, o] as const))('%s: a French and an English line, no ISO date', (_, outcome) => {
    const fr = describeOutcome(outcome, 'fr');
    const en = describeOutcome(outcome, 'en');
    expect(fr).not.toEqual(en);
    for (const line of [fr, en]) expect(line).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('carries the figures and the dates of the outcome', () => {
    expect(describeOutcome(OUTCOMES[2]!, 'fr')).toBe(
      'fiche projet managers reçue le vendredi 20 novembre 2026 — 9 participants, sous le minimum de 15 : les référents sont prévenus',
    );
    expect(describeOutcome(OUTCOMES[0]!, 'en')).toBe('census 2026: answer recorded on Thursday 1 October 2026');
    expect(operationLine('agreement-valserhone-2025', { phase: 'active', locale: 'fr', outcome: OUTCOMES[6]! })).toBe(
      'agreement-valserhone-2025: rencontre de renouvellement tenue le lundi 1er mars 2027 : les relances s’arrêtent (phase active)',
    );
    expect(describeOutcome(OUTCOMES[9]!, 'fr')).toBe(
      'pilote-cg-axe-1-bis reprend les rôles de pilote-cg-axe-1 à partir du mardi 1er décembre 2026 — 1 invitation(s) annulée(s), 1 envoyée(s)',
    );
    expect(describeOutcome({ ...OUTCOMES[9]!, change: 'remove', applied: false } as OperationOutcome, 'en')).toBe(
      'pilote-cg-axe-1 leaves the agreement from Tuesday 1 December 2026: their roles are dropped — applied on that day',
    );
    expect(describeOutcome(OUTCOMES[10]!, 'fr')).toBe(
      'fiche projet managers (2026)\u00a0: rappels de ref-ccvt reportés au jeudi 10 décembre 2026 — prochain rappel le lundi 14 décembre 2026, le dernier avant l’échéance',
    );
    expect(describeOutcome({ ...OUTCOMES[10]!, next: undefined } as OperationOutcome, 'en')).toBe(
      'project sheet managers (2026): reminders of ref-ccvt postponed to Thursday 10 December 2026 — no reminder left before the deadline',
    );
    expect(describeOutcome({ ...OUTCOMES[9]!, change: 'replace' } as OperationOutcome, 'fr')).toContain(
      'pilote-cg-axe-1\u00a0: nouvelles coordonnées',
    );
  });
});
