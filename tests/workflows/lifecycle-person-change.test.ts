/**
 * Changes of person in a running lifecycle (issue 14 item 7), as coordinators record them: a
 * pilot whose e-mail changes from a date gets the meeting's next reminder (with its invitation)
 * at the new address, while the old address gets a CANCEL and nothing more; a pilot removed
 * today gets a CANCEL of the meetings she held and no reminder after; an unknown person or the
 * last referent of a party is refused by the validator and nothing changes.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agreement } from '../../domain/agreement';
import { planCalendar } from '../../domain/calendar';
import { agreementLifecycle } from '../../workflows/agreement-lifecycle';
import * as messages from '../../contracts/messages';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import { exampleAgreement, startLifecycleEnv, type LifecycleEnv } from '../support/lifecycle-env';
import { advanceTo, localAt, rejection, reminderIds, stateWhen, yearsAhead } from '../support/lifecycle-helpers';
import type { SinkMessage } from '../support/smtp-sink';

function vevent(mail: SinkMessage) {
  const cal = new ICAL.Component(ICAL.parse(mail.icalendar[0]!));
  const event = cal.getFirstSubcomponent('vevent')!;
  return { method: String(cal.getFirstPropertyValue('method')), uid: String(event.getFirstPropertyValue('uid')) };
}

const NEW_EMAIL = 'daniele.mallegol@nouvelle-adresse.example.org';

describe('lifecycle: changes of person', () => {
  let t: LifecycleEnv;
  let agreement: Agreement;

  beforeAll(async () => {
    t = await startLifecycleEnv('lifecycle-person-change');
    agreement = await exampleAgreement('cot-seine-et-marne', await yearsAhead(t.env, '2010-10-01'));
  });
  afterAll(async () => t?.teardown());

  it('replaces a pilot from a date, removes another today, refuses what would break the agreement', async () => {
    const worker = await t.newWorker();
    const replaced = agreement.people.find((p) => p.id === 'pilote-cg-axe-1')!;
    const removed = agreement.people.find((p) => p.id === 'pilote-cg-axe-3')!;
    const year = Number(agreement.term.startsOn.slice(0, 4));
    const meeting = planCalendar(agreement).entries.find(
      (e) => e.type === 'pilot-review' && e.date >= `${year + 1}-02-01`,
    )!;
    // The meeting's own reminders (its project leads' and follow-up reminders aside).
    const [first, last] = meeting.reminders.filter((r) => r.purpose === 'meeting'); // P7D then P1D
    const uid = `${meeting.id}@${agreement.id}.pacte`;
    const to = (mail: SinkMessage) => mail.envelope.to[0];

    await worker.runUntil(async () => {
      const handle = await t.env.client.workflow.start(agreementLifecycle, {
        workflowId: lifecycleWorkflowId(agreement.id),
        taskQueue: t.taskQueue,
        args: [{ agreement }],
      });
      await advanceTo(t.env, localAt(agreement, first!.date, '12:00'));
      await stateWhen(
        handle,
        (s) => s.sent.filter((r) => r.reminderIds.includes(first!.id)).length >= meeting.attendees.length,
        'first reminder out to every attendee',
      );

      // Refused: nothing changes.
      const before = await handle.query(messages.stateQuery);
      const agreementBefore = await handle.query(messages.agreementQuery);
      expect(
        await rejection(() =>
          handle.executeUpdate(messages.changePerson, { args: [{ change: 'remove', personId: 'nobody' }] }),
        ),
      ).toMatch(/^personId: unknown person 'nobody'/);
      expect(
        await rejection(() =>
          handle.executeUpdate(messages.changePerson, { args: [{ change: 'remove', personId: 'ref-cg77' }] }),
        ),
      ).toMatch(/^personId: 'ref-cg77' is the last referent of cg77/);
      expect(await handle.query(messages.stateQuery)).toEqual(before);
      expect(await handle.query(messages.agreementQuery)).toEqual(agreementBefore);

      // A new address from the day of the last reminder: recorded now, applied that day.
      const replace = await handle.executeUpdate(messages.changePerson, {
        args: [{ change: 'replace', personId: replaced.id, email: NEW_EMAIL, effectiveOn: last!.date }],
      });
      expect(replace.outcome).toMatchObject({ kind: 'person-changed', applied: false, effectiveOn: last!.date });
      expect((await handle.query(messages.agreementQuery)).people.find((p) => p.id === replaced.id)?.email).toBe(
        replaced.email,
      );

      // Removed today: her invitation is cancelled at once, at her address.
      const mark = t.sink.messages.length;
      const remove = await handle.executeUpdate(messages.changePerson, {
        args: [{ change: 'remove', personId: removed.id, recordedBy: { via: 'web', personId: 'ref-cnfpt' } }],
      });
      expect(remove.outcome).toMatchObject({ kind: 'person-changed', change: 'remove', applied: true });
      await stateWhen(
        handle,
        (s) => s.sent.some((r) => r.to === removed.id && r.purposes.includes('meeting-cancel')),
        'cancel sent to the removed pilot',
      );
      const cancels = t.sink.messages.slice(mark).filter((m) => to(m) === removed.email);
      expect(cancels.map(vevent)).toContainEqual({ method: 'CANCEL', uid });

      // Nothing reached the new address before the day the change takes effect.
      expect(t.sink.messages.filter((m) => to(m) === NEW_EMAIL)).toEqual([]);
      await advanceTo(t.env, localAt(agreement, last!.date, '12:00'));
      await stateWhen(
        handle,
        (s) => s.sent.filter((r) => r.reminderIds.includes(last!.id)).length >= meeting.attendees.length - 1,
        'last reminder out',
      );
      const after = t.sink.messages.slice(mark);
      // The last reminder, with the invitation, reaches the new address only.
      const atNew = after.filter((m) => to(m) === NEW_EMAIL);
      expect(atNew.filter((m) => reminderIds(m).includes(last!.id)).map(vevent)).toEqual([{ method: 'REQUEST', uid }]);
      const atOld = after.filter((m) => to(m) === replaced.email);
      expect(atOld.filter((m) => reminderIds(m).includes(last!.id))).toEqual([]);
      expect(atOld.map(vevent)).toContainEqual({ method: 'CANCEL', uid });
      // Nothing more for the removed pilot than her cancellations.
      expect(after.filter((m) => to(m) === removed.email && reminderIds(m).includes(last!.id))).toEqual([]);
      const view = await handle.query(messages.stateQuery);
      expect(view.journal.map((j) => j.summary.kind)).toEqual(['person-changed', 'person-changed']);
      const people = (await handle.query(messages.agreementQuery)).people;
      expect(people.find((p) => p.id === replaced.id)?.email).toBe(NEW_EMAIL);
      expect(people.some((p) => p.id === removed.id)).toBe(false);
      // The web's single read answers what the two queries answer (contracts/messages.ts).
      expect(await handle.query(messages.snapshotQuery)).toEqual({
        view: await handle.query(messages.stateQuery),
        agreement: await handle.query(messages.agreementQuery),
      });
      await handle.terminate('test over');
    });
  });
});
