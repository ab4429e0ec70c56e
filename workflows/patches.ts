/**
 * The lifecycle's patches, in one place: each guards a change of commands so that recorded
 * lifecycles still replay (docs/design.md « Changer le code d'un workflow »).
 *
 * From v7 a run records one marker (`lean-runs`, from v8 `long-runs`, from v9 `lean-runs-v9`), which stands for every earlier patch: before it,
 * each run recorded up to five markers (one per patch it went through), each a history event and
 * a billed action. A run recorded before v7 finds no `lean-runs` marker on replay and asks for the
 * earlier patches one by one, exactly as it did when it was recorded.
 *
 * @module
 */
import * as wf from '@temporalio/workflow';

/** v2: a lifecycle with nothing left ahead clears NextDeadline instead of keeping a stale one. */
export const PATCH_CLEAR_NEXT_DEADLINE = 'clear-next-deadline';
/** v3: a wake-up's e-mails go in batches (`deliverDay`), no longer one activity per e-mail. */
export const PATCH_DELIVER_BY_DAY = 'deliver-by-day';
/** v4: the next run carries this year's records only (state-compaction.ts). */
export const PATCH_BOUNDED_STATE = 'bounded-state';
/** v5: a reminder missed (late start, long absence) goes late, the latest of each item only. */
export const PATCH_LATE_REMINDERS = 'late-reminders';
/** v6: the art. 9 census loop in full. */
export const PATCH_CENSUS_LOOP = 'census-loop';
/** v6: meetings followed up (minutes, tracking table). */
export const PATCH_MEETING_FOLLOWUPS = 'meeting-followups';
/**
 * v7: one marker per run for all of the above, and nothing upserted that the start (or the run
 * before) already set: the memo, the agreement's search attributes, an unchanged phase or deadline.
 */
export const PATCH_LEAN_RUNS = 'lean-runs';
/**
 * v8: a run lasts until the server suggests continuing as new (its history's size), no longer
 * until 1 January: no new-year timer, start, marker and upserts each year. Its marker stands for
 * `lean-runs` and everything before, so a v8 run still records one.
 */
export const PATCH_LONG_RUNS = 'long-runs';
/**
 * v9: the single marker of a run from v9 on, standing for `long-runs` and everything before it,
 * and for v9's own change: the project leads told of a late tracking table for their axis only
 * (`state.leadsByAxis`, workflows/due-items.ts `trackingTableItems`).
 */
export const PATCH_LEAN_RUNS_V9 = 'lean-runs-v9';
/** v9: a late tracking table goes to the pilots and project leads of the axes named, no others. */
export const PATCH_LEADS_BY_AXIS = 'leads-by-axis';

export type LifecyclePatch =
  | typeof PATCH_CLEAR_NEXT_DEADLINE
  | typeof PATCH_DELIVER_BY_DAY
  | typeof PATCH_BOUNDED_STATE
  | typeof PATCH_LATE_REMINDERS
  | typeof PATCH_CENSUS_LOOP
  | typeof PATCH_MEETING_FOLLOWUPS
  | typeof PATCH_LEADS_BY_AXIS;

/**
 * A run's patches: asked once when the run starts (`lean-runs-v9`, else `long-runs`, else
 * `lean-runs`), then per patch only before v7. A new run records `lean-runs-v9` alone; a v8 run
 * replays finding `long-runs`, a v7 run `lean-runs`, as they did.
 */
export class RunPatches {
  /** Whether this run was recorded (or is running) with v9's single marker. */
  readonly v9: boolean;
  /** Whether this run was recorded (or is running) with v8 or later: it continues as new by size, not yearly. */
  readonly long: boolean;
  /** Whether this run was recorded (or is running) with one marker for all earlier patches (v7 to v9). */
  readonly lean: boolean;

  constructor() {
    this.v9 = wf.patched(PATCH_LEAN_RUNS_V9);
    this.long = this.v9 || wf.patched(PATCH_LONG_RUNS);
    this.lean = this.long || wf.patched(PATCH_LEAN_RUNS);
  }

  /** Whether the run takes the patched path; records no further marker from v7 on. */
  has(patch: LifecyclePatch): boolean {
    // v9's own change was never a marker of its own: a run before v9 does not take it.
    if (patch === PATCH_LEADS_BY_AXIS) return this.v9;
    return this.lean || wf.patched(patch);
  }
}
