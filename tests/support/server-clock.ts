/**
 * The clock of a Temporal server, read from the server itself: the start time it stamps on a
 * workflow. Tests against a server place their dated inputs relative to this clock, not to the
 * test process's (they differ when the test's clock is moved, and a dev server keeps the real one).
 * The probe workflow runs on a task queue no worker polls and is terminated at once.
 */
import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';

export async function serverNowMs(client: Client): Promise<number> {
  const handle = await client.workflow.start('clockProbe', {
    taskQueue: 'pacte-clock-probe',
    workflowId: `clock-probe-${randomUUID()}`,
  });
  try {
    const { startTime } = await handle.describe();
    return startTime.getTime();
  } finally {
    await handle.terminate('clock read');
  }
}
