/**
 * When a change of person is refused (issue 14): an unknown person, a newcomer whose id is
 * taken, a replacement that changes nothing, and a change that would leave a party without
 * referent, an axis without pilot, a project or an awaited project sheet without lead, a meeting
 * or an event without anyone, or an agreement its own rules refuse. Kept apart from
 * person-changes.ts: the lifecycle loads it with the operations' schemas, on its first update.
 *
 * @module
 */
import type { Agreement } from './agreement';
import { agreementProblems } from './agreement-rules';
import { applyPersonChange, type PersonChange } from './person-changes';

/**
 * Why the change cannot be made, as `field: message` lines naming the operation's fields (empty
 * when it can). `pendingLeads`: person ids leading project sheets still awaited, who cannot all go.
 */
export function personChangeProblems(
  agreement: Agreement,
  change: PersonChange,
  pendingSheets: { projectId: string; leads: string[] }[] = [],
): string[] {
  const ids = agreement.people.map((p) => p.id);
  if (!ids.includes(change.personId))
    return [`personId: unknown person '${change.personId}' (people: ${ids.join(', ')})`];
  if (change.change === 'add' && ids.includes(change.person.id))
    return [`person.id: '${change.person.id}' is already one of the agreement's people`];
  const after = applyPersonChange(agreement, change);
  if (change.change === 'replace') {
    const before = agreement.people.find((p) => p.id === change.personId)!;
    const same = (change.name ?? before.name) === before.name && (change.email ?? before.email) === before.email;
    if (same) return ['email: the name and the e-mail are those already recorded'];
  }
  const problems: string[] = [];
  const field = change.change === 'add' ? 'person' : 'personId';
  if (change.change === 'remove') {
    for (const party of agreement.parties) {
      const had = agreement.people.some((p) => p.party === party.id && p.roles.includes('referent'));
      const keeps = after.people.some((p) => p.party === party.id && p.roles.includes('referent'));
      if (had && !keeps)
        problems.push(
          `personId: '${change.personId}' is the last referent of ${party.id}; add a person who takes over instead`,
        );
    }
    after.axes.forEach((axis, i) => {
      if (axis.pilots.length === 0 && agreement.axes[i]!.pilots.length > 0)
        problems.push(`personId: '${change.personId}' is the only pilot of axis ${axis.id}`);
      axis.projects.forEach((project, j) => {
        if (project.leads.length === 0 && agreement.axes[i]!.projects[j]!.leads.length > 0)
          problems.push(`personId: '${change.personId}' is the only lead of project ${project.id}`);
      });
    });
    for (const sheet of pendingSheets)
      if (sheet.leads.length > 0 && sheet.leads.every((lead) => lead === change.personId))
        problems.push(
          `personId: '${change.personId}' is the only lead of the awaited project sheet ${sheet.projectId}`,
        );
  }
  // Everything else the agreement's own rules say: a meeting without attendees, an axis without pilots…
  for (const problem of agreementProblems(after))
    if (!agreementProblems(agreement).includes(problem))
      problems.push(
        `${field}: ${change.change === 'remove' ? 'removing' : 'changing'} '${change.personId}' leaves ${problem}`,
      );
  return problems;
}
