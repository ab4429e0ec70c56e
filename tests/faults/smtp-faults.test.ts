/**
 * Mail faults in a whole lifecycle, on the time-skipping server with the real worker, real
 * activities and a real SMTP server:
 * (a) one recipient refused for good (550): recorded in the state (`failures[]`, kind
 *     `permanent`) and in the UI's current details, never retried; everyone else still gets
 *     every reminder;
 * (b) the server answers 451 to several transactions (time-skipped backoff): retried, all
 *     delivered once;
 * (c) the server is down (connection refused) for a real stretch of wall-clock time, then back
 *     on the same port: the delivery in flight is retried and delivered once;
 * (d) one recipient's mailbox answers 451 at every attempt: after the last retry (about two
 *     hours of backoff) that e-mail is recorded as `exhausted`, the others of its batch were
 *     delivered once.
 * Terre Valserhône's first year (reduced size: the full term is in lifecycle-full-term.test.ts).
 * Then the worker's log of that run (every entry from INFO up, with its metadata) is read: it
 * names the refusals and retries, and holds no person's address or name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities, createMailTransport } from '../../activities';
import type { Agreement } from '../../domain/agreement';
import { planCalendar } from '../../domain/calendar';
import type { CalendarReminder } from '../../domain/calendar-types';
import { agreementLifecycle } from '../../workflows/agreement-lifecycle';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import { createPacteWorker } from '../../worker/create-worker';
import { exampleAgreement, startLifecycleEnv, type LifecycleEnv } from '../support/lifecycle-env';
import {
  advanceTo,
  localAt,
  recipientId,
  reminderIds,
  failedInAll,
  sentInAll,
  stateWhen,
  yearsAhead,
  type LifecycleHandle,
} from '../support/lifecycle-helpers';
import { installCapturingRuntime } from '../support/runtime';
import { startTcpSwitch, type TcpSwitch } from './tcp-switch';

// Before anything creates a worker or a test environment in this process.
const workerLog = installCapturingRuntime();

const REFUSED = 'ref-terre-valserhone';

describe('faults: SMTP', () => {
  let t: LifecycleEnv;
  let relay: TcpSwitch;
  let agreement: Agreement;
  let reminders: CalendarReminder[];
  let days: string[];

  beforeAll(async () => {
    t = await startLifecycleEnv('faults-smtp');
    relay = await startTcpSwitch(t.sink.port);
    agreement = await exampleAgreement('convention-cadre-terre-valserhone', await yearsAhead(t.env, '2025-01-15'));
    reminders = planCalendar(agreement).entries.flatMap((e) => e.reminders);
    days = [...new Set(reminders.map((r) => r.date))].sort();
  });
  afterAll(async () => {
    await relay?.close();
    await t?.teardown();
  });

  /** (day|person) → reminder ids expected up to `lastDay`, for everyone but `except`. */
  function expectedUpTo(lastDay: string, except?: string): Record<string, string[]> {
    const out = new Map<string, string[]>();
    for (const r of reminders.filter((r) => r.date <= lastDay)) {
      for (const person of r.to.filter((p) => p !== except))
        out.set(`${r.date}|${person}`, [...(out.get(`${r.date}|${person}`) ?? []), r.id].sort());
    }
    return Object.fromEntries([...out].sort());
  }
  function delivered(): Record<string, string[]> {
    const out = new Map<string, string[]>();
    for (const mail of t.sink.messages) {
      const key = `${mail.headers['x-pacte-day']}|${recipientId(agreement, mail)}`;
      expect(out.has(key), `delivered twice: ${key}`).toBe(false);
      out.set(key, reminderIds(mail).sort());
    }
    return Object.fromEntries([...out].sort());
  }

  it('refused recipient, 451s, and a real outage: failures recorded, everything else delivered once', async () => {
    const transport = createMailTransport({ smtpUrl: relay.url, timeoutMs: 5_000 });
    const worker = await createPacteWorker({
      connection: t.env.nativeConnection,
      taskQueue: t.taskQueue,
      activities: createActivities({ transport, from: 'Pacte <pacte@example.org>' }),
      workflowBundle: t.bundle,
    });
    const refusedEmail = agreement.people.find((p) => p.id === REFUSED)!.email;
    const figures: string[] = [];
    await worker.runUntil(async () => {
      const handle: LifecycleHandle = await t.env.client.workflow.start(agreementLifecycle, {
        workflowId: lifecycleWorkflowId(agreement.id),
        taskQueue: t.taskQueue,
        args: [{ agreement }],
      });

      // (a) Permanent refusal of one recipient over the first four reminder days.
      t.sink.rejectRecipient(refusedEmail);
      const dayA = days[3]!;
      await advanceTo(t.env, localAt(agreement, dayA, '23:00'));
      let state = await stateWhen(
        handle,
        (s) =>
          sentInAll(s) === t.sink.messages.length &&
          sentInAll(s) + failedInAll(s) === Object.keys(expectedUpTo(dayA)).length,
        'phase (a) recorded',
      );
      expect(state.failures.length).toBeGreaterThan(0);
      for (const f of state.failures) {
        expect(f.kind).toBe('permanent');
        expect(f.to).toBe(REFUSED);
        expect(f.reason).toMatch(/550|refused/);
      }
      expect(t.sink.messages.every((m) => !m.envelope.to.includes(refusedEmail))).toBe(true);
      expect(delivered()).toEqual(expectedUpTo(dayA, REFUSED));
      // Not retried: one SMTP transaction per message, refused ones included.
      expect(t.sink.attempts).toBe(sentInAll(state) + failedInAll(state));
      // Visible in the UI: the lifecycle's current details count the failures.
      const meta = (await handle.query('__temporal_workflow_metadata')) as { currentDetails?: string };
      expect(meta.currentDetails).toMatch(new RegExp(`échecs\\*\\* : ${state.failures.length}`));
      figures.push(
        `(a) ${state.failures.length} refused for good (permanent, not retried), ${state.sent.length} delivered to the others`,
      );
      const failuresA = state.failures.length;

      // (b) The next three transactions get 451: retried after the backoff, delivered once.
      const attemptsBefore = t.sink.attempts;
      const sentBefore = t.sink.messages.length;
      t.sink.failNext(3);
      const dayB = days[5]!;
      await advanceTo(t.env, localAt(agreement, dayB, '23:00'));
      state = await stateWhen(
        handle,
        (s) =>
          sentInAll(s) === t.sink.messages.length &&
          sentInAll(s) + failedInAll(s) === Object.keys(expectedUpTo(dayB)).length,
        'phase (b) recorded',
      );
      expect(t.sink.attempts - attemptsBefore).toBe(
        t.sink.messages.length - sentBefore + (state.failures.length - failuresA) + 3,
      );
      expect(delivered()).toEqual(expectedUpTo(dayB, REFUSED));
      figures.push(
        `(b) 3 transactions answered 451: ${t.sink.messages.length - sentBefore} messages delivered once after retry`,
      );

      // (c) The server goes away (connection refused) for a real stretch around the next day.
      const dayC = days[6]!;
      const firstAt = reminders
        .filter((r) => r.date === dayC)
        .map((r) => Date.parse(r.at))
        .sort((x, y) => x - y)[0]!;
      await relay.down();
      const sentBeforeC = t.sink.messages.length;
      // Up to 30 s past the reminders: the first attempt fails, the retry (1 min) waits.
      await advanceTo(t.env, new Date(firstAt + 30_000).toISOString());
      await new Promise((r) => setTimeout(r, 3_000)); // real time, server clock locked: still down
      expect(t.sink.messages.length).toBe(sentBeforeC);
      await relay.up();
      await advanceTo(t.env, localAt(agreement, dayC, '23:00'));
      state = await stateWhen(
        handle,
        (s) =>
          sentInAll(s) === t.sink.messages.length &&
          sentInAll(s) + failedInAll(s) === Object.keys(expectedUpTo(dayC)).length,
        'phase (c) recorded',
      );
      expect(delivered()).toEqual(expectedUpTo(dayC, REFUSED));
      const history = await handle.fetchHistory();
      const maxAttempt = Math.max(
        ...(history.events ?? []).map((e) => e.activityTaskStartedEventAttributes?.attempt ?? 0),
      );
      expect(maxAttempt).toBeGreaterThanOrEqual(2);
      figures.push(
        `(c) SMTP down for a real 3 s stretch (+30 s server time): ${t.sink.messages.length - sentBeforeC} messages delivered once after retry (highest attempt in the history: ${maxAttempt})`,
      );
      expect(state.failures.every((f) => f.kind === 'permanent' && f.to === REFUSED)).toBe(true);
      const failuresC = state.failures.length;

      // (d) A mailbox that stays full: retried until the policy gives up, then recorded.
      const recipientsOn = (day: string) =>
        new Set(
          reminders
            .filter((r) => r.date === day)
            .flatMap((r) => r.to)
            .filter((p) => p !== REFUSED),
        );
      const indexD = days.findIndex((d, i) => i > 6 && recipientsOn(d).size >= 2);
      const dayD = days[indexD]!;
      const dayBeforeD = days[indexD - 1]!;
      await advanceTo(t.env, localAt(agreement, dayBeforeD, '23:00'));
      await stateWhen(
        handle,
        (s) => sentInAll(s) + failedInAll(s) === Object.keys(expectedUpTo(dayBeforeD)).length,
        'days before (d) recorded',
      );
      const deferredId = [...recipientsOn(dayD)][0]!;
      t.sink.deferRecipient(agreement.people.find((p) => p.id === deferredId)!.email);
      await advanceTo(t.env, localAt(agreement, dayD, '23:00'));
      state = await stateWhen(
        handle,
        (s) => sentInAll(s) + failedInAll(s) === Object.keys(expectedUpTo(dayD)).length,
        'phase (d) recorded',
      );
      const exhausted = state.failures.slice(failuresC).filter((f) => f.kind === 'exhausted');
      expect(exhausted.map((f) => `${f.day}|${f.to}`)).toEqual([`${dayD}|${deferredId}`]);
      expect(exhausted[0]!.reason).toMatch(/451/);
      const deliveredD = delivered(); // fails on any duplicate
      const expectedD = expectedUpTo(dayD, REFUSED);
      delete expectedD[`${dayD}|${deferredId}`];
      expect(deliveredD).toEqual(expectedD);
      figures.push(
        `(d) one mailbox answering 451 at every attempt: recorded as exhausted after the last retry, the ${Object.keys(expectedD).filter((k) => k.startsWith(`${dayD}|`)).length} other e-mail(s) of that day delivered once`,
      );
      await handle.terminate('test over');
    });
    console.log(`[faults] ${figures.join('; ')}`);
  });

  it('the worker log of that run names no one: person ids, masked server answers', () => {
    const lines = workerLog.map((entry) => `${entry.message} ${JSON.stringify(entry.meta ?? {})}`);
    // The faults happened and were logged: permanent refusals, retried transient failures.
    expect(lines.filter((line) => line.includes('refused for good')).length).toBeGreaterThan(0);
    expect(lines.filter((line) => line.includes('will retry')).length).toBeGreaterThan(0);
    // The sink echoes the address in its 550 and 451 answers: masked before anything is logged.
    expect(lines.some((line) => line.includes(`<[address]>: Recipient address rejected`))).toBe(true);
    const personal = agreement.people.flatMap((p) => [p.email, p.name]);
    const leaks = lines.filter((line) => personal.some((value) => line.toLowerCase().includes(value.toLowerCase())));
    expect(leaks, leaks.slice(0, 3).join('\n')).toEqual([]);
  });
});
