/**
 * Sending a wake-up's reminders and recording every outcome in the lifecycle's state: one e-mail
 * per person per day, grouped in batches for the `deliverDay` activity (one outcome per e-mail;
 * before the patch `deliver-by-day`, one activity per e-mail). A delivered or abandoned e-mail is
 * never sent again; an invitation sent is remembered so a moved meeting updates it.
 *
 * @module
 */
import * as wf from '@temporalio/workflow';
import { ActivityFailure, ApplicationFailure, TimeoutFailure } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { failedBatchOutcomes, progressOutcomes, type DeliveryOutcome } from '../contracts/delivery-batch';
import { INVALID_REMINDER_MESSAGE, PERMANENT_DELIVERY_FAILURE } from '../contracts/errors';
import type { LifecycleState } from '../contracts/lifecycle-state';
import type { ReminderMessage } from '../contracts/reminder-message';
import { composeMessages, type OutgoingMessage } from './compose-messages';
import { batchMessages, waves } from './delivery-batches';
import { markDelivered, recordSent } from './delivery-records';
import type { DueItem } from './due-items';
import type { LifecycleClock } from './lifecycle-context';
import { PATCH_DELIVER_BY_DAY, type RunPatches } from './patches';

type Activities = ReturnType<typeof createActivities>;

/** Transient SMTP trouble is retried for about four hours; a refused recipient never is. */
const DELIVERY_OPTIONS: wf.ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 minute',
    backoffCoefficient: 2,
    maximumInterval: '1 hour',
    maximumAttempts: 8,
    nonRetryableErrorTypes: [PERMANENT_DELIVERY_FAILURE],
  },
};
/**
 * A batch: the same retry policy; a heartbeat after each e-mail, so a crashed worker is noticed
 * within a minute and the retry skips what was accepted.
 */
const BATCH_OPTIONS: wf.ActivityOptions = {
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { ...DELIVERY_OPTIONS.retry, nonRetryableErrorTypes: [INVALID_REMINDER_MESSAGE] },
};
const { deliverReminder, deliverDay } = wf.proxyActivities<Activities>(DELIVERY_OPTIONS);

/** What a failed batch had settled: from the final failure's details, or the last heartbeat of a timed-out attempt. */
function outcomesOfFailedBatch(err: ActivityFailure, messageIds: string[]): DeliveryOutcome[] {
  const cause = err.cause;
  if (cause instanceof ApplicationFailure) return failedBatchOutcomes(cause.details?.[0], messageIds, cause.message);
  if (cause instanceof TimeoutFailure) return progressOutcomes(cause.lastHeartbeatDetails);
  return [];
}

function batchSummary(messages: ReminderMessage[]): string {
  const days = [...new Set(messages.map((m) => m.day))].join(', ');
  const purposes = [...new Set(messages.flatMap((m) => m.items.map((i) => i.purpose)))].join(', ');
  return `${messages.length} e-mail(s) · ${days} · ${purposes}`.slice(0, 400);
}

/** Delivers items for a lifecycle, writing sent records, failures and invitations into its state. */
export class LifecycleDelivery {
  constructor(
    private readonly lifecycle: {
      readonly state: LifecycleState;
      readonly clock: LifecycleClock;
      readonly patches: RunPatches;
    },
  ) {}

  private get state(): LifecycleState {
    return this.lifecycle.state;
  }

  private get clock(): LifecycleClock {
    return this.lifecycle.clock;
  }

  /** Sends the items, one message per person per day, and records every outcome. */
  async deliver(items: DueItem[]): Promise<void> {
    const messages = composeMessages(this.state, items);
    if (this.lifecycle.patches.has(PATCH_DELIVER_BY_DAY)) {
      for (const wave of waves(batchMessages(messages)))
        await Promise.all(wave.map((batch) => this.sendBatch(batch, items)));
    } else {
      await Promise.all(messages.map((outgoing) => this.sendOne(outgoing, items)));
    }
  }

  /** v3: one activity for a batch of messages, one outcome per message. */
  private async sendBatch(batch: OutgoingMessage[], items: DueItem[]): Promise<void> {
    const messages = batch.map((outgoing) => outgoing.message);
    let outcomes: DeliveryOutcome[];
    let failure = '';
    try {
      outcomes = await deliverDay.executeWithOptions({ ...BATCH_OPTIONS, summary: batchSummary(messages) }, [
        { messages },
      ]);
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      outcomes = outcomesOfFailedBatch(
        err,
        messages.map((m) => m.messageId),
      );
      failure = err.cause?.message ?? err.message;
    }
    const byId = new Map(outcomes.map((outcome) => [outcome.messageId, outcome]));
    for (const outgoing of batch) {
      const outcome = byId.get(outgoing.message.messageId);
      if (outcome?.status === 'sent') this.recordSent(outgoing.message, items);
      else if (outcome?.status === 'refused') this.recordFailure(outgoing.message, 'permanent', outcome.reason);
      else this.recordFailure(outgoing.message, 'exhausted', outcome?.reason ?? failure);
      this.markDelivered(outgoing);
    }
  }

  /** v1–v2: one activity per message (kept for lifecycles recorded before `deliver-by-day`). */
  private async sendOne(outgoing: OutgoingMessage, items: DueItem[]): Promise<void> {
    const { message } = outgoing;
    const person = message.recipient.id;
    const purposes = [...new Set(message.items.map((i) => i.purpose))];
    try {
      await deliverReminder.executeWithOptions(
        { ...DELIVERY_OPTIONS, summary: `${person} · ${message.day} · ${purposes.join(', ')}` },
        [message],
      );
      this.recordSent(message, items);
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      const cause = err.cause;
      const permanent = cause instanceof ApplicationFailure && cause.type === PERMANENT_DELIVERY_FAILURE;
      this.recordFailure(message, permanent ? 'permanent' : 'exhausted', cause?.message ?? err.message);
    }
    this.markDelivered(outgoing);
  }

  private markDelivered(outgoing: OutgoingMessage): void {
    markDelivered(this.state, outgoing);
  }

  private recordSent(message: ReminderMessage, items: DueItem[]): void {
    recordSent(this.state, message, items, new Date(this.clock.nowMs()).toISOString());
  }

  private recordFailure(message: ReminderMessage, kind: 'permanent' | 'exhausted', reason: string): void {
    this.state.failures.push({
      messageId: message.messageId,
      day: message.day,
      failedAt: new Date(this.clock.nowMs()).toISOString(),
      to: message.recipient.id,
      reminderIds: message.items.map((i) => i.reminderId),
      kind,
      reason,
    });
  }
}
