/**
 * Notice given mid-term (art. 12, calendar rule 8: docs/calendar-rules.md#rule-8-notice): nothing
 * is sent for occurrences after the effective date, invitations already sent for them are cancelled
 * once, everyone who had reminders pending is told once, and the lifecycle ends `terminated` on the
 * effective date.
 */
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agreement } from '../../domain/agreement';
import { effectiveEnd, planCalendar } from '../../domain/calendar';
import { agreementLifecycle } from '../../workflows/agreement-lifecycle';
import * as messages from '../../contracts/messages';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import { exampleAgreement, startLifecycleEnv, type LifecycleEnv } from '../support/lifecycle-env';
import { advanceTo, localAt, recipientId, reminderIds, stateWhen, yearsAhead } from '../support/lifecycle-helpers';

describe('lifecycle: notice given mid-term', () => {
  let t: LifecycleEnv;
  let agreement: Agreement;

  beforeAll(async () => {
    t = await startLifecycleEnv('lifecycle-notice');
    // The COT gives no notice period (its source has no notice clause): this test writes one.
    agreement = await exampleAgreement('cot-seine-et-marne', await yearsAhead(t.env, '2010-10-01'), (raw) => {
      (raw.term as Record<string, unknown>).noticePeriod = 'P3M';
    });
  });
  afterAll(async () => t?.teardown());

  it('stops later reminders, cancels sent invitations once, tells everyone once, terminates', async () => {
    const worker = await t.newWorker();
    const start = agreement.term.startsOn;
    const year = Number(start.slice(0, 4));
    // Five months in: the next pilot review's first reminder (and invitation) is already out.
    const pilotReviews = planCalendar(agreement).entries.filter((e) => e.type === 'pilot-review');
    const target = pilotReviews.find((e) => e.date >= `${year + 1}-03-01`)!;
    const now = localAt(agreement, target.reminders[0]!.date, '12:00');
    // Notice given earlier (recorded late): it takes effect before that meeting.
    const givenOn = DateTime.fromISO(target.date).minus({ months: 3, days: 2 }).toISODate()!;
    const notice = { givenOn, byParty: 'cg77' };
    const effectiveOn = effectiveEnd(agreement, { notice });
    expect(effectiveOn < target.date).toBe(true);

    await worker.runUntil(async () => {
      const handle = await t.env.client.workflow.start(agreementLifecycle, {
        workflowId: lifecycleWorkflowId(agreement.id),
        taskQueue: t.taskQueue,
        args: [{ agreement }],
      });
      await advanceTo(t.env, now);
      const invited = await stateWhen(
        handle,
        (s) => s.sent.some((r) => r.reminderIds.some((id) => id.startsWith(`${target.id}/`))),
        'invitation out',
      );
      const before = invited.sent.length;
      const mailsBefore = t.sink.messages.length;

      // Everyone who had reminders pending after now is told: pilots, referents, committee.
      const pending = new Set(
        planCalendar(agreement)
          .entries.flatMap((e) => e.reminders)
          .filter((r) => Date.parse(r.at) > Date.parse(now))
          .flatMap((r) => r.to),
      );
      const result = await handle.executeUpdate(messages.giveNotice, { args: [notice] });
      expect(result).toMatchObject({ phase: 'notice-given', effectiveOn });

      // The notice e-mails go out in parallel: wait until every one is recorded (bounded).
      const state = await stateWhen(
        handle,
        (s) => s.sent.slice(before).filter((r) => r.purposes.includes('notice')).length >= pending.size,
        'notice messages sent',
      );
      expect(state.phase).toBe('notice-given');
      const noticeMails = t.sink.messages.slice(mailsBefore);
      // One message per person, combining the notice and the cancellation.
      const people = noticeMails.map((m) => recipientId(agreement, m));
      expect(new Set(people).size).toBe(people.length);
      expect(people.sort()).toEqual([...pending].sort());
      for (const mail of noticeMails) expect(reminderIds(mail)).toContain(`notice/${givenOn}`);

      // The invitation already sent for the meeting after the effective date is cancelled, once per holder.
      const cancels = noticeMails.filter((m) => m.icalendar.length > 0);
      expect(cancels.map((m) => recipientId(agreement, m)).sort()).toEqual([...target.attendees].sort());
      for (const mail of cancels) {
        const cal = new ICAL.Component(ICAL.parse(mail.icalendar[0]!));
        expect(cal.getFirstPropertyValue('method')).toBe('CANCEL');
        const event = cal.getFirstSubcomponent('vevent')!;
        expect(event.getFirstPropertyValue('uid')).toBe(`${target.id}@${agreement.id}.pacte`);
        expect(Number(event.getFirstPropertyValue('sequence'))).toBe(1);
      }

      const done = await handle.result();
      expect(done).toMatchObject({
        phase: 'terminated',
        endedOn: DateTime.fromISO(effectiveOn).plus({ days: 1 }).toISODate(),
      });
      // Nothing after the notice was sent for dates after the effective date.
      const later = t.sink.messages.slice(mailsBefore + noticeMails.length);
      for (const mail of later) expect(mail.headers['x-pacte-day']! <= effectiveOn, mail.subject).toBe(true);
      const final = await handle.query(messages.stateQuery);
      expect(final.phase).toBe('terminated');
    });
  });
});
