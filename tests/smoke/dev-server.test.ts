import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devServerExecutable } from '../../dev/temporal-binaries';
import { AgreementEndsOn, AgreementId } from '../../contracts/search-attributes';
import { installQuietRuntime } from '../support/runtime';
import { waitFor } from '../support/wait-for';
import type { echoId } from './sleeper.workflow';

describe('Temporal CLI dev server (smoke)', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    installQuietRuntime();
    const { executable, source } = devServerExecutable();
    console.log(`[smoke] dev server: ${source}`);
    env = await TestWorkflowEnvironment.createLocal({
      server: { executable, searchAttributes: [AgreementId, AgreementEndsOn] },
    });
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('is a real Temporal server', async () => {
    const info = await env.connection.workflowService.getSystemInfo({});
    const cluster = await env.connection.workflowService.getClusterInfo({});
    console.log(`[smoke] dev server answers: Temporal server ${cluster.serverVersion}`);
    expect(info.capabilities?.upsertMemo).toBe(true);
    expect(cluster.serverVersion).toMatch(/^1\.\d+\.\d+/);
  });

  it('runs a client-started workflow on a worker and finds it by custom search attributes', async () => {
    const taskQueue = 'smoke-dev-server';
    const workflowId = `smoke-echo-${Date.now()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: fileURLToPath(new URL('./sleeper.workflow.ts', import.meta.url)),
    });
    const endsOn = new Date('2027-12-31T23:00:00.000Z');
    const result = await worker.runUntil(
      env.client.workflow.execute<typeof echoId>('echoId', {
        taskQueue,
        workflowId,
        typedSearchAttributes: [
          { key: AgreementId, value: 'smoke-agreement' },
          { key: AgreementEndsOn, value: endsOn },
        ],
      }),
    );
    expect(result).toBe(workflowId);

    // Visibility is eventually consistent: poll (bounded) until the query sees the run.
    const query = `AgreementId = 'smoke-agreement' AND AgreementEndsOn BETWEEN '2027-12-01T00:00:00Z' AND '2028-01-01T00:00:00Z'`;
    const found = await waitFor(
      async () => {
        const ids: string[] = [];
        for await (const wf of env.client.workflow.list({ query })) ids.push(wf.workflowId);
        return ids.includes(workflowId) ? ids : undefined;
      },
      { timeoutMs: 20_000, what: `visibility query ${query}` },
    );
    expect(found).toContain(workflowId);

    // And the attribute really filters: a range that excludes the end date finds nothing.
    const excluded: string[] = [];
    for await (const wf of env.client.workflow.list({
      query: `AgreementId = 'smoke-agreement' AND AgreementEndsOn < '2027-01-01T00:00:00Z'`,
    })) {
      excluded.push(wf.workflowId);
    }
    expect(excluded).toEqual([]);

    const description = await env.client.workflow.getHandle(workflowId).describe();
    expect(description.typedSearchAttributes.get(AgreementId)).toBe('smoke-agreement');
    expect(description.typedSearchAttributes.get(AgreementEndsOn)?.toISOString()).toBe(endsOn.toISOString());
  });
});
