/**
 * Who sees and who acts (web/access/, docs/web.md « Qui voit quoi »), on the example agreements
 * as written: the matrix row by row, e-mails matched without case, nothing for strangers.
 */
import { describe, expect, it } from 'vitest';
import type { Agreement } from '../../domain/agreement';
import { parseAgreement } from '../../domain/parse-agreement';
import { canAct, canSee, meetingTypeOf, type AgreementAction } from '../../web/access/policy';
import { rolesIn } from '../../web/access/roles';
import { readExample } from '../support/placement';

function example(name: string): Agreement {
  const parsed = parseAgreement(readExample(name));
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.agreement;
}

const valserhone = example('convention-cadre-terre-valserhone');
const cot = example('cot-seine-et-marne');
const user = (email: string, isAdmin = false) => ({ email, isAdmin });
const emailOf = (a: Agreement, id: string) => a.people.find((p) => p.id === id)!.email;

const pilotReview = 'pilot-review-2011-03-01';
const steering = 'steering-committee-2011-03-17';
const valserhoneReview = 'annual-review-2025-12-09';

const EVERY_OPERATION: AgreementAction[] = [
  { op: 'census-answer', year: 2025 },
  { op: 'retain-projects', year: 2025 },
  { op: 'submit-sheet', projectId: 'managers' },
  { op: 'meeting-held', entryId: valserhoneReview },
  { op: 'amend' },
  { op: 'give-notice', party: 'cnfpt-ara' },
  { op: 'renewal-meeting' },
  { op: 'renew' },
  { op: 'dispute', party: 'terre-valserhone' },
];

describe('who sees an agreement', () => {
  it('its people, matched by e-mail whatever the case and spaces', () => {
    for (const p of valserhone.people) {
      expect(canSee(valserhone, user(p.email))).toBe(true);
      expect(canSee(valserhone, user(`  ${p.email.toUpperCase()} `))).toBe(true);
    }
  });

  it('nobody else, except administrators', () => {
    const stranger = user(emailOf(cot, 'pilote-cg-axe-1'));
    expect(canSee(valserhone, stranger)).toBe(false);
    expect(canSee(valserhone, user(''))).toBe(false);
    expect(canSee(valserhone, user('someone@elsewhere.example', true))).toBe(true);
    expect(canSee(cot, user('someone@elsewhere.example', true))).toBe(true);
  });
});

describe('who acts on what', () => {
  it('referents and administrators act on everything', () => {
    for (const who of [user(emailOf(valserhone, 'ref-cnfpt')), user('admin@example.org', true)])
      for (const action of EVERY_OPERATION) expect(canAct(valserhone, who, action), action.op).toBe(true);
  });

  it('a training contact answers the census and nothing else', () => {
    const contact = user(emailOf(valserhone, 'formation-terre-valserhone'));
    const allowed = EVERY_OPERATION.filter((a) => canAct(valserhone, contact, a)).map((a) => a.op);
    expect(allowed).toEqual(['census-answer']);
    expect(rolesIn(valserhone, contact.email).censusContact).toBe(true);
  });

  it('a signatory sees the agreement but acts on nothing', () => {
    const signatory = user(emailOf(valserhone, 'sign-cnfpt'));
    expect(canSee(valserhone, signatory)).toBe(true);
    expect(EVERY_OPERATION.filter((a) => canAct(valserhone, signatory, a))).toEqual([]);
  });

  it('a pilot records the meetings they attend, not the others, and nothing that commits the parties', () => {
    const pilot = user(emailOf(cot, 'pilote-cg-axe-1'));
    expect(canAct(cot, pilot, { op: 'meeting-held', entryId: pilotReview })).toBe(true);
    expect(canAct(cot, pilot, { op: 'meeting-held', entryId: steering })).toBe(true);
    expect(canAct(cot, pilot, { op: 'meeting-held', entryId: 'no-such-meeting-2011-03-01' })).toBe(false);
    expect(canAct(cot, pilot, { op: 'submit-sheet', projectId: 'managers' })).toBe(false);
    for (const op of ['amend', 'renew', 'renewal-meeting'] as const) expect(canAct(cot, pilot, { op })).toBe(false);
    expect(canAct(cot, pilot, { op: 'give-notice', party: 'cg77' })).toBe(false);
    expect(rolesIn(cot, pilot.email).pilotOf).toEqual(['axe-1']);
  });

  it('a committee member who is no pilot records the steering committee but not the pilot review', () => {
    const member = user(emailOf(cot, 'cab-cg77'));
    expect(canAct(cot, member, { op: 'meeting-held', entryId: steering })).toBe(true);
    expect(canAct(cot, member, { op: 'meeting-held', entryId: pilotReview })).toBe(false);
  });

  it("a project lead submits their projects' sheets only, and meets no meeting of theirs", () => {
    const lead = user(emailOf(cot, 'cdp-managers'));
    expect(rolesIn(cot, lead.email).leadOf).toEqual(['managers']);
    expect(canAct(cot, lead, { op: 'submit-sheet', projectId: 'managers' })).toBe(true);
    expect(canAct(cot, lead, { op: 'submit-sheet', projectId: 'attee' })).toBe(false);
    // Leads named when the projects were retained win over the agreement's.
    expect(canAct(cot, lead, { op: 'submit-sheet', projectId: 'attee', leads: ['cdp-managers'] })).toBe(true);
    expect(canAct(cot, lead, { op: 'submit-sheet', projectId: 'managers', leads: ['cdp-attee'] })).toBe(false);
    expect(canAct(cot, lead, { op: 'meeting-held', entryId: pilotReview })).toBe(false);
    expect(canAct(cot, lead, { op: 'census-answer', year: 2011 })).toBe(false);
  });

  it('a stranger acts on nothing', () => {
    const stranger = user(emailOf(valserhone, 'ref-cnfpt'));
    for (const action of EVERY_OPERATION) expect(canAct(cot, stranger, action)).toBe(false);
  });
});

describe('roles and entries', () => {
  it('names the parties a referent speaks for and the meetings each person attends', () => {
    const ref = rolesIn(cot, emailOf(cot, 'ref-cnfpt'));
    expect(ref.referentOf).toEqual(['cnfpt-grande-couronne']);
    expect(ref.roles).toEqual(['committee', 'pilot', 'referent']);
    expect(ref.pilotOf).toEqual(['axe-1']);
    expect(ref.attends.sort()).toEqual(Object.keys(cot.meetings).sort());
    expect(rolesIn(cot, 'nobody@example.org').personIds).toEqual([]);
  });

  it('reads the meeting type of an entry id, and only of a meeting the agreement has', () => {
    expect(meetingTypeOf(cot, 'pilot-review-2011-03-01')).toBe('pilot-review');
    expect(meetingTypeOf(cot, 'steering-committee-2011-03-17')).toBe('steering-committee');
    expect(meetingTypeOf(cot, 'census-open-2011-09-01')).toBeUndefined();
    expect(meetingTypeOf(cot, 'pilot-review')).toBeUndefined();
    expect(meetingTypeOf(cot, 'constructor-2011-03-01')).toBeUndefined();
  });
});
