/**
 * Durability across a full restart: lifecycles with a reminder a few minutes ahead, then
 * everything stopped (Pacte worker, the four Temporal services, PostgreSQL), started again from
 * the same data before the due minute (the test fails if the restart took longer); every
 * lifecycle is there, nothing was sent while down or early, and the timers fire at their original
 * minute (every message within a minute of it).
 *
 * `PACTE_CLUSTER_FULL_RESTART=0` leaves this file out (vitest.cluster.config.ts) (it stops the
 * machine's PostgreSQL). Needs a cluster started by `scripts/cluster.sh` on this machine: against
 * any other server it fails, saying so.
 */
import type { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateQuery } from '../../../contracts/messages';
import { lifecycleWorkflowId } from '../../../contracts/workflow-ids';
import { installQuietRuntime } from '../../support/runtime';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { waitFor } from '../../support/wait-for';
import {
  clusterScript,
  connectClient,
  countByMessageId,
  dueBatch,
  readClusterPid,
  requireClusterControl,
  sleep,
  startLifecycles,
  startWorkerProcess,
  type WorkerProcess,
} from './cluster-env';

const N = Number(process.env.PACTE_CLUSTER_RESTART_LIFECYCLES || 20);
const TASK_QUEUE = 'pacte-cluster-restart';

describe('full restart, PostgreSQL included', () => {
  let client: Client;
  let connection: Connection;
  let sink: SmtpSink;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    requireClusterControl('The full-restart suite', 'PACTE_CLUSTER_FULL_RESTART=0');
    installQuietRuntime();
    ({ client, connection } = await connectClient());
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await worker?.stop();
    await sink?.stop();
    await connection?.close();
  });

  it('keeps every lifecycle and fires its timers at their original time', async () => {
    // Was the launcher's own Pacte worker running? Then it is started again at the end.
    const pacteWorkerWasUp = readClusterPid('pacte-worker') !== undefined;
    worker = await startWorkerProcess('worker-r', sink, TASK_QUEUE);
    const batch = dueBatch(`rst-${Date.now().toString(36)}`, N, 150);
    const ids = new Set(batch.agreements.map((a) => a.id));
    await startLifecycles(client, batch.agreements, TASK_QUEUE);
    // Every lifecycle has run its first task (its timer is set) before the cluster goes down.
    for (const a of batch.agreements) {
      await waitFor(
        async () =>
          (await client.workflow.getHandle(lifecycleWorkflowId(a.id)).query(stateQuery)).nextDeadline
            ? true
            : undefined,
        {
          timeoutMs: 60_000,
          what: `${a.id} planned`,
        },
      );
    }
    console.log(
      `[cluster] ${N} lifecycles planned, reminders due at ${batch.dueAt.toISOString()}; stopping everything`,
    );
    await worker.stop();
    worker = undefined;
    await connection.close();

    const t0 = Date.now();
    await clusterScript('--down', '--all');
    await sleep(3_000);
    await clusterScript('--no-pacte', '--no-ui');
    const restartSeconds = (Date.now() - t0) / 1000;
    ({ client, connection } = await connectClient());
    const backBeforeDue = Date.now() < batch.dueAt.getTime();
    console.log(
      `[cluster] down and up again in ${restartSeconds.toFixed(1)} s (${backBeforeDue ? 'before' : 'after'} the due minute)`,
    );
    // The timing checks below need the cluster back before the due minute: a slower restart fails here.
    expect(
      backBeforeDue,
      `cluster back ${((Date.now() - batch.dueAt.getTime()) / 1000).toFixed(1)} s after the due minute (restart ${restartSeconds.toFixed(1)} s)`,
    ).toBe(true);

    // All there, still running, nothing sent while down.
    for (const a of batch.agreements) {
      expect((await client.workflow.getHandle(lifecycleWorkflowId(a.id)).describe()).status.name, a.id).toBe('RUNNING');
    }
    expect(countByMessageId(sink, ids).size).toBe(0);

    worker = await startWorkerProcess('worker-r2', sink, TASK_QUEUE);
    let firstArrival: number | undefined;
    const deadline = batch.dueAt.getTime() + 3 * 60_000;
    while (countByMessageId(sink, ids).size < batch.expectedMessages && Date.now() < deadline) {
      if (firstArrival === undefined && countByMessageId(sink, ids).size > 0) firstArrival = Date.now();
      await sleep(100);
    }
    const lastArrival = Date.now();
    firstArrival ??= lastArrival;
    const counts = countByMessageId(sink, ids);
    const figures = {
      lifecycles: N,
      expected: batch.expectedMessages,
      delivered: counts.size,
      duplicates: [...counts.values()].reduce((a, b) => a + b, 0) - counts.size,
      restartSeconds: Number(restartSeconds.toFixed(1)),
      firstSecondsAfterDue: Number(((firstArrival - batch.dueAt.getTime()) / 1000).toFixed(1)),
      lastSecondsAfterDue: Number(((lastArrival - batch.dueAt.getTime()) / 1000).toFixed(1)),
    };
    console.log(`[cluster] full restart: ${JSON.stringify(figures)}`);
    expect(figures.delivered).toBe(batch.expectedMessages);
    expect(figures.duplicates).toBe(0);
    // Not early, and on time.
    expect(firstArrival).toBeGreaterThanOrEqual(batch.dueAt.getTime());
    expect(figures.lastSecondsAfterDue).toBeLessThan(60);

    for (const a of batch.agreements)
      await client.workflow.getHandle(lifecycleWorkflowId(a.id)).terminate('cluster test over');
    if (pacteWorkerWasUp) await clusterScript();
  });
});
