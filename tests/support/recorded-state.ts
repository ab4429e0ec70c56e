/**
 * What people record in a lifecycle, for tests that check a refused operation « changed
 * nothing ». Deliveries and the clock go on while such a test runs (a reminder sent, a sheet
 * becoming overdue, the next events moving on), so `sent`, `failures`, `nextEvents`,
 * `nextDeadline`, `pendingSheets` and `overdueSheets` are left out; the journal, which lists
 * every accepted operation, is kept.
 *
 * @module
 */
import type { LifecycleView } from '../../contracts/lifecycle-view';

const RECORDED = [
  'phase',
  'version',
  'notice',
  'effectiveEnd',
  'census',
  'meetings',
  'disputes',
  'renewal',
  'amendments',
  'submittedSheets',
  'journal',
] as const;

export function recordedState(view: LifecycleView) {
  return { ...Object.fromEntries(RECORDED.map((key) => [key, view[key]])), snoozes: view.snoozes ?? [] };
}
