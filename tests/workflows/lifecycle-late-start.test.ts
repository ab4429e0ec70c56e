/**
 * No silence after a late start (issue 14 item 6), as a new user tried it: an agreement started
 * at 12:30 the day before a pilot review, after that day's reminder time, sends at once the
 * latest missed reminder of each item still ahead — the pilot review's D-1, saying it is late —
 * and nothing for its earlier reminder or for items already past. A lifecycle started well
 * before sends its reminders on time, none said late.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agreement } from '../../domain/agreement';
import { planCalendar } from '../../domain/calendar';
import { agreementLifecycle } from '../../workflows/agreement-lifecycle';
import * as messages from '../../contracts/messages';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import { exampleAgreement, startLifecycleEnv, type LifecycleEnv } from '../support/lifecycle-env';
import { advanceTo, localAt, reminderIds, stateWhen, yearsAhead } from '../support/lifecycle-helpers';
import type { SinkMessage } from '../support/smtp-sink';

const LATE_FR = 'Rappel envoyé en retard\u00a0: il était prévu le ';

describe('lifecycle: a late start', () => {
  let t: LifecycleEnv;
  let late: Agreement;
  let early: Agreement;

  beforeAll(async () => {
    t = await startLifecycleEnv('lifecycle-late-start');
    const shift = await yearsAhead(t.env, '2010-10-01');
    late = await exampleAgreement('cot-seine-et-marne', shift);
    early = await exampleAgreement('cot-seine-et-marne', shift, (raw) => Object.assign(raw, { id: 'cot-77-early' }));
  });
  afterAll(async () => t?.teardown());

  it('sends the latest missed reminder of each item ahead, late; a lifecycle started before sends none late', async () => {
    const worker = await t.newWorker();
    const calendar = planCalendar(late);
    const year = Number(late.term.startsOn.slice(0, 4));
    const meeting = calendar.entries.find((e) => e.type === 'pilot-review' && e.date >= `${year + 1}-02-01`)!;
    // The meeting's own reminders (its project leads' and follow-up reminders aside).
    const [first, last] = meeting.reminders.filter((r) => r.purpose === 'meeting'); // P7D then P1D, at the reminders' time
    const of = (agreement: Agreement) => (mail: SinkMessage) => mail.headers['x-pacte-agreement'] === agreement.id;

    await worker.runUntil(async () => {
      // Started before its term: reminders go out on their day, none said late.
      const before = await t.env.client.workflow.start(agreementLifecycle, {
        workflowId: lifecycleWorkflowId(early.id),
        taskQueue: t.taskQueue,
        args: [{ agreement: early }],
      });
      expect((await before.query(messages.stateQuery)).sent).toEqual([]);
      await advanceTo(t.env, localAt(early, first!.date, '12:00'));
      await stateWhen(
        before,
        (s) => s.sent.filter((r) => r.reminderIds.includes(first!.id)).length >= meeting.attendees.length,
        'first reminder on time',
      );
      const onTime = t.sink.messages.filter(of(early));
      expect(onTime.length).toBeGreaterThan(0);
      expect(onTime.filter((m) => m.text.includes('envoyé en retard'))).toEqual([]);
      await before.terminate('test over');

      // Started at 12:30 the day before the meeting: its D-1 reminder (at 9:00) went by.
      const startAt = localAt(late, last!.date, '12:30');
      expect(Date.parse(last!.at)).toBeLessThan(Date.parse(startAt));
      await advanceTo(t.env, startAt);
      const handle = await t.env.client.workflow.start(agreementLifecycle, {
        workflowId: lifecycleWorkflowId(late.id),
        taskQueue: t.taskQueue,
        args: [{ agreement: late }],
      });
      const state = await stateWhen(
        handle,
        (s) => s.sent.filter((r) => r.reminderIds.includes(last!.id)).length >= meeting.attendees.length,
        'late reminder out to every attendee',
      );
      const startedMs = Date.parse(state.sent[0]!.sentAt) - 60_000;
      const mails = t.sink.messages.filter(of(late));
      const forMeeting = mails.filter((m) => reminderIds(m).includes(last!.id));
      expect(forMeeting).toHaveLength(meeting.attendees.length);
      for (const mail of forMeeting) expect(mail.text).toContain(LATE_FR);
      expect(mails.filter((m) => reminderIds(m).includes(first!.id))).toEqual([]);
      // Every reminder sent is the latest one before the start of an item still ahead (of its
      // purpose, and of its axis for the project leads' tracking-table reminders).
      const byReminder = new Map(
        calendar.entries.flatMap((e) => e.reminders.map((r) => [r.id, { entry: e, reminder: r }] as const)),
      );
      for (const id of mails.flatMap(reminderIds)) {
        const { entry, reminder } = byReminder.get(id)!;
        expect(Date.parse(entry.at), id).toBeGreaterThan(startedMs);
        const missed = entry.reminders.filter(
          (r) => r.purpose === reminder.purpose && r.axis === reminder.axis && Date.parse(r.at) < Date.parse(startAt),
        );
        expect(missed.at(-1)?.id, id).toBe(id);
      }
      await handle.terminate('test over');
    });
  });
});
