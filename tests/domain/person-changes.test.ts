/**
 * Changes of person on the agreement a lifecycle holds (issue 14 item 7): a newcomer takes over
 * every role and place of the one who leaves; a removal drops them; what would leave the
 * agreement without someone it needs is refused with the field named.
 */
import { describe, expect, it } from 'vitest';
import { applyPersonChange } from '../../domain/person-changes';
import { personChangeProblems } from '../../domain/person-change-rules';
import { cot } from './fixtures';

const agreement = cot();

describe('changes of person', () => {
  it('a newcomer takes over roles, axis places, meeting places and the organizer', () => {
    const changed = applyPersonChange(
      { ...agreement, organizer: 'ref-cnfpt' },
      {
        change: 'add',
        personId: 'ref-cnfpt',
        person: { id: 'ref-cnfpt-2', name: 'Noa Roux', email: 'noa@example.org' },
      },
    );
    expect(changed.people.some((p) => p.id === 'ref-cnfpt')).toBe(false);
    expect(changed.people.find((p) => p.id === 'ref-cnfpt-2')).toMatchObject({ party: 'cnfpt', roles: ['referent'] });
    expect(changed.meetings['steering-committee']!.attendees).toEqual(['committee', 'ref-cnfpt-2']);
    expect(changed.organizer).toBe('ref-cnfpt-2');
    expect(
      personChangeProblems(agreement, {
        change: 'add',
        personId: 'ref-cnfpt',
        person: { id: 'noa', name: 'N', email: 'n@example.org' },
      }),
    ).toEqual([]);
  });

  it('a replacement keeps the id, roles and places, with the new e-mail', () => {
    const changed = applyPersonChange(agreement, {
      change: 'replace',
      personId: 'pilote-1',
      email: 'alex@new.example.org',
    });
    expect(changed.people.find((p) => p.id === 'pilote-1')).toMatchObject({
      roles: ['pilot'],
      email: 'alex@new.example.org',
    });
    expect(changed.axes).toEqual(agreement.axes);
  });

  it('refuses with the field named', () => {
    const problems = (
      change: Parameters<typeof personChangeProblems>[1],
      sheets?: { projectId: string; leads: string[] }[],
    ) => personChangeProblems(agreement, change, sheets);
    expect(problems({ change: 'remove', personId: 'nobody' })).toEqual([
      expect.stringMatching(/^personId: unknown person 'nobody' \(people: ref-cnfpt, /),
    ]);
    expect(problems({ change: 'remove', personId: 'ref-cc' })).toContain(
      "personId: 'ref-cc' is the last referent of cc; add a person who takes over instead",
    );
    expect(problems({ change: 'remove', personId: 'pilote-1' })).toContain(
      "personId: 'pilote-1' is the only pilot of axis axe-1",
    );
    expect(problems({ change: 'remove', personId: 'cdp-1' }, [{ projectId: 'managers', leads: ['cdp-1'] }])).toContain(
      "personId: 'cdp-1' is the only lead of the awaited project sheet managers",
    );
    // The steering committee names ref-cnfpt; without her, the committee members still attend.
    expect(problems({ change: 'remove', personId: 'ref-cnfpt' })).toEqual([
      "personId: 'ref-cnfpt' is the last referent of cnfpt; add a person who takes over instead",
    ]);
    expect(problems({ change: 'replace', personId: 'pilote-1', email: 'alex.petit@example.org' })).toEqual([
      'email: the name and the e-mail are those already recorded',
    ]);
    expect(
      problems({ change: 'add', personId: 'pilote-1', person: { id: 'pilote-2', name: 'X', email: 'x@example.org' } }),
    ).toEqual(["person.id: 'pilote-2' is already one of the agreement's people"]);
  });

  it('refuses a meeting left without attendees', () => {
    const only = cot({
      meetings: {
        ...agreement.meetings,
        'pilot-review': { ...agreement.meetings['pilot-review']!, attendees: ['pilote-2'] },
      },
    });
    expect(personChangeProblems(only, { change: 'remove', personId: 'pilote-2' })).toContainEqual(
      expect.stringMatching(
        /^personId: removing 'pilote-2' leaves meetings\.pilot-review\.attendees: nobody is concerned/,
      ),
    );
  });
});
