/**
 * « Me le rappeler dans 3 jours » in a running lifecycle (issue 16), on the time-skipping server
 * with the real worker and SMTP sink: after the census opening reminder, a referent snoozes the
 * census for three days; the « closes soon » reminder within those days goes to the other
 * referent only, the census comes back to her when they end, and the later reminders, the last
 * one before the deadline included, reach both. Bad snoozes are refused naming the field, and
 * the snooze is in the journal, in words.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOutcome } from '../../client/render/operation-outcome';
import * as messages from '../../contracts/messages';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import { agreementLifecycle } from '../../workflows/agreement-lifecycle';
import { currentDetails } from '../../workflows/lifecycle-view';
import { startLifecycleEnv, type LifecycleEnv } from '../support/lifecycle-env';
import { advanceTo, stateWhen, type LifecycleHandle } from '../support/lifecycle-helpers';
import { placeSnoozeCensus, type PlacedSnooze } from '../support/snooze-placement';

const PILOT = 'ref-terre-valserhone';
const OTHER = 'ref-cnfpt';
const HOUR = 3_600_000;

describe('lifecycle: a snooze of the census reminders', () => {
  let t: LifecycleEnv;
  let placed: PlacedSnooze;

  beforeAll(async () => {
    t = await startLifecycleEnv('lifecycle-snooze');
    placed = await placeSnoozeCensus('demo-snooze', await t.env.currentTimeMs());
  });
  afterAll(async () => t?.teardown());

  it('leaves out the reminder in the window, comes back at its end, keeps the last before the deadline', async () => {
    const worker = await t.newWorker();
    await worker.runUntil(async () => {
      const handle: LifecycleHandle = await t.env.client.workflow.start(agreementLifecycle, {
        workflowId: lifecycleWorkflowId(placed.agreement.id),
        taskQueue: t.taskQueue,
        args: [{ agreement: placed.agreement }],
      });
      const census = (to: string) => (s: messages.OperationResult | Awaited<ReturnType<typeof view>>) =>
        'sent' in s
          ? s.sent
              .filter((r) => r.to === to && r.purposes.some((p) => p === 'census-open' || p === 'census-deadline'))
              .map((r) => r.sentAt)
          : [];
      const view = () => handle.query(messages.stateQuery);
      const thread = `census/${placed.year}`;

      await advanceTo(t.env, new Date(Date.parse(placed.openAt) + 60_000).toISOString());
      await stateWhen(handle, (s) => census(PILOT)(s).length === 1, 'the opening reminder');

      // Refused, naming the field, and nothing recorded.
      const refusal = async (input: Record<string, unknown>) => {
        const err = await handle.executeUpdate(messages.snoozeReminders, { args: [input as never] }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
        return (err as WorkflowUpdateFailedError).cause?.message ?? '';
      };
      expect(await refusal({ thread, personId: 'formation-terre-valserhone', days: 3 })).toMatch(/^personId: /);
      expect(await refusal({ thread, personId: PILOT, days: 30 })).toMatch(/^days: at most 14/);
      expect(await refusal({ thread: `census/${placed.year + 1}`, personId: PILOT, days: 3 })).toMatch(/^thread: /);
      expect(await refusal({ thread: 'meeting/x', personId: PILOT, days: 3 })).toMatch(/^thread: /);
      expect((await view()).snoozes ?? []).toEqual([]);

      const now = await t.env.currentTimeMs();
      const result = await handle.executeUpdate(messages.snoozeReminders, {
        args: [{ thread, personId: PILOT, days: 3, recordedBy: { via: 'email-link', personId: PILOT } }],
      });
      const outcome = result.outcome;
      if (outcome.kind !== 'reminders-snoozed') throw new Error(`unexpected ${outcome.kind}`);
      // Three days later at the same time of day: the next reminder then, not the last one.
      expect(Date.parse(outcome.until) - now).toBeGreaterThanOrEqual(3 * 24 * HOUR);
      expect(Date.parse(outcome.until) - now).toBeLessThan(3 * 24 * HOUR + 60_000);
      expect(outcome.next).toBe(outcome.until);
      expect(outcome.nextIsLast).toBe(false);
      expect(describeOutcome(outcome, 'fr')).toMatch(
        new RegExp(
          `^recensement ${placed.year}\u00a0: rappels de ${PILOT} reportés au \\S+ \\d+ \\S+ ${placed.year} — prochain rappel le `,
        ),
      );

      // The journal, as `pacte show`, the web page and the Temporal UI read it.
      const recorded = await view();
      expect(recorded.journal.at(-1)).toMatchObject({
        operation: 'snoozeReminders',
        summary: outcome,
        recordedBy: { via: 'email-link', personId: PILOT },
      });
      expect(currentDetails(recorded)).toContain(
        `rappels ${thread} de ${PILOT} reportés au ${outcome.until.slice(0, 10)}`,
      );
      expect(recorded.threads).toContainEqual(
        expect.objectContaining({ thread, personId: PILOT, next: outcome.until, last: placed.deadlineAt[2] }),
      );

      // The first « closes soon » reminder: to the other referent only.
      await advanceTo(t.env, new Date(Date.parse(placed.deadlineAt[0]) + HOUR).toISOString());
      let s = await stateWhen(handle, (v) => census(OTHER)(v).length === 2, 'the first « closes soon » reminder');
      expect(census(PILOT)(s)).toHaveLength(1);

      // The snooze's end: the census comes back to her, once.
      await advanceTo(t.env, new Date(Date.parse(outcome.until) + HOUR).toISOString());
      s = await stateWhen(handle, (v) => census(PILOT)(v).length === 2, 'the reminder at the snooze’s end');
      expect(Date.parse(census(PILOT)(s)[1]!)).toBeGreaterThanOrEqual(Date.parse(outcome.until));
      expect(census(OTHER)(s)).toHaveLength(2);

      // The later reminders, the last before the deadline included, reach both.
      await advanceTo(t.env, new Date(Date.parse(placed.deadlineAt[2]) + HOUR).toISOString());
      s = await stateWhen(handle, (v) => census(PILOT)(v).length === 4, 'the last reminder before the deadline');
      expect(census(OTHER)(s)).toHaveLength(4);
      expect(
        census(PILOT)(s)
          .slice(2)
          .map((at) => Date.parse(at) >= Date.parse(placed.deadlineAt[1])),
      ).toEqual([true, true]);
      const delivered = s.sent.filter((r) => r.to === PILOT).flatMap((r) => r.reminderIds);
      expect(delivered.filter((id) => id.includes('/snoozed/'))).toHaveLength(1);
      // Nothing of the thread is left for anyone; a snooze now is refused.
      expect((await view()).threads?.filter((x) => x.thread === thread)).toEqual([]);
      expect(await refusal({ thread, personId: PILOT, days: 3 })).toMatch(/^thread: /);
    });
  }, 120_000);
});
