/**
 * Applying a change of person to a running lifecycle (issue 14), on its effective date: the
 * agreement the lifecycle holds changes (domain/person-changes.ts), and so does everything
 * planned from it — reminders due from that day go to the person who arrives. Invitations
 * already sent follow: whoever leaves (or whose e-mail changes) gets a CANCEL of each meeting
 * still ahead, at the address they had, and whoever arrives gets the invitation: with the
 * meeting's next reminder, or at once when none is left before it.
 * Reminders planned before the change are never sent late to the newcomer (`plannedFrom`).
 *
 * @module
 */
import { applyPersonChange, type PersonChangeRecord } from '../domain/person-changes';
import type { Agreement, Person } from '../domain/agreement';
import type { InvitationRecord } from '../contracts/lifecycle-state';
import { invitationUid, recipientOf } from './compose-messages';
import { cancellationOf } from './meeting-changes';
import { subjectOf, type DueItem } from './due-items';
import type { LifecycleContext } from './lifecycle-context';

function rootOf(uid: string): string {
  return uid.slice(0, uid.lastIndexOf('@'));
}

/** Who leaves (at the address they had) and who arrives, if anyone, for the invitations. */
function contacts(before: Agreement, after: Agreement, change: PersonChangeRecord) {
  const old = before.people.find((p) => p.id === change.personId);
  const arrivingId =
    change.change === 'add' ? change.person.id : change.change === 'replace' ? change.personId : undefined;
  const arriving = after.people.find((p) => p.id === arrivingId);
  // A new name alone changes no address: the invitations already sent stay where they are.
  const moved =
    change.change !== 'replace' || (old !== undefined && arriving !== undefined && old.email !== arriving.email);
  return { leaving: moved ? old : undefined, arriving: moved ? arriving : undefined };
}

function swapLeads(leads: string[], change: PersonChangeRecord): string[] {
  if (change.change === 'replace') return leads;
  const next = change.change === 'add' ? [change.person.id] : [];
  return [...new Set(leads.flatMap((id) => (id === change.personId ? next : [id])))].sort();
}

/** The CANCEL of one invitation for the one who leaves, written to the address they had. */
function cancelFor(
  record: InvitationRecord,
  sequence: number,
  leaving: Person,
  before: Agreement,
  day: string,
  at: string,
): DueItem {
  return {
    key: `${rootOf(record.uid)}/person-cancel/${leaving.id}/${day}`,
    reminderId: `${record.entryId}/meeting-cancel/${day}`,
    purpose: 'meeting-cancel',
    at,
    day,
    to: [leaving.id],
    formerContact: recipientOf(leaving),
    ...cancellationOf(record, sequence, before, [leaving.id]),
  };
}

/**
 * Applies `change` from `fromIso` (now, or its effective day at the reminders’ time): returns how many
 * invitations were cancelled for the one who leaves and sent to the one who arrives.
 */
export function applyPersonChangeToLifecycle(
  lc: LifecycleContext,
  change: PersonChangeRecord,
  fromIso: string,
): { invitationsCancelled: number; invitationsSent: number } {
  const state = lc.state;
  const before = state.agreement;
  const after = applyPersonChange(before, change);
  const now = { at: lc.clock.nowIso(), day: lc.clock.today(), ms: lc.clock.nowMs() };
  state.agreement = after;
  for (const sheet of state.sheets.filter((s) => !s.submittedOn)) sheet.leads = swapLeads(sheet.leads, change);
  if (Date.parse(state.plannedFrom) < Date.parse(fromIso)) state.plannedFrom = fromIso;
  change.appliedOn = now.day;
  const calendar = lc.replan();

  const { leaving, arriving } = contacts(before, after, change);
  let invitationsCancelled = 0;
  let invitationsSent = 0;
  if (!leaving) return { invitationsCancelled, invitationsSent };
  const held = Object.values(state.invitations)
    .filter((r) => !r.cancelled && Date.parse(r.start) > now.ms && r.sentTo.includes(leaving.id))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  for (const record of held) {
    const sequence = record.sequence + 1;
    state.invitations[record.uid] = { ...record, sequence, sentTo: record.sentTo.filter((id) => id !== leaving.id) };
    lc.immediate.push(cancelFor(record, sequence, leaving, before, now.day, now.at));
    invitationsCancelled++;
    const entry = calendar.entries.find((e) => invitationUid(state, e.id) === record.uid);
    if (!arriving || !entry?.attendees.includes(arriving.id)) continue;
    // A reminder still ahead brings the invitation with it; otherwise it goes out now.
    if (lc.pending().some((item) => item.meeting?.id === entry.id && item.to.includes(arriving.id))) continue;
    // The newcomer holds the meeting from now on: the invitation (REQUEST, or the organizer's PUBLISH) at once.
    lc.immediate.push({
      key: `${rootOf(record.uid)}/meeting-handover/${arriving.id}/${now.day}`,
      reminderId: `${entry.id}/meeting-handover/${now.day}`,
      purpose: 'meeting',
      at: now.at,
      day: now.day,
      to: [arriving.id],
      subject: subjectOf(entry),
      meeting: entry,
    });
    invitationsSent++;
  }
  return { invitationsCancelled, invitationsSent };
}
