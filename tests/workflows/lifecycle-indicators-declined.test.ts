/**
 * The art. 8 indicators recorded as sent, and « ce rappel ne me concerne plus », on the
 * time-skipping server with a real SMTP sink (Terre Valserhône, placed in the server's future):
 * - once the first annual review's indicators are recorded, their reminders stop; the meeting's
 *   own reminders still go;
 * - the training contact says the next review's indicators reminder no longer concerns her: both
 *   referents get one e-mail the same day, nobody is removed (she still gets the reminder), and a
 *   second declaration, after the lifecycle has continued as new, is refused with nothing sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agreement } from '../../domain/agreement';
import { planCalendar } from '../../domain/calendar';
import type { CalendarEntry } from '../../domain/calendar-types';
import { agreementLifecycle } from '../../workflows/agreement-lifecycle';
import * as messages from '../../contracts/messages';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import { exampleAgreement, startLifecycleEnv, type LifecycleEnv } from '../support/lifecycle-env';
import {
  advanceTo,
  localAt,
  recipientId,
  rejection,
  reminderIds,
  stateWhen,
  yearsAhead,
} from '../support/lifecycle-helpers';
import { plainSpaces } from '../support/plain-spaces';

const CONTACT = 'formation-terre-valserhone';

describe('lifecycle: indicators sent, and a reminder that no longer concerns its recipient', () => {
  let t: LifecycleEnv;
  let agreement: Agreement;

  beforeAll(async () => {
    t = await startLifecycleEnv('lifecycle-indicators-declined');
    agreement = await exampleAgreement('convention-cadre-terre-valserhone', await yearsAhead(t.env, '2025-01-15'));
  });
  afterAll(async () => t?.teardown());

  it('stops the recorded indicators’ reminders only, and tells the referents once', async () => {
    const reviews = planCalendar(agreement).entries.filter((e) => e.type === 'annual-review');
    const [first, second] = reviews as [CalendarEntry, CalendarEntry];
    const of = (entry: CalendarEntry, purpose: string) => entry.reminders.filter((r) => r.purpose === purpose);
    expect(of(first, 'indicators').length).toBeGreaterThan(0);
    const referents = agreement.people.filter((p) => p.roles.includes('referent')).map((p) => p.id);

    const worker = await t.newWorker();
    await worker.runUntil(async () => {
      const handle = await t.env.client.workflow.start(agreementLifecycle, {
        workflowId: lifecycleWorkflowId(agreement.id),
        taskQueue: t.taskQueue,
        // A short run, so that the lifecycle continues as new before the second declaration (v8: by size).
        args: [{ agreement, runEventLimit: 40 }],
      });
      // Before the first indicators reminder: recorded as sent, with their link.
      await advanceTo(t.env, localAt(agreement, of(first, 'meeting')[0]!.date, '12:00'));
      const recorded = await handle.executeUpdate(messages.recordIndicators, {
        args: [{ entryId: first.id, url: 'https://intranet.example.org/indicateurs-2025' }],
      });
      expect(recorded.outcome).toMatchObject({
        kind: 'indicators-recorded',
        entryId: first.id,
        dueOn: first.indicatorsDueOn,
      });
      expect(
        await rejection(() => handle.executeUpdate(messages.recordIndicators, { args: [{ entryId: first.id }] })),
      ).toMatch(/^entryId: the indicators of '.+' are already recorded/);
      expect(
        await rejection(() => handle.executeUpdate(messages.recordIndicators, { args: [{ entryId: 'nowhere' }] })),
      ).toMatch(/^entryId: no indicators are due for 'nowhere'/);

      const lastMeetingReminder = of(first, 'meeting').at(-1)!;
      await advanceTo(t.env, localAt(agreement, first.date, '12:00'));
      const after = await stateWhen(
        handle,
        (s) => s.sent.some((r) => r.reminderIds.includes(lastMeetingReminder.id)),
        'the meeting reminders of the first review sent',
      );
      expect(after.indicators).toEqual([
        expect.objectContaining({ entryId: first.id, url: 'https://intranet.example.org/indicateurs-2025' }),
      ]);
      const ids = t.sink.messages.flatMap((m) => reminderIds(m));
      for (const r of of(first, 'indicators')) expect(ids).not.toContain(r.id);
      for (const r of of(first, 'meeting')) expect(ids).toContain(r.id);

      // The next review's indicators no longer concern the training contact.
      const declined = await handle.executeUpdate(messages.declineReminder, {
        args: [
          {
            purpose: 'indicators',
            subjectId: second.id,
            personId: CONTACT,
            reason: 'J’ai changé de service.',
            recordedBy: { via: 'email-link', personId: CONTACT },
          },
        ],
      });
      expect(declined.outcome).toMatchObject({ kind: 'reminder-declined', referentsTold: referents.length });
      const key = `indicators:${second.id}/reminder-declined/${CONTACT}`;
      await stateWhen(handle, (s) => s.sent.filter((r) => r.reminderIds.includes(key)).length === 2, 'referents told');
      const told = () => t.sink.messages.filter((m) => reminderIds(m).includes(key));
      expect(
        told()
          .map((m) => recipientId(agreement, m))
          .sort(),
      ).toEqual([...referents].sort());
      for (const mail of told()) {
        const text = plainSpaces(mail.text);
        expect(text).toContain('Sophie Bernard signale que le rappel des indicateurs à transmettre avant la réunion');
        expect(text).toContain('Motif donné : « J’ai changé de service. »');
        expect(text).toContain('continue de recevoir ce rappel');
        expect(text).toContain('pacte change-person');
        expect(text).toContain('Prévu par l’article 8');
      }
      // Someone who does not receive that reminder cannot say so.
      expect(
        await rejection(() =>
          handle.executeUpdate(messages.declineReminder, {
            args: [{ purpose: 'indicators', subjectId: second.id, personId: 'sign-cnfpt' }],
          }),
        ),
      ).toMatch(/^personId: 'sign-cnfpt' receives no indicators reminder/);

      // Nobody removed: she still gets the reminder, in the next year's run.
      const nextIndicators = of(second, 'indicators')[0]!;
      await advanceTo(t.env, localAt(agreement, nextIndicators.date, '12:00'));
      const later = await stateWhen(
        handle,
        (s) => s.sent.some((r) => r.reminderIds.includes(nextIndicators.id)),
        'the next indicators reminder sent',
      );
      expect(later.runs).toBeGreaterThan(1);
      expect(later.sent.find((r) => r.reminderIds.includes(nextIndicators.id))?.to).toBe(CONTACT);
      expect(agreement.people.some((p) => p.id === CONTACT)).toBe(true);
      // Said once: a second declaration is refused and sends nothing.
      expect(
        await rejection(() =>
          handle.executeUpdate(messages.declineReminder, {
            args: [{ purpose: 'indicators', subjectId: second.id, personId: CONTACT }],
          }),
        ),
      ).toMatch(/^personId: 'formation-terre-valserhone' already said so on \d{4}-\d{2}-\d{2}/);
      const final = await handle.query(messages.stateQuery);
      expect(final.declinedReminders).toEqual([expect.objectContaining({ subjectId: second.id, personId: CONTACT })]);
      expect(told()).toHaveLength(2);

      await handle.terminate('test over');
    });
  });
});
