/**
 * The Terre Valserhône convention from signature to expiry on the time-skipping server, with
 * real activities sending to a real SMTP server: every planned reminder is delivered exactly
 * once, on its planned day, to its planned recipients; meetings carry their invitation; the
 * whole term is one run (v8: continue-as-new by size only), far under its event limit, and it
 * ends `expired`.
 */
import type { Client } from '@temporalio/client';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agreement } from '../../domain/agreement';
import { planCalendar } from '../../domain/calendar';
import { agreementLifecycle } from '../../workflows/agreement-lifecycle';
import { RUN_EVENT_LIMIT } from '../../contracts/lifecycle-state';
import { stateQuery } from '../../contracts/messages';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import { exampleAgreement, startLifecycleEnv, type LifecycleEnv } from '../support/lifecycle-env';
import { yearsAhead } from '../support/lifecycle-helpers';

/** Follow the continue-as-new chain from the first run: event count of each run. */
async function historySizes(client: Client, workflowId: string, firstRunId: string): Promise<number[]> {
  const sizes: number[] = [];
  let runId: string | undefined = firstRunId;
  while (runId) {
    const history: Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>> =
      await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events = history.events ?? [];
    sizes.push(events.length);
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return sizes;
}

describe('lifecycle: Terre Valserhône, signature to expiry', () => {
  let t: LifecycleEnv;
  let agreement: Agreement;

  beforeAll(async () => {
    t = await startLifecycleEnv('lifecycle-full-term');
    agreement = await exampleAgreement('convention-cadre-terre-valserhone', await yearsAhead(t.env, '2025-01-15'));
  });
  afterAll(async () => t?.teardown());

  it('delivers every planned reminder once, on its day, to its recipients, and expires', async () => {
    const worker = await t.newWorker();
    const workflowId = lifecycleWorkflowId(agreement.id);
    const startedMs = await t.env.currentTimeMs();
    const { result, firstRunId, state } = await worker.runUntil(async () => {
      const handle = await t.env.client.workflow.start(agreementLifecycle, {
        workflowId,
        taskQueue: t.taskQueue,
        args: [{ agreement }],
      });
      const result = await handle.result();
      return { result, firstRunId: handle.firstExecutionRunId, state: await handle.query(stateQuery) };
    });

    expect(result.phase).toBe('expired');
    expect(result.endedOn).toBe(DateTime.fromISO(agreement.term.endsOn).plus({ days: 1 }).toISODate());
    expect(state.failures).toEqual([]);

    // Expected: the plan's reminders grouped per (day, person), exactly as the contract says.
    // The agreement is shifted into the server's future: no planned reminder predates the start.
    const reminders = planCalendar(agreement).entries.flatMap((e) => e.reminders);
    expect(Math.min(...reminders.map((r) => Date.parse(r.at)))).toBeGreaterThan(startedMs);
    const expected = new Map<string, string[]>();
    for (const entry of planCalendar(agreement).entries) {
      for (const reminder of entry.reminders) {
        for (const person of reminder.to) {
          const key = `${reminder.date}|${person}`;
          expected.set(key, [...(expected.get(key) ?? []), reminder.id].sort());
        }
      }
    }
    expect(expected.size).toBeGreaterThan(20);

    const emailToId = new Map(agreement.people.map((p) => [p.email, p.id]));
    const delivered = new Map<string, string[]>();
    for (const mail of t.sink.messages) {
      expect(mail.envelope.to).toHaveLength(1);
      const person = emailToId.get(mail.envelope.to[0]!);
      const key = `${mail.headers['x-pacte-day']}|${person}`;
      expect(delivered.has(key), `two e-mails for ${key}`).toBe(false);
      delivered.set(
        key,
        (mail.headers['x-pacte-reminders'] ?? '')
          .split(',')
          .map((s) => s.trim())
          .sort(),
      );
    }
    expect(Object.fromEntries([...delivered].sort())).toEqual(Object.fromEntries([...expected].sort()));

    // On its planned day: the workflow handed each message over on the day it was due.
    for (const sent of state.sent) {
      expect(DateTime.fromISO(sent.sentAt).setZone(agreement.timezone).toISODate(), sent.messageId).toBe(sent.day);
    }

    // Content: a meeting reminder in French with its invitation (stable UID per occurrence).
    const meetingMail = t.sink.messages.find((m) => m.icalendar.length > 0);
    expect(meetingMail, 'a meeting reminder with an invitation').toBeDefined();
    expect(meetingMail!.text).toMatch(
      /\b(lundi|mardi|mercredi|jeudi|vendredi) \d{1,2} \S+ \d{4} (à|de) \d{1,2}\sh\s\d{2}/,
    );
    const vevent = new ICAL.Component(ICAL.parse(meetingMail!.icalendar[0]!)).getFirstSubcomponent('vevent')!;
    expect(String(vevent.getFirstPropertyValue('uid'))).toMatch(
      new RegExp(`^annual-review-\\d{4}-\\d{2}-\\d{2}@${agreement.id}\\.pacte$`),
    );
    expect(meetingMail!.messageId).toMatch(new RegExp(`@${agreement.id}\\.pacte>$`));

    // Years of life: three years in one run (no yearly continue-as-new), far under the run's limit.
    const sizes = await historySizes(t.env.client, workflowId, firstRunId);
    console.log(
      `[lifecycle] ${state.sent.length} e-mails over ${sizes.length} runs; history events per run: ${sizes.join(', ')}`,
    );
    expect(sizes).toHaveLength(1);
    expect(sizes[0]).toBeLessThan(RUN_EVENT_LIMIT / 5);
  });
});
