/**
 * The item an operation is on, as the access rules judge it (web/access/policy.ts `canAct`): the
 * census year, the project and its leads, the meeting occurrence, the party. Built from the
 * validated input, so the check is on what would be sent — never on what the page offered.
 *
 * Pure.
 *
 * @module
 */
import type { AgreementAction } from '../access/policy';
import type { LifecycleView } from '../../contracts/lifecycle-view';

type Input = Record<string, unknown>;

/** The action `slug` would perform with `input`; undefined when the slug names no operation. */
export function operationAction(
  slug: string,
  input: Input,
  view?: Pick<LifecycleView, 'pendingSheets' | 'overdueSheets'>,
): AgreementAction | undefined {
  switch (slug) {
    case 'census-answer':
      return { op: 'census-answer', year: Number(input.year) };
    case 'retain-projects':
      return { op: 'retain-projects', year: Number(input.year) };
    case 'submit-sheet': {
      const projectId = String(input.projectId ?? '');
      // The leads named when the project was retained decide, as the lifecycle sends them its reminders.
      const sheet = [...(view?.pendingSheets ?? []), ...(view?.overdueSheets ?? [])].find(
        (s) => s.projectId === projectId,
      );
      return { op: 'submit-sheet', projectId, ...(sheet ? { leads: sheet.leads } : {}) };
    }
    case 'meeting-held':
      return { op: 'meeting-held', entryId: String(input.entryId ?? '') };
    case 'indicators-sent':
      return { op: 'indicators-sent', entryId: String(input.entryId ?? '') };
    case 'give-notice':
      return { op: 'give-notice', party: String(input.byParty ?? '') };
    case 'dispute':
      return { op: 'dispute', party: String(input.byParty ?? '') };
    case 'amend':
    case 'renewal-meeting':
    case 'renew':
      return { op: slug };
    default:
      return undefined;
  }
}

/**
 * The field whose choices depend on who acts (a pilot sees only the meetings they attend, a
 * project lead only their sheets), with the input key it fills.
 */
export const ITEM_FIELD: Partial<Record<string, string>> = {
  'census-answer': 'year',
  'submit-sheet': 'projectId',
  'meeting-held': 'entryId',
  'indicators-sent': 'entryId',
};
