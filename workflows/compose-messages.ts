/**
 * Turns due items into e-mails: one message per person per day (docs/contracts.md#e-mails). Only
 * a meeting reminder (or update) to one of the meeting's attendees carries the calendar
 * invitation, with the occurrence's stable UID: a deadline tied to a meeting (the indicators
 * asked before the annual review) is never an invitation. Pure.
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
import { obligationOf } from '../domain/obligations';

export interface OutgoingMessage {
  message: ReminderMessage;
  /** Dedupe keys this message delivers to its recipient. */
  keys: string[];
}

export function recipientOf(person: Person): Recipient {
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    ...(person.civility ? { civility: person.civility } : {}),
  };
}

function personById(agreement: Agreement, id: string): Person | undefined {
  return agreement.people.find((p) => p.id === id);
}

/**
 * The organizer: ORGANIZER of every invitation and Reply-To of every e-mail, so that answers reach
 * a person, not Pacte. The person the agreement file names (`organizer`), else the CNFPT's
 * referent (party id starting with `cnfpt`), else the first referent by id, else the first person.
 */
export function organizerOf(agreement: Agreement): Recipient {
  const named = agreement.organizer === undefined ? undefined : personById(agreement, agreement.organizer);
  if (named) return recipientOf(named);
  const referents = referentIds(agreement)
    .map((id) => personById(agreement, id))
    .filter((p): p is Person => p !== undefined);
  const person = referents.find((p) => p.party.startsWith('cnfpt')) ?? referents[0] ?? agreement.people[0]!;
  return recipientOf(person);
}

/** Reminders that carry the meeting's invitation: the meeting reminders and the updates. */
const INVITING_PURPOSES: ReadonlySet<string> = new Set(['meeting', 'meeting-update']);

export function invitationUid(state: Pick<LifecycleState, 'uidAliases' | 'agreement'>, entryId: string): string {
  return `${occurrenceKey(state, entryId)}@${state.agreement.id}.pacte`;
}

/**
 * The invitation's attendees: everyone invited but the organizer, who is the ORGANIZER (RFC 5545
 * §3.8.4.3) and is not asked to answer her own meeting.
 */
export function attendeesOf(agreement: Agreement, ids: readonly string[]): Recipient[] {
  const organizer = organizerOf(agreement).id;
  return ids
    .filter((id) => id !== organizer)
    .map((id) => personById(agreement, id))
    .filter((p): p is Person => p !== undefined)
    .map(recipientOf);
}

export function invitationFor(
  state: LifecycleState,
  entry: CalendarEntry,
  method: Invitation['method'] = 'REQUEST',
): Invitation {
  const uid = invitationUid(state, entry.id);
  const attendees = attendeesOf(state.agreement, entry.attendees);
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

/**
 * What one recipient's e-mail carries for one item: the ready invitation (a cancellation, sent
 * only to those who hold the meeting), or for a meeting reminder or update to one of its
 * attendees the meeting's invitation. The organizer gets her copy as METHOD:PUBLISH, without
 * attendees: per RFC 5546 a REQUEST asks each ATTENDEE to answer the ORGANIZER, and a client
 * receiving a REQUEST from its own user as organizer either shows her an invitation to her own
 * meeting or refuses to act on it; PUBLISH (§3.2.1) puts the event in her calendar with no answer
 * expected, and later PUBLISH (higher SEQUENCE) or CANCEL of the same UID update or remove it.
 */
function invitationTo(state: LifecycleState, item: DueItem, personId: string): Invitation | undefined {
  if (item.invitation) return item.invitation;
  const meeting = item.meeting;
  if (!meeting || !INVITING_PURPOSES.has(item.purpose)) return undefined;
  // An update goes to those who hold the invitation (meeting-changes.ts); a reminder, to attendees.
  if (item.purpose === 'meeting' && !meeting.attendees.includes(personId)) return undefined;
  const invitation = invitationFor(state, meeting);
  return personId === invitation.organizer.id ? { ...invitation, method: 'PUBLISH', attendees: [] } : invitation;
}

export function agreementHeader(agreement: Agreement): ReminderMessage['agreement'] {
  return {
    id: agreement.id,
    title: agreement.title,
    locale: agreement.locale,
    timezone: agreement.timezone,
    parties: agreement.parties,
    ...(agreement.document ? { document: agreement.document } : {}),
    organizer: organizerOf(agreement),
  };
}

/**
 * The item's subject and details with what the agreement says of its obligation: the article it
 * cites (the indicators cite theirs, not the meeting's) and the words the e-mail must carry.
 */
function withObligation(agreement: Agreement, item: DueItem): Pick<MessageItem, 'subject' | 'details'> {
  const { article, ...said } = obligationOf(agreement, item.purpose, item.subject.type, item.subject.article);
  const { article: _entryArticle, ...entry } = item.subject;
  // A deadline tied to a meeting (the indicators) does not happen at the meeting's place.
  const { place: _place, ...withoutPlace } = entry;
  const subject = item.purpose === 'indicators' ? withoutPlace : entry;
  const details = { ...item.details, ...said };
  return {
    subject: { ...subject, ...(article ? { article } : {}) },
    ...(Object.keys(details).length > 0 ? { details } : {}),
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
    const messageItems: MessageItem[] = group.items.map((item) => {
      const invitation = invitationTo(state, item, person.id);
      return {
        reminderId: item.reminderId,
        purpose: item.purpose,
        ...withObligation(state.agreement, item),
        ...(invitation ? { invitation } : {}),
      };
    });
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
