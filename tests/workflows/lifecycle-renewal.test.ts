/**
 * Renewal (art. 12, calendar rule 6: docs/calendar-rules.md#rule-6-renewal): the window opens and
 * the referents are asked; once the renewal meeting is recorded the follow-ups stop; renewing
 * starts the successor's own lifecycle, linked to this one, and this one ends `renewed` on its end
 * date.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agreement } from '../../domain/agreement';
import { planCalendar } from '../../domain/calendar';
import { agreementLifecycle } from '../../workflows/agreement-lifecycle';
import * as messages from '../../contracts/messages';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import { exampleAgreement, exampleRaw, startLifecycleEnv, type LifecycleEnv } from '../support/lifecycle-env';
import { advanceTo, localAt, recipientId, reminderIds, stateWhen, yearsAhead } from '../support/lifecycle-helpers';

describe('lifecycle: renewal', () => {
  let t: LifecycleEnv;
  let agreement: Agreement;
  let shift: number;

  beforeAll(async () => {
    t = await startLifecycleEnv('lifecycle-renewal');
    shift = await yearsAhead(t.env, '2025-01-15');
    agreement = await exampleAgreement('convention-cadre-terre-valserhone', shift);
  });
  afterAll(async () => t?.teardown());

  it('asks for the renewal meeting, stops follow-ups once held, starts the successor', async () => {
    const worker = await t.newWorker();
    const plan = planCalendar(agreement);
    const window = plan.entries.find((e) => e.type === 'renewal-window')!;
    const followups = plan.entries.flatMap((e) => e.reminders).filter((r) => r.purpose === 'renewal-followup');
    expect(followups.length).toBeGreaterThan(0);

    const endsOn = agreement.term.endsOn;
    const successorRaw = await exampleRaw('convention-cadre-terre-valserhone', shift);
    const nextStart = DateTime.fromISO(endsOn).plus({ days: 1 });
    Object.assign(successorRaw, {
      id: `valserhone-${nextStart.year}`,
      term: {
        signedOn: window.date,
        startsOn: nextStart.toISODate(),
        endsOn: nextStart.plus({ years: 3 }).minus({ days: 1 }).toISODate(),
      },
    });

    await worker.runUntil(async () => {
      const handle = await t.env.client.workflow.start(agreementLifecycle, {
        workflowId: lifecycleWorkflowId(agreement.id),
        taskQueue: t.taskQueue,
        args: [{ agreement }],
      });
      await advanceTo(t.env, localAt(agreement, window.date, '12:00'));
      await stateWhen(
        handle,
        (s) => s.phase === 'renewal-window' && s.sent.filter((r) => r.purposes.includes('renewal-window')).length >= 2,
        'renewal window open, both referents asked',
      );
      const asked = t.sink.messages.filter((m) =>
        reminderIds(m).some((id) => id.startsWith(`${window.id}/renewal-window`)),
      );
      expect(asked.map((m) => recipientId(agreement, m)).sort()).toEqual(['ref-cnfpt', 'ref-terre-valserhone']);

      await handle.executeUpdate(messages.recordRenewalMeeting, { args: [{}] });
      const renewed = await handle.executeUpdate(messages.renewAgreement, { args: [{ agreement: successorRaw }] });
      expect(renewed).toMatchObject({
        phase: 'renewed',
        successorWorkflowId: `agreement-valserhone-${nextStart.year}`,
      });

      const result = await handle.result();
      expect(result).toMatchObject({ phase: 'renewed', successorId: `valserhone-${nextStart.year}` });
      // No follow-up went out after the meeting was recorded.
      expect(t.sink.messages.filter((m) => reminderIds(m).some((id) => id.includes('renewal-followup')))).toEqual([]);

      // The successor runs its own lifecycle, linked to its predecessor (search attributes are checked
      // against the dev server: the time-skipping server does not return them).
      const successor = t.env.client.workflow.getHandle(renewed.successorWorkflowId);
      const description = await successor.describe();
      expect(description.status.name).toBe('RUNNING');
      expect(description.parentExecution?.workflowId).toBe(lifecycleWorkflowId(agreement.id));
      const successorState = await successor.query(messages.stateQuery);
      expect(successorState).toMatchObject({
        agreementId: `valserhone-${nextStart.year}`,
        predecessorId: agreement.id,
        phase: 'active',
      });
      await successor.terminate('test over');
    });
  });
});
