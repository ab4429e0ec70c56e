/**
 * Reading the SDK's metrics from the Prometheus endpoint a Runtime was installed with
 * (`installQuietRuntime({ metricsAddress })`): how many workflow tasks a worker has run, which
 * tells when a bulk start has settled without adding a single action to the lifecycles.
 */
import { createServer } from 'node:net';

/** A free loopback port for a metrics endpoint, as `127.0.0.1:<port>`. */
export function freeLoopbackAddress(): Promise<string> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(`127.0.0.1:${port}`));
    });
  });
}

/** Sum of a metric's samples whose labels include every given one. */
export function sumMetric(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) total += value;
  }
  return total;
}

/** Workflow tasks executed (not replays) on `taskQueue` by the workers of the Runtime at `address`. */
export async function workflowTasksExecuted(address: string, taskQueue: string): Promise<number> {
  const response = await fetch(`http://${address}/metrics`);
  if (!response.ok) throw new Error(`metrics at ${address}: HTTP ${response.status}`);
  return sumMetric(await response.text(), 'temporal_workflow_task_execution_latency_count', { task_queue: taskQueue });
}
