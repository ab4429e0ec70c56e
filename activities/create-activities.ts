/**
 * Creates the activities with their dependencies injected; the worker registers
 * the returned object and workflows proxy `ReturnType<typeof createActivities>`.
 *
 * @module
 */
import { createDeliverDay } from './deliver-day';
import { prepareReminder, sendReminder, type ActivityDeps } from './deliver-reminder';
import type { DeliveryReceipt, ReminderMessage } from '../contracts/reminder-message';

const DEFAULT_PARALLEL_SENDS = 4;

export function createActivities(deps: ActivityDeps) {
  const send = (message: ReminderMessage): Promise<DeliveryReceipt> => sendReminder(deps, message);
  return {
    /**
     * One e-mail per activity: what lifecycles recorded before the `deliver-by-day` patch
     * scheduled. Kept registered so those histories still run; also handy for scripts. It does
     * not use the delivery ledger: no lifecycle schedules it any more.
     */
    deliverReminder: send,
    /** One wake-up's e-mails of one agreement (see `activities/deliver-day.ts`). */
    deliverDay: createDeliverDay((message) => prepareReminder(deps, message), {
      parallelSends: deps.parallelSends ?? DEFAULT_PARALLEL_SENDS,
      ledger: deps.ledger,
      progressEveryMs: deps.progressEveryMs,
    }),
  };
}

export type PacteActivities = ReturnType<typeof createActivities>;
