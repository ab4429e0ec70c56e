/**
 * The figures of SCALING.md "Steady state": one Pacte worker process holding N sleeping
 * lifecycles (reminders hours ahead), its resident memory and CPU time once they are all started
 * and then over one idle minute, and the Temporal services' memory. Not an assertion suite: run
 * on demand, `PACTE_CLUSTER_STEADY=1000 npm run test:cluster -- tests/cluster/live/steady-state`.
 */
import { execFileSync } from 'node:child_process';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleWorkflowId } from '../../../contracts/workflow-ids';
import {
  dueBatch,
  readClusterPid,
  sleep,
  startLifecycles,
  startSingleWorkerEnv,
  type SingleWorkerEnv,
  type WorkerProcess,
} from './cluster-env';

const N = Number(process.env.PACTE_CLUSTER_STEADY || 0);
const TASK_QUEUE = 'pacte-cluster-steady';

function serviceRssMb(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const service of ['frontend', 'history', 'matching', 'worker']) {
    const pid = readClusterPid(service);
    if (pid === undefined) continue;
    out[service] = Math.round(
      Number(
        execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
          .toString()
          .trim(),
      ) / 1024,
    );
  }
  return out;
}

describe(`steady state: one worker, ${N} sleeping lifecycles`, () => {
  let env: SingleWorkerEnv;
  let client: Client;
  let worker: WorkerProcess;

  beforeAll(async () => {
    env = await startSingleWorkerEnv('worker-s', TASK_QUEUE);
    ({ client, worker } = env);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('measures memory and CPU', async () => {
    await sleep(5_000);
    const idle = worker.usage;
    const batch = dueBatch(`st-${Date.now().toString(36)}`, N, 2 * 3600);
    const t0 = Date.now();
    await startLifecycles(client, batch.agreements, TASK_QUEUE);
    const startSeconds = (Date.now() - t0) / 1000;
    // Until every lifecycle has run its first task (the worker's cache stops growing).
    let last = -1;
    while (worker.usage.cached !== last) {
      last = worker.usage.cached;
      await sleep(6_000);
    }
    const loaded = worker.usage;
    await sleep(60_000);
    const after = worker.usage;
    const figures = {
      lifecycles: N,
      startSeconds: Number(startSeconds.toFixed(1)),
      startsPerSecond: Math.round(N / startSeconds),
      idleWorkerRssMb: idle.rssMb,
      loadedWorkerRssMb: loaded.rssMb,
      cached: loaded.cached,
      mbPerCachedLifecycle: Number(((loaded.rssMb - idle.rssMb) / Math.max(1, loaded.cached)).toFixed(2)),
      cpuSecondsToStartAll: Number((loaded.cpuSeconds - idle.cpuSeconds).toFixed(1)),
      cpuSecondsIdleMinute: Number((after.cpuSeconds - loaded.cpuSeconds).toFixed(2)),
      services: JSON.stringify(serviceRssMb()),
    };
    console.log(`[cluster] steady state: ${JSON.stringify(figures)}`);
    expect(loaded.cached).toBeGreaterThan(0);
    const lanes = [...batch.agreements];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let a = lanes.shift(); a; a = lanes.shift())
          await client.workflow.getHandle(lifecycleWorkflowId(a.id)).terminate('measure over');
      }),
    );
  });
});
