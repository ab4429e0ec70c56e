/**
 * A service dies in the middle of the deliveries, nothing is lost. For each failure (the history
 * process, the matching process, one of two Pacte workers): N lifecycles whose reminders all fall
 * due at the same minute, `kill -9` once a share of the messages has arrived while others are in
 * flight, the process started again (the worker is not: the other one carries on), then every
 * message counted in the SMTP sink by Message-ID. Asserted: the kill fell mid-delivery (some but
 * not all messages delivered at the kill, deliveries in flight), otherwise the phase fails rather
 * than kill anyway; the Message-IDs received are exactly the ones the planner gives for the batch
 * (0 lost); duplicates at most the SMTP transactions open at the kill (a delivery that reached the
 * mail server but whose result the server never recorded is retried: the deterministic Message-ID
 * lets the mail server or the reader recognise it); every lifecycle still running with the right
 * next deadline. Figures are printed.
 *
 * Duplicates: at most the SMTP transactions the kill left open. The workers share the delivery
 * ledger in the cluster's PostgreSQL (cluster-env.ts), so a retried batch skips every message the
 * SMTP server accepted and the worker recorded; what remains is a message accepted while its
 * worker died before reading the 250. Each worker sends to an SMTP sink of its own, which counts
 * the transactions still open when the killed worker's connections closed (support/smtp-sink.ts);
 * a service kill leaves the workers and their transactions alone (then none may be duplicated).
 *
 * `PACTE_CLUSTER_LIFECYCLES` (default 200) sets N; `PACTE_CLUSTER_FAILURES` (default
 * `history,matching,worker`) which failures run, `none` leaves the file out. Needs a cluster
 * started by `scripts/cluster.sh` on this machine (it kills and restarts services by pid): against
 * any other server it fails, saying so.
 */
import type { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateQuery } from '../../../contracts/messages';
import { lifecycleWorkflowId } from '../../../contracts/workflow-ids';
import { installQuietRuntime } from '../../support/runtime';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import {
  clusterScript,
  connectClient,
  countByMessageId,
  dueBatch,
  expectedNextDeadline,
  killClusterService,
  requireClusterControl,
  sleep,
  startLifecycles,
  startWorkerProcess,
  type WorkerProcess,
} from './cluster-env';

const N = Number(process.env.PACTE_CLUSTER_LIFECYCLES || 200);
const KNOWN_FAILURES = ['history', 'matching', 'worker'];
const FAILURES = (process.env.PACTE_CLUSTER_FAILURES ?? KNOWN_FAILURES.join(','))
  .split(',')
  .map((s) => s.trim())
  .filter((s) => s && s !== 'none');
const unknown = FAILURES.filter((f) => !KNOWN_FAILURES.includes(f));
if (unknown.length > 0)
  throw new Error(
    `PACTE_CLUSTER_FAILURES: unknown ${unknown.join(', ')} (one or more of ${KNOWN_FAILURES.join(', ')}, or none)`,
  );
/** Kill once this share of the batch's messages has arrived. */
const KILL_AT = 0.25;
const TASK_QUEUE = 'pacte-cluster-failure';

interface Figures {
  failure: string;
  lifecycles: number;
  expected: number;
  deliveredAtKill: number;
  inFlightAtKill: number;
  smtpOpenAtKill: number;
  unique: number;
  lost: number;
  duplicates: number;
  startSeconds: number;
  downSeconds: number;
  lastDeliverySecondsAfterDue: number;
  /** The surviving workers after the phase: resident memory, CPU time, lifecycles cached. */
  workers: string;
}

const figures: Figures[] = [];

describe(`service failure mid-delivery (${N} lifecycles each)`, () => {
  let client: Client;
  let connection: Connection;
  /** One SMTP sink per worker (a, b): the sink of the killed worker counts its cut transactions. */
  let sinks: SmtpSink[] = [];
  let workers: WorkerProcess[] = [];

  beforeAll(async () => {
    requireClusterControl('The service-failure suite', 'PACTE_CLUSTER_FAILURES=none');
    installQuietRuntime();
    ({ client, connection } = await connectClient());
    sinks = await Promise.all([startSmtpSink(), startSmtpSink()]);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await Promise.all(sinks.map((sink) => sink.stop()));
    await connection?.close();
    if (figures.length > 0) {
      console.log('\n[cluster] failure figures');
      console.table(figures);
    }
  });

  // Only the chosen failures are defined (PACTE_CLUSTER_FAILURES): nothing shows as skipped.
  for (const failure of KNOWN_FAILURES.filter((f) => FAILURES.includes(f))) {
    it(`kill -9 ${failure}: 0 lost, duplicates ≤ SMTP transactions open at the kill, lifecycles running`, async () => {
      // Two Pacte workers, as a region would run them; the worker failure kills the second.
      await Promise.all(workers.map((w) => w.stop()));
      workers = await Promise.all([
        startWorkerProcess('worker-a', sinks[0]!, TASK_QUEUE),
        startWorkerProcess('worker-b', sinks[1]!, TASK_QUEUE),
      ]);

      const tag = `${failure.slice(0, 4)}-${Date.now().toString(36)}`;
      const batch = dueBatch(tag, N, 45 + N * 0.15);
      const ids = new Set(batch.agreements.map((a) => a.id));
      const t0 = Date.now();
      await startLifecycles(client, batch.agreements, TASK_QUEUE);
      const startSeconds = (Date.now() - t0) / 1000;
      console.log(
        `[cluster] ${failure}: ${N} lifecycles started in ${startSeconds.toFixed(1)} s, ${batch.expectedMessages} messages due at ${batch.dueAt.toISOString()}`,
      );
      expect(Date.now()).toBeLessThan(batch.dueAt.getTime());

      // Wait for a moment in the middle of the deliveries: a share delivered, not all, some in flight.
      const planned = batch.plannedMessageIds;
      const unique = (): number => [...countByMessageId(sinks, ids).keys()].filter((id) => planned.has(id)).length;
      const victim = failure === 'worker' ? workers[1]! : undefined;
      const inFlight = (): number => (victim ? victim.inFlight : workers.reduce((n, w) => n + w.inFlight, 0));
      const killAt = Math.max(1, Math.floor(batch.expectedMessages * KILL_AT));
      const waitUntil = batch.dueAt.getTime() + 120_000;
      for (;;) {
        const delivered = unique();
        if (delivered >= killAt && delivered < batch.expectedMessages && inFlight() > 0) break;
        if (delivered >= batch.expectedMessages || Date.now() > waitUntil) {
          throw new Error(
            `${failure}: no moment to kill mid-delivery (${delivered}/${batch.expectedMessages} delivered, ${inFlight()} in flight, ` +
              `${((Date.now() - batch.dueAt.getTime()) / 1000).toFixed(1)} s after the due minute): the fault would not have happened`,
          );
        }
        await sleep(5);
      }
      const inFlightAtKill = inFlight();
      const cutBefore = sinks.reduce((n, sink) => n + sink.cutTransactions, 0);
      const down = Date.now();
      if (victim) {
        victim.kill9();
        workers = workers.filter((w) => w !== victim);
        // Its connections close with it: its sink then knows which transactions were left open.
        const victimSink = sinks[1]!;
        const deadline = Date.now() + 10_000;
        while (victimSink.connections > 0) {
          if (Date.now() > deadline) throw new Error(`worker-b's SMTP connections still open 10 s after kill -9`);
          await sleep(5);
        }
      } else {
        await killClusterService(failure);
      }
      const deliveredAtKill = unique();
      // The fault happened where it was meant to: in the middle of the deliveries.
      expect(deliveredAtKill, 'messages delivered when the process died').toBeGreaterThan(0);
      expect(deliveredAtKill, 'messages delivered when the process died').toBeLessThan(batch.expectedMessages);
      expect(inFlightAtKill, 'deliveries in flight at the kill').toBeGreaterThan(0);
      if (!victim) await clusterScript('--restart', failure);
      // A worker kill: the transactions its connections carried. A service kill: no worker died, so
      // none should be cut; any connection closed meanwhile without QUIT counts all the same.
      const smtpOpenAtKill = sinks.reduce((n, sink) => n + sink.cutTransactions, 0) - cutBefore;
      const downSeconds = (Date.now() - down) / 1000;
      console.log(
        `[cluster] ${failure}: killed with ${deliveredAtKill}/${batch.expectedMessages} delivered, ${inFlightAtKill} in flight, ${smtpOpenAtKill} SMTP transactions open; back in ${downSeconds.toFixed(1)} s`,
      );

      // Every message arrives (a delivery lost with a process is retried after its 1 min timeout + 1 min backoff).
      const deadline = Date.now() + 6 * 60_000;
      while (unique() < batch.expectedMessages && Date.now() < deadline) await sleep(200);
      const lastDelivery = Date.now();
      // Late duplicates (retries of deliveries that did reach the sink) would come within the same delays.
      await sleep(5_000);
      const counts = countByMessageId(sinks, ids);
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      const row: Figures = {
        failure,
        lifecycles: N,
        expected: batch.expectedMessages,
        deliveredAtKill,
        inFlightAtKill,
        smtpOpenAtKill,
        unique: counts.size,
        lost: batch.expectedMessages - counts.size,
        duplicates: total - counts.size,
        startSeconds: Number(startSeconds.toFixed(1)),
        downSeconds: Number(downSeconds.toFixed(1)),
        lastDeliverySecondsAfterDue: Number(((lastDelivery - batch.dueAt.getTime()) / 1000).toFixed(1)),
        workers: workers
          .map((w) => `${w.name} ${w.usage.rssMb} MB ${w.usage.cpuSeconds.toFixed(1)} s cpu ${w.usage.cached} cached`)
          .join('; '),
      };
      figures.push(row);
      console.log(`[cluster] ${JSON.stringify(row)}`);
      // Exactly the planned e-mails arrived: compared with the planner's Message-IDs, not only with what the lifecycles recorded.
      const received = new Set(counts.keys());
      expect(
        [...planned].filter((id) => !received.has(id)),
        'planned e-mails not received',
      ).toEqual([]);
      expect(
        [...received].filter((id) => !planned.has(id)),
        'e-mails received that were not planned',
      ).toEqual([]);
      expect(row.lost).toBe(0);
      // The delivery ledger's bound: at most one per transaction the kill left open (pool size 10 per worker).
      expect(smtpOpenAtKill).toBeLessThanOrEqual(10);
      expect(row.duplicates).toBeLessThanOrEqual(smtpOpenAtKill);

      // Every lifecycle is still running, has recorded its two deliveries and shows the right next deadline.
      const lanes = [...batch.agreements];
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let a = lanes.shift(); a; a = lanes.shift()) {
            const handle = client.workflow.getHandle(lifecycleWorkflowId(a.id));
            const state = await handle.query(stateQuery);
            expect(state.sent.length, a.id).toBe(2);
            expect(Date.parse(state.nextDeadline ?? ''), a.id).toBe(expectedNextDeadline(a));
            expect((await handle.describe()).status.name, a.id).toBe('RUNNING');
          }
        }),
      );
      // Leave the cluster clean for the next phase and the next run.
      const done = [...batch.agreements];
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let a = done.shift(); a; a = done.shift())
            await client.workflow.getHandle(lifecycleWorkflowId(a.id)).terminate('cluster test over');
        }),
      );
    });
  }
});
