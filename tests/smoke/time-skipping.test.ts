import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeSkippingServerExecutable } from '../../dev/temporal-binaries';
import { installQuietRuntime } from '../support/runtime';
import type { sleeper } from './sleeper.workflow';

const DAY_MS = 24 * 3600 * 1000;

describe('time-skipping test server (smoke)', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    installQuietRuntime();
    const { executable, source } = timeSkippingServerExecutable();
    console.log(`[smoke] time-skipping server: ${source}`);
    // No try/catch: a server that cannot start must fail this suite, never skip it.
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable } });
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('runs a workflow that sleeps 400 days in seconds of wall time', async () => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'smoke-time-skipping',
      workflowsPath: fileURLToPath(new URL('./sleeper.workflow.ts', import.meta.url)),
    });
    const wallStart = performance.now();
    const workflowElapsedMs = await worker.runUntil(
      env.client.workflow.execute<typeof sleeper>('sleeper', {
        args: [400],
        taskQueue: 'smoke-time-skipping',
        workflowId: 'smoke-sleeper-400-days',
      }),
    );
    const wallSeconds = (performance.now() - wallStart) / 1000;
    console.log(`[smoke] 400 days of workflow time took ${wallSeconds.toFixed(1)} s of wall time`);
    expect(workflowElapsedMs).toBeGreaterThanOrEqual(400 * DAY_MS);
    expect(wallSeconds).toBeLessThan(60);
  });
});
