/**
 * The lifecycle's patches, in one place: each guards a change of commands so that recorded
 * lifecycles still replay (docs/design.md « Changer le code d'un workflow »).
 *
 * From v7 a run records one marker, `lean-runs`, which stands for every earlier patch: before it,
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
 * v8: the single marker of a run from v8 on, standing for `lean-runs` and everything before it,
 * and for v8's own change: the project leads told of a late tracking table for their axis only
 * (`state.leadsByAxis`, workflows/due-items.ts `trackingTableItem`).
 */
export const PATCH_LEAN_RUNS_V8 = 'lean-runs-v8';
/** v8: a late tracking table goes to the pilots and project leads of the axes named, no others. */
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
 * A run's patches: asked once when the run starts (`lean-runs-v8`, or `lean-runs` for a run
 * recorded in v7), then per patch only before v7. A run recorded before v8 finds no v8 marker on
 * replay and asks for `lean-runs` next, as it did.
 */
export class RunPatches {
  /** Whether this run was recorded (or is running) with v8's single marker. */
  readonly v8: boolean;
  /** Whether this run was recorded (or is running) with a single marker (v7 or v8). */
  readonly lean: boolean;

  constructor() {
    this.v8 = wf.patched(PATCH_LEAN_RUNS_V8);
    this.lean = this.v8 || wf.patched(PATCH_LEAN_RUNS);
  }

  /** Whether the run takes the patched path; records no further marker in a v7 or v8 run. */
  has(patch: LifecyclePatch): boolean {
    // v8's own change was never a marker of its own: a run before v8 does not take it.
    if (patch === PATCH_LEADS_BY_AXIS) return this.v8;
    return this.lean || wf.patched(patch);
  }
}
