/**
 * B4 — what a lifecycle costs on Temporal: history events and billable actions per
 * agreement-year, counted from the real histories of the example agreements run from signature
 * to expiry on the time-skipping server (real worker, real activities, real SMTP on loopback),
 * against the minimum any design must pay: one timer and one activity per reminder day.
 *
 * Nothing is answered on the agreements' behalf (no census answer, no operation): this is the
 * calendar alone, the steady cost of an agreement nobody touches. Child workflows the lifecycle
 * starts (census campaigns) are counted separately, as far as they got.
 *
 * @module
 */
import type { temporal } from '@temporalio/proto';
import type { Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import type { Agreement } from '../domain/agreement';
import { planCalendar } from '../domain/calendar';
import { exampleAgreement, startLifecycleEnv } from '../tests/support/lifecycle-env';
import { yearsAhead } from '../tests/support/lifecycle-helpers';
import { agreementLifecycle } from '../workflows/agreement-lifecycle';
import { lifecycleStartOptions } from '../client/lifecycle-start-options';
import { num, ratio, recordVersion, type Benchmark } from './report';
import type { Aim } from './aims';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const EXAMPLES = [
  'plan-action-vaucluse',
  'convention-cadre-terre-valserhone',
  'cot-seine-et-marne',
  'schema-cooperation-cdg-bretagne',
];

/** Per reminder day in the minimal design: timer started + fired, a workflow task, activity scheduled/started/completed, a workflow task. */
const MIN_EVENTS_PER_DAY = 11;
/** Workflow started + first workflow task (3) + completed. */
const MIN_EVENTS_FIXED = 5;

export interface Counts {
  events: number;
  actions: number;
  runs: number;
  timers: number;
  activities: number;
  workflowTasks: number;
  upserts: number;
  markers: number;
  children: string[];
}

/**
 * Billable actions as Temporal Cloud lists them: a workflow started (the first run, each
 * continue-as-new, each child), a timer, an activity scheduled and each retry, a signal or
 * update received, a signal sent to another workflow, a search-attribute or memo upsert,
 * a marker (side effect, local activity, version marker).
 */
export function countHistory(events: HistoryEvent[], c: Counts): void {
  for (const e of events) {
    c.events++;
    if (e.workflowExecutionStartedEventAttributes) c.actions++;
    if (e.timerStartedEventAttributes) {
      c.actions++;
      c.timers++;
    }
    if (e.activityTaskScheduledEventAttributes) {
      c.actions++;
      c.activities++;
    }
    const attempt = e.activityTaskStartedEventAttributes?.attempt ?? 1;
    if (attempt > 1) c.actions += attempt - 1;
    if (e.workflowTaskCompletedEventAttributes) c.workflowTasks++;
    if (e.workflowExecutionSignaledEventAttributes || e.workflowExecutionUpdateAcceptedEventAttributes) c.actions++;
    if (e.signalExternalWorkflowExecutionInitiatedEventAttributes) c.actions++;
    if (e.upsertWorkflowSearchAttributesEventAttributes || e.workflowPropertiesModifiedEventAttributes) {
      c.actions++;
      c.upserts++;
    }
    if (e.markerRecordedEventAttributes) {
      c.actions++;
      c.markers++;
    }
    const child = e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId;
    if (child) c.children.push(child);
  }
}

function emptyCounts(): Counts {
  return {
    events: 0,
    actions: 0,
    runs: 0,
    timers: 0,
    activities: 0,
    workflowTasks: 0,
    upserts: 0,
    markers: 0,
    children: [],
  };
}

/** Every run of a continue-as-new chain, from the first. */
async function chain(client: Client, workflowId: string, firstRunId: string | undefined, c: Counts): Promise<number[]> {
  const sizes: number[] = [];
  let runId = firstRunId;
  for (;;) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events = history.events ?? [];
    countHistory(events, c);
    c.runs++;
    sizes.push(events.length);
    const next = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
    if (!next) return sizes;
    runId = next;
  }
}

/** Distinct days on which the plan has at least one reminder (from the lifecycle's start). */
export function reminderDays(agreement: Agreement, fromIso: string): number {
  const days = new Set<string>();
  for (const e of planCalendar(agreement).entries)
    for (const r of e.reminders) if (Date.parse(r.at) >= Date.parse(fromIso)) days.add(r.date);
  return days.size;
}

export const b4Cost: Benchmark = async (ctx) => {
  const names = ctx.quick ? EXAMPLES.slice(0, 1) : EXAMPLES;
  const rows: string[][] = [];
  const aims: Aim[] = [];
  const childRows: string[] = [];
  // One time-skipping server per example: skipped time is shared by everything on a server, and
  // a lifecycle left asleep by one example must not hold up the next.
  for (const name of names) {
    ctx.log(`${name}: starting the time-skipping server, the SMTP sink and the worker`);
    const t = await startLifecycleEnv(`bench-b4-${name}`);
    try {
      const info = await t.env.connection.workflowService.getClusterInfo({}).catch(() => undefined);
      recordVersion(
        'Temporal time-skipping test server',
        info?.serverVersion ? `server ${info.serverVersion}` : '1.31.0 (Java, from the project cache)',
      );
      const worker = await t.newWorker();
      await worker.runUntil(async () => {
        const raw = await exampleAgreement(name, 0);
        const agreement = await exampleAgreement(name, await yearsAhead(t.env, raw.term.signedOn));
        const startIso = new Date(await t.env.currentTimeMs()).toISOString();
        ctx.log(`${name}: ${agreement.term.startsOn} → ${agreement.term.endsOn}, running to expiry`);
        // Started as `pacte start` starts it: search attributes (the first deadline included), memo, summary.
        const handle = await t.env.client.workflow.start(
          agreementLifecycle,
          lifecycleStartOptions(agreement, t.taskQueue, { nowMs: await t.env.currentTimeMs() }),
        );
        // Bounded: a lifecycle that does not reach expiry fails the benchmark (a row left out
        // would make the table look complete), it is not waited on for ever.
        const limitS = ctx.quick ? 60 : 180;
        const result = await Promise.race([
          handle.result(),
          new Promise<never>((_, reject) =>
            setTimeout(
              () => reject(new Error(`${name} did not expire within ${limitS} s of real time`)),
              limitS * 1000,
            ).unref(),
          ),
        ]).catch(async (err: unknown) => {
          const state = await handle.describe().catch(() => undefined);
          throw new Error(
            `${String(err instanceof Error ? err.message : err)} (status ${state?.status.name ?? '?'}, history ${state?.historyLength ?? '?'} events)`,
          );
        });
        const c = emptyCounts();
        const sizes = await chain(t.env.client, handle.workflowId, handle.firstExecutionRunId, c);
        const kids = emptyCounts();
        for (const child of c.children) {
          try {
            await chain(t.env.client, child, undefined, kids);
          } catch {
            // a child the server no longer knows: not counted
          }
        }
        const years = DateTime.fromISO(agreement.term.endsOn)
          .plus({ days: 1 })
          .diff(DateTime.fromISO(agreement.term.startsOn), 'years').years;
        const days = reminderDays(agreement, startIso);
        const minActions = 1 + 2 * days;
        const minEvents = MIN_EVENTS_FIXED + MIN_EVENTS_PER_DAY * days;
        const mails = t.sink.messages.length;
        ctx.log(
          `${name}: ${result.phase}, ${sizes.length} runs (${sizes.join(', ')} events), ${c.actions} actions, ${mails} e-mails, ${days} reminder days`,
        );
        aims.push({
          what: `B4 ${name}: actions / minimum`,
          measured: c.actions / minActions,
          aim: 1.5,
          direction: 'at-most',
        });
        rows.push([
          `${name} (${years.toFixed(1)} y)`,
          `${num(days)} / ${num(mails)}`,
          `${num(c.runs)} (max ${num(Math.max(...sizes))} events)`,
          `${num(c.events / years)}`,
          `${num(minEvents / years)}`,
          ratio(c.events / minEvents),
          `${num(c.actions / years)}`,
          `${num(minActions / years)}`,
          ratio(c.actions / minActions),
          `${num(c.timers)} / ${num(c.activities)} / ${num(c.upserts)} / ${num(c.markers)} / ${num(c.workflowTasks)}`,
        ]);
        childRows.push(
          `${name}: ${c.children.length} child workflow(s), ${num(kids.events)} events, ${num(kids.actions)} actions (${num(kids.actions / years, 1)} per year)`,
        );
      });
    } finally {
      await t.teardown();
    }
  }
  {
    return {
      id: 'B4',
      title: 'cost of a lifecycle: events and actions per agreement-year',
      size: `${names.length} example agreement(s), signature to expiry`,
      aims,
      headers: [
        'agreement (term)',
        'reminder days / e-mails',
        'runs',
        'events/year',
        'min events/year',
        'events ratio',
        'actions/year',
        'min actions/year',
        'actions ratio',
        'timers / activities / upserts / markers / WFTs',
      ],
      rows,
      notes: [
        `Counted from the fetched histories of every run of the lifecycle (continue-as-new each 1 January). Actions follow Temporal Cloud's list: workflow started ` +
          `(first run, each continue-as-new, each child), timer, activity scheduled and each retry, signal or update received, signal sent, search-attribute or memo upsert, marker. ` +
          `The minimum is what any design must pay: one timer and one activity per reminder day plus the start (actions = 1 + 2 × days; events = ${MIN_EVENTS_FIXED} + ${MIN_EVENTS_PER_DAY} × days: ` +
          `timer started and fired, activity scheduled, started and completed, two workflow tasks of 3 events). A "reminder day" is a distinct date with at least one planned reminder.`,
        `Child workflows (census campaigns; nobody answers here, so they escalate and wait): ${childRows.join('; ')}. They are not in the ratios.`,
      ],
    };
  }
};
