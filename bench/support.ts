/**
 * What several benchmarks share: a dev server started like `npm start` starts it (search
 * attributes registered), agreements that are active now, and starting a lifecycle exactly as
 * `pacte start` does (same id, search attributes, memo).
 *
 * @module
 */
import type { Client } from '@temporalio/client';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { performance } from 'node:perf_hooks';
import { devServerExecutable } from '../dev/temporal-binaries';
import type { Agreement } from '../domain/agreement';
import { addDays } from '../domain/durations';
import { cot } from '../tests/domain/fixtures';
import { PACTE_SEARCH_ATTRIBUTES } from '../contracts/search-attributes';
import { lifecycleStartOptions } from '../client/lifecycle-start-options';
import { recordVersion } from './report';

export async function startDevServer(options: { dbFilename?: string } = {}): Promise<TestWorkflowEnvironment> {
  const { executable } = devServerExecutable();
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable,
      searchAttributes: PACTE_SEARCH_ATTRIBUTES,
      ...(options.dbFilename ? { dbFilename: options.dbFilename } : {}),
    },
  });
  const info = await env.connection.workflowService.getClusterInfo({});
  recordVersion('Temporal dev server (Temporal CLI v1.5.1)', `server ${info.serverVersion ?? '?'}`);
  return env;
}

/** The server's local date today, in UTC: agreements built from it are active now. */
export function today(): string {
  return DateTime.utc().toISODate()!;
}

/**
 * `n` three-year COTs (B1's shape) starting between tomorrow and a year from now: every one is
 * active, asleep until its first reminder, which is what a production server mostly holds.
 */
export function activeAgreements(n: number, prefix: string): Agreement[] {
  const base = cot();
  const from = addDays(today(), 1);
  return Array.from({ length: n }, (_, i) => {
    const startsOn = addDays(from, (i * 7) % 365);
    const endsOn = addDays(addDays(startsOn, 365 * 3), -1);
    return { ...base, id: `${prefix}-${i}`, term: { ...base.term, signedOn: startsOn, startsOn, endsOn } };
  });
}

/** Starts a lifecycle as `pacte start` does. */
export async function startLifecycle(client: Client, agreement: Agreement, taskQueue: string): Promise<void> {
  await client.workflow.start('agreementLifecycle', lifecycleStartOptions(agreement, taskQueue));
}

/** A history event's server time, in epoch milliseconds. */
export function eventMs(e: { eventTime?: { seconds?: unknown; nanos?: number | null } | null }): number {
  return Number(e.eventTime?.seconds ?? 0) * 1000 + Math.floor((e.eventTime?.nanos ?? 0) / 1e6);
}

/**
 * Whether a workflow has run its first task: one completed (the history holds more than the
 * start and the first task's scheduling) and none pending. Read from the server, one describe.
 */
export async function firstTaskDone(client: Client, workflowId: string): Promise<boolean> {
  const { raw } = await client.workflow.getHandle(workflowId).describe();
  return !raw.pendingWorkflowTask && Number(raw.workflowExecutionInfo?.historyLength ?? 0) > 2;
}

/**
 * Terminates the workflows a cluster benchmark started (the cluster outlives the run; the dev
 * server does not), 16 at a time; one already closed is fine.
 */
export async function terminateAll(client: Client, workflowIds: string[]): Promise<void> {
  await inPool(workflowIds, 16, async (id) => {
    await client.workflow
      .getHandle(id)
      .terminate('benchmark over')
      .catch(() => undefined);
  });
}

/** Runs `f` over `items` with at most `limit` in flight, calling `progress` every `every` items; returns elapsed ms. */
export async function inPool<T>(
  items: T[],
  limit: number,
  f: (item: T, i: number) => Promise<unknown>,
  progress?: (done: number) => void,
  every = 100,
): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await f(items[i]!, i);
        done++;
        if (progress && done % every === 0) progress(done);
      }
    }),
  );
  return performance.now() - t0;
}

/** One connection per message, as nodemailer does without a pool: the design before the pooled transport. */
export function unpooledTransport(url: string): Transporter<SMTPTransport.SentMessageInfo> {
  return nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 10_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}
