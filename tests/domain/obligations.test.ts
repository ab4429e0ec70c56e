/** What each reminder cites and carries, per purpose, from the agreement (domain/obligations.ts). */
import { describe, expect, it } from 'vitest';
import { parseAgreement } from '../../domain/parse-agreement';
import { obligationOf } from '../../domain/obligations';
import type { Agreement } from '../../domain/agreement';
import { conventionCadre } from './fixtures';

function parsed(raw: Record<string, unknown>): Agreement {
  const result = parseAgreement(raw);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.agreement;
}

const people = [
  { id: 'ref-a', name: 'A', email: 'a@example.org', party: 'cnfpt', roles: ['referent'] },
  { id: 'ref-b', name: 'B', email: 'b@example.org', party: 'ccvt', roles: ['referent', 'training-contact'] },
];
const parties = [
  { id: 'cnfpt', name: 'CNFPT' },
  { id: 'ccvt', name: 'Communauté de communes' },
];

describe('obligationOf', () => {
  const cadre = parsed({
    id: 'cadre',
    kind: 'convention-cadre',
    title: 'Cadre',
    parties,
    people,
    term: { signedOn: '2025-01-15', endsOn: '2027-12-31' },
  });

  it('the indicators cite art. 8 and list its items, never the meeting’s art. 7', () => {
    const o = obligationOf(cadre, 'indicators', 'annual-review', 'art. 7');
    expect(o.article).toBe('art. 8');
    expect(o.indicators).toHaveLength(3);
    expect(obligationOf(cadre, 'meeting', 'annual-review', 'art. 7').article).toBe('art. 7');
  });

  it('renewal, notice and dispute cite art. 12, 12 and 14 with what art. 12 says', () => {
    expect(obligationOf(cadre, 'renewal-window', 'renewal-window')).toMatchObject({
      article: 'art. 12',
      renewalAgenda: expect.stringMatching(/^dresser un bilan de l’exécution de la collaboration/),
    });
    expect(obligationOf(cadre, 'notice', 'notice')).toEqual({
      article: 'art. 12',
      noticePeriod: 'P3M',
      noticeForm: 'lettre recommandée avec accusé de réception',
    });
    expect(obligationOf(cadre, 'dispute', 'dispute')).toEqual({ article: 'art. 14' });
    expect(obligationOf(cadre, 'project-sheet', 'project-sheet')).toEqual({ article: 'art. 9' });
  });

  it('a COT cites nothing its source does not give', () => {
    const cot = parsed({
      id: 'cot',
      kind: 'cot',
      title: 'COT',
      parties,
      people,
      term: { signedOn: '2010-10-01', endsOn: '2014-09-30' },
    });
    expect(obligationOf(cot, 'notice', 'notice')).toEqual({});
    expect(obligationOf(cot, 'dispute', 'dispute')).toEqual({});
    expect(obligationOf(cot, 'meeting', 'annual-review').prepare?.[0]).toMatch(/bilan d’avancée du contrat/);
  });

  it('an agreement stored before these fields existed gets no citation and no words', () => {
    const old = conventionCadre();
    delete old.articles;
    expect(obligationOf(old, 'notice', 'notice')).toEqual({ noticePeriod: old.term.noticePeriod });
    expect(obligationOf(old, 'renewal-followup', 'expiry')).toEqual({});
  });
});
