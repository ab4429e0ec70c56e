/**
 * When an amendment or a notice changes the calendar, the meeting invitations already sent must
 * follow (docs/contracts.md#e-mails, RFC 5546): a moved occurrence gets an update of the same UID
 * with a higher SEQUENCE, a vanished one gets a CANCEL. Only people who hold the invitation are
 * written to. Pure: returns the items to send now and the new invitation records.
 *
 * @module
 */
import type { Calendar, CalendarEntry } from '../domain/calendar-types';
import type { DueItem } from './due-items';
import { attendeesOf, invitationUid, organizerOf } from './compose-messages';
import type { InvitationRecord, LifecycleState } from '../contracts/lifecycle-state';

/** An amendment may move an occurrence by up to two months and still be "the same meeting". */
const MAX_MOVE_DAYS = 62;
const DAY_MS = 86_400_000;

/**
 * What a CANCEL of a recorded invitation says: the meeting as last sent and its iTIP
 * cancellation, from the agreement's organizer to `attendeeIds`.
 */
export function cancellationOf(
  record: InvitationRecord,
  sequence: number,
  agreement: LifecycleState['agreement'],
  attendeeIds: string[],
): Pick<DueItem, 'subject' | 'invitation'> {
  return {
    subject: {
      id: record.entryId,
      type: record.type,
      title: record.summary,
      date: record.start.slice(0, 10),
      at: record.start,
      endsAt: record.end,
      ...(record.location ? { place: record.location } : {}),
    },
    invitation: {
      uid: record.uid,
      sequence,
      method: 'CANCEL',
      start: record.start,
      end: record.end,
      summary: record.summary,
      ...(record.location ? { location: record.location } : {}),
      organizer: organizerOf(agreement),
      attendees: attendeesOf(agreement, attendeeIds),
    },
  };
}

export interface MeetingChanges {
  items: DueItem[];
  invitations: Record<string, InvitationRecord>;
  uidAliases: Record<string, string>;
}

function rootOf(uid: string): string {
  return uid.slice(0, uid.lastIndexOf('@'));
}

function differs(record: InvitationRecord, entry: CalendarEntry): boolean {
  return (
    Date.parse(record.start) !== Date.parse(entry.at) ||
    Date.parse(record.end) !== Date.parse(entry.endsAt ?? entry.at) ||
    record.summary !== entry.title ||
    (record.location ?? '') !== (entry.place ?? '')
  );
}

/**
 * @param allowMoves amendments pair a vanished occurrence with the nearest new one of its type
 *   (an update); a notice never moves meetings, it only cancels them.
 */
export function meetingChanges(
  state: LifecycleState,
  before: Calendar,
  after: Calendar,
  now: { at: string; day: string },
  allowMoves: boolean,
): MeetingChanges {
  const meetingTypes = new Set(Object.keys(state.agreement.meetings));
  const afterMeetings = after.entries.filter((e) => meetingTypes.has(e.type));
  const beforeIds = new Set(before.entries.map((e) => e.id));
  const uidAliases = { ...state.uidAliases };
  const invitations: Record<string, InvitationRecord> = { ...state.invitations };
  const items: DueItem[] = [];
  const withAliases = { ...state, uidAliases };
  const nowMs = Date.parse(now.at);

  const records = Object.values(state.invitations)
    .filter((r) => !r.cancelled && Date.parse(r.start) > nowMs && r.sentTo.length > 0)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const claimed = new Set(records.map((r) => r.uid));

  for (const record of records) {
    let entry = afterMeetings.find((e) => invitationUid(withAliases, e.id) === record.uid);
    if (!entry && allowMoves) {
      const candidates = afterMeetings
        .filter((e) => e.type === record.type && !beforeIds.has(e.id) && !claimed.has(invitationUid(withAliases, e.id)))
        .map((e) => ({ e, distance: Math.abs(Date.parse(e.at) - Date.parse(record.start)) }))
        .filter((c) => c.distance <= MAX_MOVE_DAYS * DAY_MS)
        .sort((a, b) => a.distance - b.distance);
      entry = candidates[0]?.e;
      if (entry) {
        uidAliases[entry.id] = rootOf(record.uid);
        claimed.add(record.uid);
      }
    }
    if (entry && !differs(record, entry)) continue;

    const sequence = record.sequence + 1;
    if (entry) {
      const updated: InvitationRecord = {
        ...record,
        entryId: entry.id,
        sequence,
        start: entry.at,
        end: entry.endsAt ?? entry.at,
        summary: entry.title,
        ...(entry.place ? { location: entry.place } : { location: undefined }),
      };
      invitations[record.uid] = updated;
      items.push({
        key: `${rootOf(record.uid)}/meeting-update/${sequence}`,
        reminderId: `${entry.id}/meeting-update/${now.day}`,
        purpose: 'meeting-update',
        at: now.at,
        day: now.day,
        to: record.sentTo,
        subject: {
          id: entry.id,
          type: entry.type,
          title: entry.title,
          date: entry.date,
          at: entry.at,
          ...(entry.endsAt ? { endsAt: entry.endsAt } : {}),
          ...(entry.place ? { place: entry.place } : {}),
          ...(entry.article ? { article: entry.article } : {}),
          ...(entry.movedFrom ? { movedFrom: entry.movedFrom } : {}),
          ...(entry.movedBecause ? { movedBecause: entry.movedBecause } : {}),
        },
        details: { previousAt: record.start },
        meeting: entry,
      });
    } else {
      invitations[record.uid] = { ...record, sequence, cancelled: true };
      items.push({
        key: `${rootOf(record.uid)}/meeting-cancel`,
        reminderId: `${record.entryId}/meeting-cancel/${now.day}`,
        purpose: 'meeting-cancel',
        at: now.at,
        day: now.day,
        to: record.sentTo,
        // The organizer's copy was a PUBLISH: she cancels, she is not a cancelled attendee.
        ...cancellationOf(record, sequence, state.agreement, record.sentTo),
      });
    }
  }
  return { items, invitations, uidAliases };
}
