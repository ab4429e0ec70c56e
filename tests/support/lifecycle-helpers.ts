/**
 * Driving a lifecycle through time on the time-skipping server: move the server's clock to a
 * given instant, then wait (bounded) until the workflow has done what that instant brings.
 */
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { expect } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import type { Agreement } from '../../domain/agreement';
import type { agreementLifecycle } from '../../workflows/agreement-lifecycle';
import type { LifecycleView } from '../../contracts/lifecycle-view';
import { stateQuery } from '../../contracts/messages';
import type { SinkMessage } from './smtp-sink';
import { waitFor } from './wait-for';

export type LifecycleHandle = WorkflowHandle<typeof agreementLifecycle>;

/** Whole years that move a date after the server's current time (its clock starts at "now"). */
export async function yearsAhead(env: TestWorkflowEnvironment, firstDate: string): Promise<number> {
  const now = DateTime.fromMillis(await env.currentTimeMs(), { zone: 'UTC' });
  return now.year - DateTime.fromISO(firstDate).year + 1;
}

/** Moves the server's clock to `instant` (ISO); firing every timer on the way. */
export async function advanceTo(env: TestWorkflowEnvironment, instant: string): Promise<void> {
  const target = DateTime.fromISO(instant).toMillis();
  const now = await env.currentTimeMs();
  if (target > now) await env.sleep(target - now);
}

/** The local instant `date` at `time` in the agreement's zone. */
export function localAt(agreement: Agreement, date: string, time = '12:00'): string {
  return DateTime.fromISO(`${date}T${time}`, { zone: agreement.timezone }).toISO()!;
}

/** Waits until the `state` query satisfies `done`, and returns that state. */
export async function stateWhen(
  handle: LifecycleHandle,
  done: (s: LifecycleView) => boolean,
  what: string,
): Promise<LifecycleView> {
  return await waitFor(
    async () => {
      const state = await handle.query(stateQuery);
      return done(state) ? state : undefined;
    },
    { timeoutMs: 30_000, what },
  );
}

/** Person id of each captured mail's single recipient. */
export function recipientId(agreement: Agreement, mail: SinkMessage): string {
  const email = mail.envelope.to[0];
  const person = agreement.people.find((p) => p.email === email);
  if (!person) throw new Error(`mail to unknown address ${email}`);
  return person.id;
}

export function reminderIds(mail: SinkMessage): string[] {
  return (mail.headers['x-pacte-reminders'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** E-mails sent since the start: this year's records plus the counts of earlier years. */
export function sentInAll(view: Pick<LifecycleView, 'sent' | 'pastYears'>): number {
  return view.sent.length + view.pastYears.reduce((n, y) => n + y.sent, 0);
}

/** Deliveries that failed since the start, likewise. */
export function failedInAll(view: Pick<LifecycleView, 'failures' | 'pastYears'>): number {
  return view.failures.length + view.pastYears.reduce((n, y) => n + y.failures, 0);
}

/** The message of the validator's refusal of an update `run` sends; fails if it was accepted. */
export async function rejection(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (err) {
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    return (err as WorkflowUpdateFailedError).cause?.message ?? '';
  }
  throw new Error('the update was accepted');
}
