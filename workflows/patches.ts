/**
 * The lifecycle's patches, in one place: each guards a change of commands so that recorded
 * lifecycles still replay (docs/design.md « Changer le code d'un workflow »).
 *
 * From v7 a run records one marker (`lean-runs`, from v8 `long-runs`), which stands for every earlier patch: before it,
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

export type LifecyclePatch =
  | typeof PATCH_CLEAR_NEXT_DEADLINE
  | typeof PATCH_DELIVER_BY_DAY
  | typeof PATCH_BOUNDED_STATE
  | typeof PATCH_LATE_REMINDERS
  | typeof PATCH_CENSUS_LOOP
  | typeof PATCH_MEETING_FOLLOWUPS;

/**
 * A run's patches: asked once when the run starts (`long-runs`, else `lean-runs`), then per patch
 * only before v7. A new run records `long-runs` alone; a v7 run replays finding `lean-runs`.
 */
export class RunPatches {
  /** Whether this run was recorded (or is running) with v8: it continues as new by size, not yearly. */
  readonly long: boolean;
  /** Whether this run was recorded (or is running) with one marker for all earlier patches (v7, v8). */
  readonly lean: boolean;

  constructor() {
    this.long = wf.patched(PATCH_LONG_RUNS);
    this.lean = this.long || wf.patched(PATCH_LEAN_RUNS);
  }

  /** Whether the run takes the patched path; records no further marker in a v7 run. */
  has(patch: LifecyclePatch): boolean {
    return this.lean || wf.patched(patch);
  }
}
