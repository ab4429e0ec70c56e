/**
 * `pacte show` lists the lifecycle's journal (issue 15): when, what (the outcome, worded), by whom
 * (the person's name when the operation names one of the agreement's people, else the account)
 * and from where, most recent first, in French or English.
 */
import { describe, expect, it } from 'vitest';
import { renderStateView } from '../../client/render/state-view';
import { initialLifecycleState, type LifecycleState } from '../../contracts/lifecycle-state';
import { planCalendar } from '../../domain/calendar';
import { lifecycleView } from '../../workflows/lifecycle-view';
import { cot } from '../domain/fixtures';

const agreement = cot();
const referent = agreement.people.find((p) => p.roles.includes('referent'))!;

function viewWith(journal: LifecycleState['journal']) {
  const state = { ...initialLifecycleState({ agreement }, `${agreement.term.startsOn}T09:00:00.000+02:00`), journal };
  return lifecycleView(state, planCalendar(agreement), Date.parse(`${agreement.term.startsOn}T12:00:00+02:00`));
}

const year = Number(agreement.term.startsOn.slice(0, 4)) + 1;
const JOURNAL: LifecycleState['journal'] = [
  {
    at: `${year}-03-02T16:20:00.000+01:00`,
    operation: 'recordRenewalMeeting',
    summary: { kind: 'renewal-meeting-held', heldOn: `${year}-03-02` },
    recordedBy: { via: 'web', personId: referent.id, account: 'agent.x@example.org' },
  },
  {
    at: `${year}-03-05T09:05:00.000+01:00`,
    operation: 'recordDispute',
    summary: { kind: 'dispute-recorded', byParty: 'cg77', notifiedOn: `${year}-03-05`, courtFrom: `${year}-05-04` },
    recordedBy: { via: 'email-link', account: 'agent.y@example.org' },
  },
  {
    at: `${year}-03-06T11:00:00.000+01:00`,
    operation: 'recordRenewalMeeting',
    summary: { kind: 'renewal-meeting-held', heldOn: `${year}-03-06` },
  },
];

describe('pacte show: the journal of operations', () => {
  it('the view names the person who recorded an operation, when one of the agreement’s people', () => {
    const view = viewWith(JOURNAL);
    expect(view.journal.map((j) => j.byName)).toEqual([referent.name, undefined, undefined]);
    expect(viewWith(undefined).journal).toEqual([]); // a lifecycle started before the journal
  });

  it('in French: date, what, by whom, from where; most recent first', () => {
    const text = renderStateView(viewWith(JOURNAL), { workflowId: `agreement-${agreement.id}`, locale: 'fr' });
    const lines = text.split('\n');
    const start = lines.indexOf('Opérations enregistrées :');
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start + 1, start + 4)).toEqual([
      `  vendredi 6 mars ${year} à 11 h 00 — rencontre de renouvellement tenue le vendredi 6 mars ${year} : les relances s’arrêtent — origine non enregistrée`,
      expect.stringMatching(
        new RegExp(
          `^ {2}jeudi 5 mars ${year} à 9 h 05 — différend notifié par cg77 .* — par agent\\.y@example\\.org \\(lien de l’e-mail\\)$`,
        ),
      ),
      expect.stringMatching(new RegExp(`^ {2}lundi 2 mars ${year} à 16 h 20 — .* — par ${referent.name} \\(web\\)$`)),
    ]);
  });

  it('in English; no section without operations', () => {
    const text = renderStateView(viewWith(JOURNAL), { workflowId: `agreement-${agreement.id}`, locale: 'en' });
    expect(text).toContain('Recorded operations:');
    expect(text).toMatch(/by agent\.y@example\.org \(e-mail link\)/);
    expect(text).toContain('origin not recorded');
    const empty = renderStateView(viewWith([]), { workflowId: `agreement-${agreement.id}`, locale: 'fr' });
    expect(empty).not.toContain('Opérations enregistrées');
  });
});
