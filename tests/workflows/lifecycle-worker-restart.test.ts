/**
 * A worker stopped mid-lifecycle and replaced by a fresh one (no cache: it rebuilds the
 * lifecycle by replaying its history) loses no reminder and sends none twice.
 *
 * The time-skipping server does not move its clock while a workflow task waits for a worker, so
 * "reminders due while no worker runs" cannot be simulated here; the fresh worker's replay is
 * what that case exercises anyway (the timers have fired, the worker catches up).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agreement } from '../../domain/agreement';
import { planCalendar } from '../../domain/calendar';
import { agreementLifecycle } from '../../workflows/agreement-lifecycle';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import { exampleAgreement, startLifecycleEnv, type LifecycleEnv } from '../support/lifecycle-env';
import {
  advanceTo,
  localAt,
  recipientId,
  reminderIds,
  sentInAll,
  stateWhen,
  yearsAhead,
} from '../support/lifecycle-helpers';

describe('lifecycle: worker restart', () => {
  let t: LifecycleEnv;
  let agreement: Agreement;

  beforeAll(async () => {
    t = await startLifecycleEnv('lifecycle-restart');
    agreement = await exampleAgreement('convention-cadre-terre-valserhone', await yearsAhead(t.env, '2025-01-15'));
  });
  afterAll(async () => t?.teardown());

  it('loses no reminder and sends none twice', async () => {
    const year = Number(agreement.term.signedOn.slice(0, 4));
    const handle = await t.env.client.workflow.start(agreementLifecycle, {
      workflowId: lifecycleWorkflowId(agreement.id),
      taskQueue: t.taskQueue,
      // Short runs (v8: a run ends by size), so that the bounded state carried by continue-as-new is checked.
      args: [{ agreement, runEventLimit: 100 }],
    });

    // First worker: up to the census opening, then stopped once everything due is recorded.
    // No sticky cache on the first worker: on a real server a stopped worker's sticky queue is
    // released at shutdown, but the time-skipping server would wait for the sticky timeout on a
    // clock that does not move while a task is pending.
    const opening = planCalendar(agreement).entries.find((e) => e.type === 'census-open' && e.censusYear === year)!;
    await t.runOwnWorker(
      async () => {
        await advanceTo(t.env, localAt(agreement, opening.date, '12:00'));
        await stateWhen(
          handle,
          (s) => s.census.length > 0 && sentInAll(s) === t.sink.messages.length,
          'quiet after the census opening',
        );
      },
      { maxCachedWorkflows: 0 },
    );
    const beforeStop = t.sink.messages.length;
    expect(beforeStop).toBeGreaterThan(0);

    // A fresh worker replays the history and goes on to the end.
    const second = await t.newWorker();
    // (Up to the last day only: on this server, the first worker's abandoned polls can hold a
    // child workflow's task at the very end; the full-term test covers the expiry itself.)
    const state = await second.runUntil(async () => {
      await advanceTo(t.env, localAt(agreement, agreement.term.endsOn, '23:00'));
      return await stateWhen(handle, (s) => sentInAll(s) === t.sink.messages.length, 'deliveries recorded');
    });

    const expected = new Map<string, string[]>();
    for (const reminder of planCalendar(agreement).entries.flatMap((e) => e.reminders)) {
      for (const person of reminder.to) {
        const key = `${reminder.date}|${person}`;
        expected.set(key, [...(expected.get(key) ?? []), reminder.id].sort());
      }
    }
    const delivered = new Map<string, string[]>();
    for (const mail of t.sink.messages) {
      const key = `${mail.headers['x-pacte-day']}|${recipientId(agreement, mail)}`;
      expect(delivered.has(key), `sent twice: ${key}`).toBe(false);
      delivered.set(key, reminderIds(mail).sort());
    }
    expect(Object.fromEntries([...delivered].sort())).toEqual(Object.fromEntries([...expected].sort()));
    // Both workers did part of the work, and the state's log matches the mailbox.
    expect(beforeStop).toBeLessThan(t.sink.messages.length);
    // This year's e-mails are listed; earlier years are counted (the state stays bounded).
    const thisYear = state.sent[0]?.day.slice(0, 4);
    expect(state.sent.map((s) => s.messageId).sort()).toEqual(
      t.sink.messages
        .filter((m) => String(m.headers['x-pacte-day']).startsWith(thisYear!))
        .map((m) => m.messageId)
        .sort(),
    );
    for (const past of state.pastYears)
      expect(t.sink.messages.filter((m) => String(m.headers['x-pacte-day']).startsWith(String(past.year))).length).toBe(
        past.sent,
      );
    await handle.terminate('test over');
  });
});
