/**
 * An amendment moves a meeting whose invitation is already out: its holders get one updated
 * invitation (same UID, SEQUENCE 1), the reminders they already had are not sent again, and the
 * remaining reminder carries the updated invitation.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agreement } from '../../domain/agreement';
import { planCalendar } from '../../domain/calendar';
import { agreementLifecycle } from '../../workflows/agreement-lifecycle';
import { organizerOf } from '../../workflows/compose-messages';
import * as messages from '../../contracts/messages';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import { exampleAgreement, exampleRaw, startLifecycleEnv, type LifecycleEnv } from '../support/lifecycle-env';
import { advanceTo, localAt, recipientId, stateWhen, yearsAhead } from '../support/lifecycle-helpers';
import type { SinkMessage } from '../support/smtp-sink';

function vevent(mail: SinkMessage) {
  const cal = new ICAL.Component(ICAL.parse(mail.icalendar[0]!));
  const event = cal.getFirstSubcomponent('vevent')!;
  return {
    method: String(cal.getFirstPropertyValue('method')),
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
  };
}

describe('lifecycle: an amendment moves a meeting', () => {
  let t: LifecycleEnv;
  let agreement: Agreement;
  let shift: number;

  beforeAll(async () => {
    t = await startLifecycleEnv('lifecycle-amendment');
    shift = await yearsAhead(t.env, '2010-10-01');
    agreement = await exampleAgreement('cot-seine-et-marne', shift);
  });
  afterAll(async () => t?.teardown());

  it('sends one updated invitation and no duplicate reminder', async () => {
    const worker = await t.newWorker();
    const year = Number(agreement.term.startsOn.slice(0, 4));
    const before = planCalendar(agreement).entries.find(
      (e) => e.type === 'pilot-review' && e.date >= `${year + 1}-02-01`,
    )!;
    // The meeting's own reminders (its project leads' and follow-up reminders aside).
    const [first, last] = before.reminders.filter((r) => r.purpose === 'meeting'); // P7D then P1D
    const raw = await exampleRaw('cot-seine-et-marne', shift);
    const meetings = raw.meetings as Record<string, Record<string, unknown>>;
    meetings['pilot-review']!.rrule = 'FREQ=MONTHLY;BYDAY=1TH'; // first Thursday instead of first Tuesday
    const amended = await exampleAgreement('cot-seine-et-marne', shift, (r) => Object.assign(r, { meetings }));
    const after = planCalendar(amended).entries.find(
      (e) => e.type === 'pilot-review' && e.date > before.date && e.date.slice(0, 7) === before.date.slice(0, 7),
    )!;
    expect(after.date > last!.date).toBe(true); // moved after its P1D reminder day: that one follows the meeting

    await worker.runUntil(async () => {
      const handle = await t.env.client.workflow.start(agreementLifecycle, {
        workflowId: lifecycleWorkflowId(agreement.id),
        taskQueue: t.taskQueue,
        args: [{ agreement }],
      });
      await advanceTo(t.env, localAt(agreement, first!.date, '12:00'));
      await stateWhen(handle, (s) => s.sent.some((r) => r.reminderIds.includes(first!.id)), 'first reminder out');
      const mark = t.sink.messages.length;

      const result = await handle.executeUpdate(messages.amendAgreement, {
        args: [{ agreement: raw, summary: 'Avenant n° 1' }],
      });
      expect(result.version).toBe(2);
      await advanceTo(t.env, localAt(agreement, after.date, '18:00'));
      // Every attendee's last reminder is recorded (they go out in parallel).
      await stateWhen(
        handle,
        (s) =>
          s.sent.filter((r) => r.reminderIds.some((id) => id.startsWith(`${after.id}/`))).length >=
          after.attendees.length,
        'moved meeting reminded',
      );

      const forMeeting = t.sink.messages
        .slice(mark)
        .filter((m) => m.icalendar.some((c) => c.includes(`${before.id}@`)));
      const perPerson = new Map<string, ReturnType<typeof vevent>[]>();
      for (const mail of forMeeting)
        perPerson.set(recipientId(agreement, mail), [
          ...(perPerson.get(recipientId(agreement, mail)) ?? []),
          vevent(mail),
        ]);
      expect([...perPerson.keys()].sort()).toEqual([...before.attendees].sort());
      // The organizer holds her own copy (PUBLISH), the other attendees an invitation (REQUEST).
      const organizer = organizerOf(amended).id;
      for (const [person, events] of perPerson) {
        // One update right away, then the last reminder before the new date: same UID, SEQUENCE 1, new start.
        expect(events, person).toHaveLength(2);
        const method = person === organizer ? 'PUBLISH' : 'REQUEST';
        for (const e of events) {
          expect(e).toMatchObject({ method, uid: `${before.id}@${agreement.id}.pacte`, sequence: 1 });
          expect(e.start).toBe(new Date(after.at).toISOString());
        }
      }
      // The moved meeting's first reminder (already received for the old date) was not sent again.
      const state = await handle.query(messages.stateQuery);
      const lastMeetingReminder = after.reminders.filter((r) => r.purpose === 'meeting').at(-1)!;
      const firstRank = state.sent.filter((r) =>
        r.reminderIds.some((id) => id.startsWith(`${after.id}/meeting/`) && id !== lastMeetingReminder.id),
      );
      expect(firstRank).toEqual([]);
      expect(state.amendments).toEqual([expect.objectContaining({ version: 2, summary: 'Avenant n° 1' })]);
      await handle.terminate('test over');
    });
  });
});
