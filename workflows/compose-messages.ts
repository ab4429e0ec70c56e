/**
 * Turns due items into e-mails: one message per person per day (docs/contracts.md#e-mails), each
 * item of a meeting carrying its calendar invitation with the occurrence's stable UID. Pure.
 *
 * @module
 */
import type { Agreement, Person } from '../domain/agreement';
import type { CalendarEntry } from '../domain/calendar-types';
import type { Invitation, MessageItem, Recipient, ReminderMessage } from '../contracts/reminder-message';
import type { DueItem } from './due-items';
import { occurrenceKey, referentIds } from './due-items';
import type { LifecycleState } from '../contracts/lifecycle-state';
import { reminderMessageId } from './message-id';

export interface OutgoingMessage {
  message: ReminderMessage;
  /** Dedupe keys this message delivers to its recipient. */
  keys: string[];
}

export function recipientOf(person: Person): Recipient {
  return { id: person.id, name: person.name, email: person.email };
}

function personById(agreement: Agreement, id: string): Person | undefined {
  return agreement.people.find((p) => p.id === id);
}

/** Organiser of the invitations: the first referent (the agreement's coordinator). */
export function organizerOf(agreement: Agreement): Recipient {
  const first = referentIds(agreement)[0];
  const person = (first && personById(agreement, first)) || agreement.people[0]!;
  return recipientOf(person);
}

export function invitationUid(state: Pick<LifecycleState, 'uidAliases' | 'agreement'>, entryId: string): string {
  return `${occurrenceKey(state, entryId)}@${state.agreement.id}.pacte`;
}

export function invitationFor(
  state: LifecycleState,
  entry: CalendarEntry,
  method: Invitation['method'] = 'REQUEST',
): Invitation {
  const uid = invitationUid(state, entry.id);
  const attendees = entry.attendees
    .map((id) => personById(state.agreement, id))
    .filter((p): p is Person => p !== undefined)
    .map(recipientOf);
  return {
    uid,
    sequence: state.invitations[uid]?.sequence ?? 0,
    method,
    start: entry.at,
    end: entry.endsAt ?? entry.at,
    summary: entry.title,
    ...(entry.place ? { location: entry.place } : {}),
    organizer: organizerOf(state.agreement),
    attendees,
  };
}

export function agreementHeader(agreement: Agreement): ReminderMessage['agreement'] {
  return {
    id: agreement.id,
    title: agreement.title,
    locale: agreement.locale,
    timezone: agreement.timezone,
    parties: agreement.parties,
  };
}

/** Groups items by (day, person). Items must all be due; their order is kept inside a message. */
export function composeMessages(state: LifecycleState, items: DueItem[]): OutgoingMessage[] {
  const groups = new Map<string, { day: string; person: string; items: DueItem[] }>();
  for (const item of items) {
    for (const person of item.to) {
      const groupKey = `${item.day}|${person}`;
      const group = groups.get(groupKey) ?? { day: item.day, person, items: [] };
      group.items.push(item);
      groups.set(groupKey, group);
    }
  }
  const out: OutgoingMessage[] = [];
  for (const group of [...groups.values()].sort(
    (a, b) => a.day.localeCompare(b.day) || a.person.localeCompare(b.person),
  )) {
    const person = personById(state.agreement, group.person);
    if (!person) continue; // removed by an amendment: nobody to write to
    const keys = group.items.map((i) => i.key);
    const messageItems: MessageItem[] = group.items.map((item) => ({
      reminderId: item.reminderId,
      purpose: item.purpose,
      subject: item.subject,
      ...(item.details ? { details: item.details } : {}),
      ...(item.invitation
        ? { invitation: item.invitation }
        : item.meeting
          ? { invitation: invitationFor(state, item.meeting) }
          : {}),
    }));
    out.push({
      keys,
      message: {
        agreement: agreementHeader(state.agreement),
        recipient: recipientOf(person),
        day: group.day,
        dueAt: group.items.map((i) => i.at).sort((a, b) => Date.parse(a) - Date.parse(b))[0]!,
        messageId: reminderMessageId(state.agreement.id, group.day, person.id, keys),
        items: messageItems,
      },
    });
  }
  return out;
}
