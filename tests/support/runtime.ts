/**
 * Installs the SDK's Runtime once per test process: `Runtime.install` throws when called twice,
 * and vitest runs each test file in its own forked process. Quiet (warnings and errors) by
 * default; a test that reads the worker's log installs a capturing one first.
 */
import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';

let installed = false;

export function installQuietRuntime(options: { metricsAddress?: string } = {}): void {
  if (installed) return;
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    // The SDK's own metrics on a Prometheus endpoint (tests/support/sdk-metrics.ts reads them).
    ...(options.metricsAddress
      ? { telemetryOptions: { metrics: { prometheus: { bindAddress: options.metricsAddress } } } }
      : {}),
  });
  installed = true;
}

/**
 * Installs a Runtime whose logger keeps every entry from `INFO` up (workflow, activity and worker
 * logs, with their metadata) and prints warnings and errors as the quiet one does. Call before
 * anything else creates a worker or a test environment in the process.
 */
export function installCapturingRuntime(): LogEntry[] {
  if (installed) throw new Error('the Runtime is already installed in this test process');
  const entries: LogEntry[] = [];
  const print = new DefaultLogger('WARN');
  Runtime.install({
    logger: new DefaultLogger('INFO', (entry) => {
      entries.push(entry);
      if (entry.level === 'WARN' || entry.level === 'ERROR') print.log(entry.level, entry.message, entry.meta);
    }),
  });
  installed = true;
  return entries;
}
