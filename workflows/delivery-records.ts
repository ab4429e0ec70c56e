/**
 * The bookkeeping of a delivered e-mail, as plain functions on the lifecycle's state: what the
 * lifecycle records once an e-mail is sent (its log line, the invitations it carried, so that a
 * moved meeting gets an update with a higher SEQUENCE) and the keys that make it never sent again.
 * Pure: `lifecycle-delivery.ts` calls them after each activity, and the term simulation
 * (`term-simulation.ts`, behind `pacte preview`) calls them without Temporal.
 *
 * @module
 */
import type { LifecycleState } from '../contracts/lifecycle-state';
import type { ReminderMessage } from '../contracts/reminder-message';
import type { OutgoingMessage } from './compose-messages';
import { deliveredKey, type DueItem } from './due-items';

/** Delivered or given up on: either way never sent again (a failure is in the state, for people to see). */
export function markDelivered(state: LifecycleState, { message, keys }: OutgoingMessage): void {
  state.deliveredKeys.push(...keys.map((key) => deliveredKey(key, message.recipient.id)));
}

/** Logs a sent e-mail (`sentAt`: ISO instant) and remembers every invitation (REQUEST or PUBLISH) it carried. */
export function recordSent(state: LifecycleState, message: ReminderMessage, items: DueItem[], sentAt: string): void {
  const person = message.recipient.id;
  const purposes = [...new Set(message.items.map((i) => i.purpose))];
  const reminderIds = message.items.map((i) => i.reminderId);
  state.sent.push({ messageId: message.messageId, day: message.day, sentAt, to: person, purposes, reminderIds });
  for (const item of message.items) {
    const invitation = item.invitation;
    // REQUEST to an attendee, PUBLISH to the organizer: both now hold the meeting (updates, CANCEL).
    if (!invitation || invitation.method === 'CANCEL') continue;
    const meeting = items.find((i) => i.reminderId === item.reminderId)?.meeting;
    const known = state.invitations[invitation.uid];
    state.invitations[invitation.uid] = {
      uid: invitation.uid,
      entryId: meeting?.id ?? known?.entryId ?? item.subject.id,
      type: meeting?.type ?? known?.type ?? item.subject.type,
      sequence: invitation.sequence,
      start: invitation.start,
      end: invitation.end,
      summary: invitation.summary,
      ...(invitation.location ? { location: invitation.location } : {}),
      sentTo: [...new Set([...(known?.sentTo ?? []), person])].sort(),
    };
  }
}
