/**
 * Starting the real time-skipping server for a test file. The SDK gives an `existing-path`
 * server a fixed 5 seconds to listen (sdk-core ephemeral_server); a JVM on a busy 2-core machine
 * sometimes needs more. A start that times out is retried (twice at most, and said so); any other
 * failure, or a third timeout, fails the suite: a missing server never skips tests.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { timeSkippingServerExecutable } from '../../dev/temporal-binaries';

const ATTEMPTS = 3;

export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const { executable } = timeSkippingServerExecutable();
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({ server: { executable } });
    } catch (err) {
      const slowStart = err instanceof Error && /did not start within/.test(err.message);
      if (!slowStart || attempt === ATTEMPTS) throw err;
      console.warn(`[test] time-skipping server slow to start (attempt ${attempt}/${ATTEMPTS}), retrying`);
    }
  }
}
