/**
 * How `npm start` starts the demonstration (dev/demo.ts) on a real Temporal dev server: started
 * once, kept (same run) while it runs, never doubled; once it has ended, the next start places
 * a new run under the same id. No worker is needed: this is about the server's id rules.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../dev/demo';
import { devServerExecutable } from '../../dev/temporal-binaries';
import { PACTE_SEARCH_ATTRIBUTES } from '../../contracts/search-attributes';
import { installQuietRuntime } from '../support/runtime';

const TASK_QUEUE = 'pacte-demo-lifecycle';

describe('the demonstration lifecycle', () => {
  let env: TestWorkflowEnvironment | undefined;

  beforeAll(async () => {
    installQuietRuntime();
    env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: devServerExecutable().executable,
        ip: '127.0.0.1',
        searchAttributes: PACTE_SEARCH_ATTRIBUTES,
      },
    });
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('is kept while it runs and replaced by a new run once it has ended', async () => {
    const client = env!.client;
    const first = await startDemo(client, TASK_QUEUE);
    expect(first.outcome).toBe('started');
    expect(first.workflowId).toBe('agreement-demo-pacte');
    const handle = client.workflow.getHandle(first.workflowId);
    const { runId } = await handle.describe();

    const again = await startDemo(client, TASK_QUEUE);
    expect(again.outcome).toBe('existing');
    expect((await handle.describe()).runId).toBe(runId);
    expect((await handle.describe()).status.name).toBe('RUNNING');

    // Ended (here by termination; on its own, the day after its meeting): the next start places a new one.
    await handle.terminate('test: the demonstration has ended');
    const after = await startDemo(client, TASK_QUEUE);
    expect(after.outcome).toBe('started');
    const latest = await client.workflow.getHandle(first.workflowId).describe();
    expect(latest.runId).not.toBe(runId);
    expect(latest.status.name).toBe('RUNNING');
  });
});
