/**
 * A change of person in a running agreement (issue 14): replace someone's name or e-mail (same
 * id, same roles), remove someone (their roles and places are dropped), or add someone who takes
 * over another's roles and places (the other leaves). Applied to the agreement as the lifecycle
 * holds it, without rewriting the agreement file; what may not be changed is in
 * person-change-rules.ts. Pure.
 *
 * @module
 */
import type { Agreement, LocalDate, Person } from './agreement';

export type PersonChange =
  | { change: 'replace'; personId: string; name?: string; email?: string }
  | { change: 'remove'; personId: string }
  | { change: 'add'; personId: string; person: { id: string; name: string; email: string } };

/** A change as the lifecycle keeps it: effective on `effectiveOn` (local date), at the reminders' time. */
export type PersonChangeRecord = PersonChange & {
  effectiveOn: LocalDate;
  recordedOn: LocalDate;
  /** Set once applied to the agreement. */
  appliedOn?: LocalDate;
};

/** The person after a replacement or the newcomer, and who leaves (absent for a replacement). */
function parts(agreement: Agreement, change: PersonChange): { leaving?: string; arriving?: Person } {
  const before = agreement.people.find((p) => p.id === change.personId);
  if (!before) return {};
  if (change.change === 'replace')
    return {
      arriving: {
        ...before,
        ...(change.name ? { name: change.name } : {}),
        ...(change.email ? { email: change.email } : {}),
      },
    };
  if (change.change === 'remove') return { leaving: before.id };
  return { leaving: before.id, arriving: { ...change.person, party: before.party, roles: [...before.roles] } };
}

/** The agreement after the change (unknown people leave it unchanged: see {@link personChangeProblems}). */
export function applyPersonChange(agreement: Agreement, change: PersonChange): Agreement {
  const { leaving, arriving } = parts(agreement, change);
  if (!leaving) {
    if (!arriving) return agreement;
    return { ...agreement, people: agreement.people.map((p) => (p.id === arriving.id ? arriving : p)) };
  }
  // Every place the leaving person holds by id goes to the newcomer, or is dropped.
  const swap = (ids: string[]) => [
    ...new Set(ids.flatMap((id) => (id === leaving ? (arriving ? [arriving.id] : []) : [id]))),
  ];
  // The organizer who leaves hands over to the newcomer, or to the default (compose-messages.ts).
  const { organizer, ...rest } = agreement;
  const nextOrganizer = organizer === leaving ? arriving?.id : organizer;
  return {
    ...rest,
    ...(nextOrganizer !== undefined ? { organizer: nextOrganizer } : {}),
    people: agreement.people.flatMap((p) => (p.id === leaving ? (arriving ? [arriving] : []) : [p])),
    axes: agreement.axes.map((axis) => ({
      ...axis,
      pilots: swap(axis.pilots),
      projects: axis.projects.map((project) => ({ ...project, leads: swap(project.leads) })),
    })),
    meetings: Object.fromEntries(
      Object.entries(agreement.meetings).map(([type, m]) => [type, { ...m, attendees: swap(m.attendees) }]),
    ),
    ...(agreement.census ? { census: { ...agreement.census, to: swap(agreement.census.to) } } : {}),
    events: agreement.events.map((e) => ({ ...e, attendees: swap(e.attendees) })),
  };
}
