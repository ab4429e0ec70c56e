/**
 * Installs the SDK's Runtime once per test process with a quiet logger: `Runtime.install`
 * throws when called twice, and vitest runs each test file in its own forked process.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';

let installed = false;

export function installQuietRuntime(): void {
  if (installed) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  installed = true;
}
