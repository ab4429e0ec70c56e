// Test-only workflow: runs the real `deliverDay` activity with a retry policy in seconds, so a
// real server's retries can be observed in wall-clock time (the lifecycle waits minutes).
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { PacteActivities } from '../../activities';
import { failedBatchOutcomes, type DeliveryOutcome, type ReminderBatch } from '../../contracts/delivery-batch';

const { deliverDay } = proxyActivities<PacteActivities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 1, maximumAttempts: 3 },
});

/** The batch's outcomes, or, when retries run out, what the final failure says was settled. */
export async function deliverBatchQuickly(
  batch: ReminderBatch,
): Promise<{ outcomes: DeliveryOutcome[]; exhausted: boolean }> {
  try {
    return { outcomes: await deliverDay(batch), exhausted: false };
  } catch (err) {
    if (!(err instanceof ActivityFailure) || !(err.cause instanceof ApplicationFailure)) throw err;
    const ids = batch.messages.map((m) => m.messageId);
    return { outcomes: failedBatchOutcomes(err.cause.details?.[0], ids, err.cause.message), exhausted: true };
  }
}
