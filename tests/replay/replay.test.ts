/**
 * Replays every committed history (tests/replay/histories) against the current workflow code.
 * A change that is not deterministic for a recorded lifecycle (a command added, removed or
 * reordered without `patched()`) fails here, before it can break running agreements.
 */
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { workflowBundle } from '../support/lifecycle-env';
import { installQuietRuntime } from '../support/runtime';

const DIR = fileURLToPath(new URL('./histories/', import.meta.url));

async function loadHistories(): Promise<{ file: string; type: string; history: temporal.api.history.v1.History }[]> {
  const files = (await readdir(DIR)).filter((f) => f.endsWith('.json')).sort();
  return await Promise.all(
    files.map(async (file) => {
      const history = temporal.api.history.v1.History.fromObject(JSON.parse(await readFile(`${DIR}${file}`, 'utf8')));
      const type = history.events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? '?';
      return { file, type, history };
    }),
  );
}

/** The patch markers a history records, as their JSON payloads (`{"id":"<patch>",…}`). */
function patches(history: temporal.api.history.v1.History): string[] {
  return history.events
    .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')
    .flatMap((e) => Object.values(e.markerRecordedEventAttributes?.details ?? {}).flatMap((p) => p.payloads ?? []))
    .map((payload) => Buffer.from(payload.data ?? []).toString('utf8'));
}

/**
 * The lifecycle runs of `version` (`v7`…), after checking that each records exactly one patch
 * marker, `marker`, and that no run of another version records it.
 */
function oneMarkerRuns(
  lifecycles: { file: string; history: temporal.api.history.v1.History }[],
  version: string,
  marker: string,
) {
  const own = lifecycles.filter((h) => h.file.startsWith(`${version}-`));
  expect(own.length, version).toBeGreaterThan(0);
  const has = (h: { history: temporal.api.history.v1.History }) =>
    patches(h.history).some((d) => d.includes(`"id":"${marker}"`));
  expect(
    own.every((h) => patches(h.history).length === 1 && has(h)),
    version,
  ).toBe(true);
  expect(lifecycles.filter((h) => !h.file.startsWith(`${version}-`)).some(has), version).toBe(false);
  return own;
}

describe('replay of recorded histories', () => {
  let histories: Awaited<ReturnType<typeof loadHistories>>;

  beforeAll(async () => {
    installQuietRuntime();
    histories = await loadHistories();
  });

  it('covers every workflow type', () => {
    expect(new Set(histories.map((h) => h.type))).toEqual(
      new Set(['agreementLifecycle', 'censusCampaign', 'projectSheet']),
    );
  });

  it('covers both delivery paths: one activity per e-mail (v1–v2) and batches behind the deliver-by-day patch (v3)', () => {
    const activityTypes = (history: temporal.api.history.v1.History) =>
      new Set(
        history.events
          .map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name)
          .filter((name): name is string => Boolean(name)),
      );
    const lifecycles = histories.filter((h) => h.type === 'agreementLifecycle');
    const before = lifecycles.filter((h) => /^v[12]-/.test(h.file));
    const after = lifecycles.filter((h) => /^v3-/.test(h.file));
    expect(before.some((h) => activityTypes(h.history).has('deliverReminder'))).toBe(true);
    expect(before.every((h) => !activityTypes(h.history).has('deliverDay'))).toBe(true);
    expect(after.some((h) => activityTypes(h.history).has('deliverDay'))).toBe(true);
    expect(after.every((h) => !activityTypes(h.history).has('deliverReminder'))).toBe(true);
    expect(after.some((h) => patches(h.history).some((details) => details.includes('"id":"deliver-by-day"')))).toBe(
      true,
    );
  });

  it('covers the bounded state: v4 runs compact what they carry (bounded-state patch), earlier ones do not', () => {
    /** The state a run was started with (continue-as-new), as JSON. */
    const carried = (history: temporal.api.history.v1.History) => {
      const payload = history.events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
      return JSON.parse(Buffer.from(payload?.data ?? []).toString('utf8')) as { state?: { pastYears?: unknown } };
    };
    const lifecycles = histories.filter((h) => h.type === 'agreementLifecycle');
    const v4 = lifecycles.filter((h) => /^v4-/.test(h.file));
    const earlier = lifecycles.filter((h) => /^v[123]-/.test(h.file));
    expect(v4.some((h) => patches(h.history).some((d) => d.includes('"id":"bounded-state"')))).toBe(true);
    expect(earlier.every((h) => !patches(h.history).some((d) => d.includes('"id":"bounded-state"')))).toBe(true);
    expect(v4.some((h) => Array.isArray(carried(h.history).state?.pastYears))).toBe(true);
    expect(earlier.every((h) => carried(h.history).state?.pastYears === undefined)).toBe(true);
  });

  it('covers v5: the journal and changes of person carried, a late start caught up (late-reminders patch)', () => {
    const carried = (history: temporal.api.history.v1.History) => {
      const payload = history.events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
      return JSON.parse(Buffer.from(payload?.data ?? []).toString('utf8')) as {
        state?: {
          journal?: unknown[];
          pastYears?: { operations?: number }[];
          personChanges?: { appliedOn?: string }[];
        };
      };
    };
    const updates = (history: temporal.api.history.v1.History) =>
      history.events.map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name);
    const lifecycles = histories.filter((h) => h.type === 'agreementLifecycle');
    const v5 = lifecycles.filter((h) => /^v5-/.test(h.file));
    const earlier = lifecycles.filter((h) => /^v[1-4]-/.test(h.file));
    const lateStart = v5.find((h) => h.file.includes('late-start'));
    expect(lateStart && patches(lateStart.history).some((d) => d.includes('"id":"late-reminders"'))).toBe(true);
    expect(earlier.every((h) => !patches(h.history).some((d) => d.includes('"id":"late-reminders"')))).toBe(true);
    expect(v5.some((h) => updates(h.history).includes('changePerson'))).toBe(true);
    const states = v5.map((h) => carried(h.history).state).filter((s) => s !== undefined);
    // These v5 histories were recorded when last year's operations were counted, not carried; the
    // journal now keeps every year's (state-compaction.ts), which changes the continue-as-new input
    // only: they still replay. Changes of person are carried.
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((s) => Array.isArray(s.journal))).toBe(true);
    expect(states.some((s) => s.pastYears?.some((y) => (y.operations ?? 0) > 0))).toBe(true);
    const changes = states.flatMap((s) => s.personChanges ?? []);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.appliedOn !== undefined)).toBe(true);
    expect(earlier.every((h) => carried(h.history).state?.journal === undefined)).toBe(true);
  });

  it('covers v6: every lifecycle run records the census-loop and meeting-followups patches, earlier ones do not', () => {
    const lifecycles = histories.filter((h) => h.type === 'agreementLifecycle');
    const v6 = lifecycles.filter((h) => /^v6-/.test(h.file));
    expect(v6.length).toBeGreaterThan(0);
    for (const id of ['census-loop', 'meeting-followups']) {
      const withPatch = (h: { history: temporal.api.history.v1.History }) =>
        patches(h.history).some((d) => d.includes(`"id":"${id}"`));
      expect(v6.every(withPatch), id).toBe(true);
      expect(lifecycles.filter((h) => /^v[1-5]-/.test(h.file)).some(withPatch), id).toBe(false);
    }
  });

  it('covers v7: a run records one marker (lean-runs) for every earlier patch, where v6 recorded several', () => {
    const lifecycles = histories.filter((h) => h.type === 'agreementLifecycle');
    const v7 = oneMarkerRuns(lifecycles, 'v7', 'lean-runs');
    // The same scenario recorded by v6 (record-histories.ts): each of its runs met two patches or more.
    for (const h of v7) {
      const v6 = lifecycles.find((other) => other.file === h.file.replace(/^v7-/, 'v6-'));
      expect(v6, h.file).toBeDefined();
      expect(patches(v6!.history).length, h.file).toBeGreaterThan(1);
    }
  });

  it('covers v8: one marker (long-runs), a run that lives past 1 January and continues as new by size', () => {
    const lifecycles = histories.filter((h) => h.type === 'agreementLifecycle');
    const v8 = oneMarkerRuns(lifecycles, 'v8', 'long-runs');
    // The first run: started with a small run limit, it ended by size, not at the new year it went through.
    const run1 = v8.find((h) => h.file === 'v8-agreement-lifecycle-run1.json')!.history.events;
    const input = run1[0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    const { runEventLimit } = JSON.parse(Buffer.from(input.data!).toString('utf8')) as { runEventLimit: number };
    expect(run1.at(-1)!.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
    expect(run1.length).toBeGreaterThanOrEqual(runEventLimit);
    const at = (e: temporal.api.history.v1.IHistoryEvent) => new Date(Number(e.eventTime!.seconds) * 1000);
    expect(at(run1.at(-1)!).getUTCFullYear()).toBeGreaterThan(at(run1[0]!).getUTCFullYear());
  });

  it('covers v9: one marker (lean-runs-v9) standing for long-runs and before, runs still ended by size', () => {
    const lifecycles = histories.filter((h) => h.type === 'agreementLifecycle');
    const v9 = oneMarkerRuns(lifecycles, 'v9', 'lean-runs-v9');
    const run1 = v9.find((h) => h.file === 'v9-agreement-lifecycle-run1.json')!.history.events;
    expect(run1.at(-1)!.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
  });

  it('replays each without non-determinism', async () => {
    const bundle = await workflowBundle();
    for (const { file, history } of histories) {
      await expect(Worker.runReplayHistory({ workflowBundle: bundle }, history, file), file).resolves.toBeUndefined();
    }
  });
});
