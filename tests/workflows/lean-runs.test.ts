/**
 * v7 and v8 (`lean-runs`, `long-runs`, workflows/patches.ts) on a real server, the Temporal CLI dev
 * server: a lifecycle started as every starter starts it (client/lifecycle-start-options.ts) does
 * not write again the memo and search attributes its start set (the first deadline included), and
 * when the server suggests continue-as-new the lifecycle does it, and the new run, which the server
 * makes carry them, upserts nothing unchanged and records one patch marker.
 *
 * The server is told to suggest continue-as-new from a short history (dynamic config
 * `limit.historyCount.suggestContinueAsNew`), so that a run ends after a few operations instead of
 * a year. (The time-skipping server does not carry search attributes or memo across
 * continue-as-new, hence a real server here.)
 */
import type { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities, createMailTransport } from '../../activities';
import { lifecycleStartOptions } from '../../client/lifecycle-start-options';
import * as messages from '../../contracts/messages';
import { AgreementId, AgreementPhase, NextDeadline, PACTE_SEARCH_ATTRIBUTES } from '../../contracts/search-attributes';
import { devServerExecutable } from '../../dev/temporal-binaries';
import type { Agreement } from '../../domain/agreement';
import { PATCH_LEAN_RUNS_V9 } from '../../workflows/patches';
import { createPacteWorker } from '../../worker/create-worker';
import { exampleAgreement, workflowBundle } from '../support/lifecycle-env';
import { yearsAhead } from '../support/lifecycle-helpers';
import { installQuietRuntime } from '../support/runtime';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { waitFor } from '../support/wait-for';

const TASK_QUEUE = 'lean-runs';
/** Start, first task, marker, upsert and timer are about 8 events: a couple of operations pass it. */
const SUGGEST_CONTINUE_AS_NEW_AT = 12;

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

function patchIds(events: HistoryEvent[]): string[] {
  return events
    .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')
    .flatMap((e) => Object.values(e.markerRecordedEventAttributes?.details ?? {}).flatMap((p) => p.payloads ?? []))
    .map((payload) => (JSON.parse(Buffer.from(payload.data ?? []).toString('utf8')) as { id: string }).id);
}

describe('lean runs (v7) on the dev server', () => {
  let env: TestWorkflowEnvironment;
  let sink: SmtpSink;
  let worker: Worker;
  let running: Promise<void>;
  let agreement: Agreement;

  beforeAll(async () => {
    installQuietRuntime();
    const [testEnv, smtp, bundle] = await Promise.all([
      TestWorkflowEnvironment.createLocal({
        server: {
          executable: devServerExecutable().executable,
          searchAttributes: PACTE_SEARCH_ATTRIBUTES,
          extraArgs: [
            '--dynamic-config-value',
            `limit.historyCount.suggestContinueAsNew=${SUGGEST_CONTINUE_AS_NEW_AT}`,
          ],
        },
      }),
      startSmtpSink(),
      workflowBundle(),
    ]);
    env = testEnv;
    sink = smtp;
    worker = await createPacteWorker({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      activities: createActivities({
        transport: createMailTransport({ smtpUrl: sink.url, timeoutMs: 10_000 }),
        from: 'Pacte <pacte@example.org>',
      }),
      workflowBundle: bundle,
    });
    running = worker.run();
    // Signed 15 January of this year, or of the last one before 26 January (the test notifies
    // disputes up to ten days back, none before the signature): running, whatever the date.
    const today = DateTime.fromMillis(await env.currentTimeMs(), { zone: 'utc' });
    const signedThisYear = today >= today.set({ month: 1, day: 26 }).startOf('day');
    agreement = await exampleAgreement(
      'convention-cadre-terre-valserhone',
      (await yearsAhead(env, '2025-01-15')) - (signedThisYear ? 1 : 2),
    );
  }, 120_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await sink?.stop();
  });

  it('writes neither memo nor unchanged search attributes again, and one marker per run', async () => {
    const handle = await env.client.workflow.start('agreementLifecycle', lifecycleStartOptions(agreement, TASK_QUEUE));
    const firstRunId = handle.firstExecutionRunId;
    await waitFor(async () => (await handle.query(messages.stateQuery)).nextDeadline, {
      timeoutMs: 30_000,
      what: 'the first task',
    });

    // Operations until the server suggests continuing as new and the lifecycle does.
    const today = DateTime.fromMillis(await env.currentTimeMs(), { zone: agreement.timezone });
    for (let day = 1; (await handle.describe()).runId === firstRunId; day++) {
      expect(day, 'operations before continue-as-new').toBeLessThanOrEqual(10);
      const notifiedOn = today.minus({ days: day - 1 }).toISODate()!;
      await handle.executeUpdate(messages.recordDispute, {
        args: [{ byParty: agreement.parties[0]!.id, notifiedOn, recordedBy: { via: 'cli', account: 'test' } }],
      });
    }
    const view = await handle.query(messages.stateQuery);
    const second = await handle.describe();
    await waitFor(
      async () =>
        (await env.client.workflow.getHandle(handle.workflowId, second.runId).fetchHistory()).events!.some(
          (e) => e.timerStartedEventAttributes,
        ) || undefined,
      { timeoutMs: 30_000, what: 'the second run’s first task, ending with its timer' },
    );

    const first = (await env.client.workflow.getHandle(handle.workflowId, firstRunId).fetchHistory()).events!;
    const next = (await env.client.workflow.getHandle(handle.workflowId, second.runId).fetchHistory()).events!;
    const upserts = (events: HistoryEvent[]) =>
      events
        .filter((e) => e.upsertWorkflowSearchAttributesEventAttributes)
        .map((e) =>
          Object.keys(e.upsertWorkflowSearchAttributesEventAttributes!.searchAttributes?.indexedFields ?? {}).sort(),
        );
    const memoWrites = (events: HistoryEvent[]) => events.filter((e) => e.workflowPropertiesModifiedEventAttributes);

    // The SDK writes each patch a run meets into `TemporalChangeVersion` too (one upsert per patch):
    // one for `lean-runs-v9` (v9, which stands for `long-runs` and `lean-runs`), where a run before v7 wrote up to five.
    // First run: the memo and every attribute are the start's, the first deadline included.
    expect(memoWrites(first)).toEqual([]);
    expect(upserts(first)).toEqual([['TemporalChangeVersion']]);
    expect(patchIds(first)).toEqual([PATCH_LEAN_RUNS_V9]);
    // Second run: started with the attributes and memo the server carried, it writes neither again.
    expect(memoWrites(next)).toEqual([]);
    expect(upserts(next)).toEqual([['TemporalChangeVersion']]);
    expect(patchIds(next)).toEqual([PATCH_LEAN_RUNS_V9]);
    expect(second.memo).toMatchObject({ title: agreement.title });
    expect(second.typedSearchAttributes.get(AgreementId)).toBe(agreement.id);
    expect(second.typedSearchAttributes.get(AgreementPhase)).toBe(view.phase);
    expect(second.typedSearchAttributes.get(NextDeadline)?.getTime()).toBe(Date.parse(view.nextDeadline!));
    expect(view.disputes.length).toBeGreaterThan(0);
    await handle.terminate('test over');
  }, 120_000);
});
