/**
 * Who may see an agreement and who may act on which of its items (docs/web.md, « Qui voit
 * quoi »). Decided from the agreement itself, on the server, for every page and every action:
 *
 * - administrators (a configured list) see and act on everything;
 * - any person of the agreement (matched by e-mail) sees it;
 * - referents act on everything of their agreement;
 * - pilots and other attendees record the meetings they attend;
 * - project leads submit the sheets of their projects;
 * - the people the census is addressed to (training contacts by default) answer it;
 * - the training contacts, to whom the art. 8 indicators' reminders go, record them as sent.
 *
 * Pure.
 *
 * @module
 */
import type { Agreement } from '../../domain/agreement';
import { inAudience, peopleWithEmail, rolesIn, type AccessUser } from './roles';

/** An operation and the item it is on (docs/domain.md#what-coordinators-record). */
export type AgreementAction =
  | { op: 'census-answer'; year: number }
  | { op: 'retain-projects'; year: number }
  | { op: 'submit-sheet'; projectId: string; leads?: readonly string[] }
  | { op: 'meeting-held'; entryId: string }
  | { op: 'indicators-sent'; entryId: string }
  | { op: 'amend' }
  | { op: 'give-notice'; party: string }
  | { op: 'renewal-meeting' }
  | { op: 'renew' }
  | { op: 'dispute'; party: string };

export type AgreementOperation = AgreementAction['op'];

/** Whether `user` may see `agreement` at all (its page, its calendar, its exports). */
export function canSee(agreement: Agreement, user: AccessUser): boolean {
  return user.isAdmin || peopleWithEmail(agreement, user.email).length > 0;
}

/** True when the user is a referent of the agreement, or an administrator: they act on everything. */
export function actsOnEverything(agreement: Agreement, user: AccessUser): boolean {
  return user.isAdmin || rolesIn(agreement, user.email).roles.includes('referent');
}

/** Whether `user` may perform `action` on `agreement`. */
export function canAct(agreement: Agreement, user: AccessUser, action: AgreementAction): boolean {
  if (actsOnEverything(agreement, user)) return true;
  const people = peopleWithEmail(agreement, user.email);
  if (people.length === 0) return false;
  const ids = new Set(people.map((p) => p.id));
  switch (action.op) {
    case 'meeting-held': {
      const type = meetingTypeOf(agreement, action.entryId);
      return type !== undefined && people.some((p) => inAudience(p, agreement.meetings[type]!.attendees));
    }
    case 'submit-sheet': {
      // The retained project's leads (named when retained), else those the agreement names.
      const leads =
        action.leads ?? agreement.axes.flatMap((a) => a.projects).find((p) => p.id === action.projectId)?.leads ?? [];
      return leads.some((id) => ids.has(id));
    }
    case 'indicators-sent': {
      // Those the indicators' reminders go to (domain/calendar-entries.ts): the training contacts.
      const type = meetingTypeOf(agreement, action.entryId);
      return (
        type !== undefined &&
        agreement.meetings[type]!.indicatorsDueBefore !== undefined &&
        people.some((p) => inAudience(p, ['training-contact']))
      );
    }
    case 'census-answer':
      return agreement.census !== undefined && people.some((p) => inAudience(p, agreement.census!.to));
    default:
      // Retaining projects, amendments, notice, renewal and disputes commit the parties: referents only.
      return false;
  }
}

/**
 * The meeting type of a calendar entry id (`<type>-<YYYY-MM-DD>`, the occurrence's original date),
 * if it names one of the agreement's meetings.
 */
export function meetingTypeOf(agreement: Agreement, entryId: string): string | undefined {
  const match = /^(.+)-(\d{4}-\d{2}-\d{2})$/.exec(entryId);
  if (!match) return undefined;
  return Object.hasOwn(agreement.meetings, match[1]!) ? match[1] : undefined;
}
