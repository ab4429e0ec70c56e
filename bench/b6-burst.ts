/**
 * B6 — a burst: reminders for many people due in the same minute, on the dev server in real
 * time, with the production worker composition. `n / 20` agreements of realistic size, each with
 * a meeting of 20 attendees a few days ahead and its reminder due today at the same minute: the
 * lifecycles wake up together and each sends one e-mail per person (grouped per person per day,
 * docs/contracts.md#e-mails), in one `deliverDay` batch per lifecycle. The agreements work all seven
 * days and observe no public holidays, so the burst can be planned at any minute of the week.
 * Measured: the delay from the planned instant (`X-Pacte-Due`) to the SMTP server
 * accepting each message (the sink's clock: same machine, same clock), and from the histories
 * where that time goes (timer fired, workflow task done, activity started). The batches record
 * every accepted message in the delivery ledger the worker opens by default (a SQLite file; on
 * the cluster, its PostgreSQL), as in production.
 *
 * Why not one agreement with 1,000 attendees: every e-mail carries the meeting's invitation with
 * its whole attendee list, so that wake-up's activity inputs would hold 1,000 × 1,000 attendees —
 * tens of megabytes in the lifecycle's history (see Findings). Real agreements have a few dozen
 * people.
 *
 * In the full run the production burst runs three times (other agreements, later minutes), each
 * followed by its floor: one burst's ratio varies widely from run to run on a shared machine, and
 * the aim takes the median. A last burst runs with a transport that opens one connection per
 * message (bench-only), to separate what batching and pooling each bring. Each burst's CPU, by
 * thread and for the whole machine, is read from Linux's counters (./cpu-accounting.ts): a burst
 * that keeps the cores busy cannot drain faster on this machine.
 *
 * @module
 */
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { NativeConnection } from '@temporalio/worker';
import { DateTime } from 'luxon';
import { performance } from 'node:perf_hooks';
import {
  createActivities,
  createMailTransport,
  loadMailConfig,
  openDeliveryLedger,
  toMailOptions,
  type DeliveryLedger,
  type MailSender,
} from '../activities';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Agreement, Person } from '../domain/agreement';
import { planCalendar } from '../domain/calendar';
import { addDays } from '../domain/durations';
import { conventionCadre, people as fixturePeople } from '../tests/domain/fixtures';
import { clusterLedgerUrl, clusterScript, connectClient } from '../tests/cluster/live/cluster-env';
import { workflowBundle } from '../tests/support/lifecycle-env';
import { createPacteWorker } from '../worker/create-worker';
import { describeTuning, loadWorkerTuning } from '../worker/tuning';
import { cpuBetween, cpuMark, cpuMarkAt, describeCpu, type CpuUse } from './cpu-accounting';
import { startLightSink, type LightSink } from './light-sink';
import { mib, ms, num, percentile, ratio, type Benchmark } from './report';
import { eventMs, inPool, startDevServer, startLifecycle, terminateAll, unpooledTransport } from './support';
import { lifecycleWorkflowId } from '../contracts/workflow-ids';
import { WEEKDAYS } from '../domain/agreement';
import type { ReminderBatch } from '../contracts/delivery-batch';
import type { ReminderMessage } from '../contracts/reminder-message';

/**
 * Every day is a business day for the burst's agreements (all seven days worked, no public
 * holidays), so a reminder can be due at any minute of the week: B6 runs whenever it is asked to.
 * UTC, so that no local time is skipped or repeated by a daylight-saving change.
 */
const BURST_ZONE = 'UTC';

/**
 * An agreement whose only reminders due today are at `at` (whole minute), to the `n` attendees
 * of one meeting a few days ahead. Its reminders can be due on any day (`workdays` all seven,
 * `holidays: none`). Checks the plan before using it, and throws if the planner does not put
 * exactly those reminders at `at`: the benchmark then fails rather than measure something else.
 */
export function burstAgreement(
  id: string,
  n: number,
  atUtc: DateTime,
): { agreement: Agreement; reminders: number; recipients: string[] } {
  const at = atUtc.setZone(BURST_ZONE);
  const todayIso = at.toISODate()!;
  const attendees: Person[] = Array.from({ length: n }, (_, i) => ({
    id: `membre-${i}`,
    name: `Membre ${i}`,
    email: `membre.${i}.${id}@example.org`,
    party: i % 2 ? 'cc' : 'cnfpt',
    roles: ['committee'],
  }));
  const k = 2;
  const meetingOn = DateTime.fromISO(addDays(todayIso, k), { zone: BURST_ZONE });
  const agreement = conventionCadre({
    id,
    timezone: BURST_ZONE,
    holidays: 'none',
    workdays: [...WEEKDAYS],
    people: [...fixturePeople.filter((p) => !p.roles.includes('committee')), ...attendees],
    term: {
      ...conventionCadre().term,
      signedOn: todayIso,
      startsOn: todayIso,
      endsOn: addDays(addDays(todayIso, 365 * 3), -1),
    },
    meetings: {
      'burst-meeting': {
        rrule: `FREQ=YEARLY;BYMONTH=${meetingOn.month};BYMONTHDAY=${meetingOn.day}`,
        time: '10:00',
        duration: 'PT1H',
        attendees: ['committee'],
        remindBefore: [`P${k}D`],
        onNonBusinessDay: 'keep',
      },
    },
    census: undefined,
    reminders: { time: at.toFormat('HH:mm') },
  });
  delete (agreement as { census?: unknown }).census;
  const plan = planCalendar(agreement);
  const due = plan.entries.flatMap((e) => e.reminders).filter((r) => r.date === todayIso);
  const recipients = new Set(due.flatMap((r) => r.to));
  if (!(
    due.length > 0 &&
    due.every((r) => Date.parse(r.at) === at.toMillis()) &&
    attendees.every((p) => recipients.has(p.id))
  )) {
    throw new Error(
      `${id}: the planner did not put one reminder to each of the ${n} attendees at ${at.toISO()} (found ${due.length} reminder(s) due ${todayIso})`,
    );
  }
  return { agreement, reminders: recipients.size, recipients: [...recipients] };
}

interface Burst {
  label: string;
  delays: number[];
  expected: number;
  /** Per lifecycle, ms after the planned instant: timer fired, workflow task completed, first activity started. */
  phases: { fired: number; scheduled: number; firstActivity: number }[];
  /** The burst's lifecycles (still running, asleep until their meeting). */
  workflowIds: string[];
  /** The messages the lifecycles handed to their delivery batches, as their histories hold them: the floor sends these. */
  messages: ReminderMessage[];
  /** The CPU from the planned instant to the last message. */
  cpu: CpuUse;
}

const PEOPLE_PER_AGREEMENT = 20;

async function burst(
  label: string,
  prefix: string,
  n: number,
  leadS: number,
  transport: MailSender,
  ledger: DeliveryLedger,
  parallelSends: number,
  sink: LightSink,
  ctx: Parameters<Benchmark>[0],
  env: { client: Client; nativeConnection: NativeConnection },
): Promise<Burst> {
  const count = Math.max(1, Math.round(n / PEOPLE_PER_AGREEMENT));
  // The next whole minute at least `leadS` seconds away: time to start the lifecycles and let
  // each run its first task (B3 measures that rate) before the burst.
  const at = DateTime.utc().plus({ seconds: leadS }).endOf('minute').plus({ milliseconds: 1 });
  const planned = Array.from({ length: count }, (_, i) => burstAgreement(`${prefix}-${i}`, n / count, at));
  const expected = planned.reduce((sum, p) => sum + p.reminders, 0);
  const taskQueue = `bench-${prefix}`;
  const activities = createActivities({ transport, from: 'Pacte <pacte@example.org>', parallelSends, ledger });
  const worker = await createPacteWorker({
    connection: env.nativeConnection,
    taskQueue,
    activities,
    workflowBundle: await workflowBundle(),
    // The worker's settings (PACTE_MAX_*, defaults unless set), for experiments as B3's.
    tuning: loadWorkerTuning(process.env),
  });
  const dueMs = at.toMillis();
  return await worker.runUntil(async () => {
    await inPool(planned, 8, (p) => startLifecycle(env.client, p.agreement, taskQueue));
    ctx.log(
      `${label}: ${count} lifecycles started, ${expected} e-mails due at ${at.toISO()} (in ${((dueMs - Date.now()) / 1000).toFixed(0)} s)`,
    );
    const before = sink.accepted.length;
    const fromDue = cpuMarkAt(dueMs);
    const progress = setInterval(() => {
      const got = sink.accepted.length - before;
      if (Date.now() > dueMs)
        ctx.log(
          `${label}: ${got}/${expected} accepted, ${((Date.now() - dueMs) / 1000).toFixed(0)} s after the planned instant`,
        );
    }, 5_000);
    try {
      await sink.waitFor(before + expected, dueMs - Date.now() + 300_000);
    } finally {
      clearInterval(progress);
    }
    const cpu = cpuBetween(await fromDue, cpuMark());
    const ids = new Set(planned.map((p) => p.agreement.id));
    const mine = sink.accepted
      .slice(before)
      .filter((a) => a.agreement && ids.has(a.agreement) && a.due && Date.parse(a.due) === dueMs);
    // Where the time goes, from each lifecycle's history (server timestamps, same machine clock).
    const phases: Burst['phases'] = [];
    const messages: ReminderMessage[] = [];
    for (const p of planned) {
      const events =
        (await env.client.workflow.getHandle(lifecycleWorkflowId(p.agreement.id)).fetchHistory()).events ?? [];
      const firedAt = events.findIndex((e) => e.timerFiredEventAttributes && eventMs(e) >= dueMs - 1_000);
      if (firedAt < 0) continue;
      const done = events.slice(firedAt).find((e) => e.workflowTaskCompletedEventAttributes);
      const started = events.slice(firedAt).find((e) => e.activityTaskStartedEventAttributes);
      for (const e of events.slice(firedAt)) {
        const scheduled = e.activityTaskScheduledEventAttributes;
        if (scheduled?.activityType?.name !== 'deliverDay') continue;
        const [batch] = (scheduled.input?.payloads ?? []).map((payload) =>
          defaultPayloadConverter.fromPayload<ReminderBatch>(payload),
        );
        messages.push(...(batch?.messages ?? []));
      }
      phases.push({
        fired: eventMs(events[firedAt]!) - dueMs,
        scheduled: done ? eventMs(done) - dueMs : NaN,
        firstActivity: started ? eventMs(started) - dueMs : NaN,
      });
    }
    return {
      label,
      delays: mine.map((a) => a.at - dueMs).sort((x, y) => x - y),
      expected,
      phases,
      workflowIds: planned.map((p) => lifecycleWorkflowId(p.agreement.id)),
      messages,
      cpu,
    };
  });
}

function med(xs: number[]): string {
  const ok = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return ok.length ? `${ms(percentile(ok, 50))} (max ${ms(ok.at(-1)!)})` : 'n/a';
}

/** Size of the activity inputs one lifecycle would schedule at once for a meeting of `attendees`. */
function invitationFanOutBytes(attendees: number): number {
  const person = { id: 'membre-123', name: 'Membre 123', email: 'membre.123.b6-burst-12@example.org' };
  const perMessage = JSON.stringify({ attendees: Array.from({ length: attendees }, () => person) }).length;
  return perMessage * attendees;
}

function size(bytes: number): string {
  return bytes < 2 ** 20 ? `${num(bytes / 1024)} KiB` : mib(bytes);
}

/**
 * The floor of B6's aim: what the burst's own messages, rendered beforehand, cost through raw
 * nodemailer on a transport like production's (same pool size, as many in flight as
 * connections), in this run.
 */
async function rawNodemailer(
  messages: ReminderMessage[],
  sink: LightSink,
  maxConnections: number,
): Promise<{ elapsed: number; cpu: CpuUse }> {
  const n = messages.length;
  const transport = createMailTransport(
    loadMailConfig({ SMTP_URL: sink.url, SMTP_MAX_CONNECTIONS: String(maxConnections) }),
  );
  try {
    const rendered = messages.map((m) => toMailOptions(m, 'Pacte <pacte@example.org>'));
    const before = sink.accepted.length;
    const mark = cpuMark();
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: maxConnections }, async () => {
        while (next < rendered.length) await transport.sendMail(rendered[next++]!);
      }),
    );
    const elapsed = performance.now() - t0;
    await sink.waitFor(before + n, 30_000);
    return { elapsed, cpu: cpuBetween(mark, cpuMark()) };
  } finally {
    transport.close();
  }
}

/** Where the CPU went during the production burst and during its floor (bench/cpu-accounting.ts). */
function cpuNote({ burst: b, floor }: Judged, others: string): string {
  return (
    `CPU (Linux's per-thread counters, \`bench/cpu-accounting.ts\`), for the median burst: from the planned instant to its last e-mail, ${describeCpu(b.cpu, others)}. ` +
    `Its floor's sends: ${describeCpu(floor.rawCpu, others)}. The SMTP sink runs on this process's main thread in both.`
  );
}

const BURST_HEADERS = [
  'transport',
  'messages',
  'p50',
  'p99',
  'max',
  'min',
  'timer fired',
  'workflow task done',
  'first activity started',
  'floor',
  'p99 / floor',
];

function burstRow(b: Burst, floor?: Floor): string[] {
  return [
    b.label,
    `${num(b.delays.length)}/${num(b.expected)}`,
    ms(percentile(b.delays, 50)),
    ms(percentile(b.delays, 99)),
    ms(b.delays.at(-1) ?? NaN),
    ms(b.delays[0] ?? NaN),
    med(b.phases.map((p) => p.fired)),
    med(b.phases.map((p) => p.scheduled)),
    med(b.phases.map((p) => p.firstActivity)),
    floor ? ms(floor.floorMs) : '—',
    floor ? ratio(floor.overFloor) : '—',
  ];
}

type Floor = Awaited<ReturnType<typeof floorOf>>;

/** A production burst and its floor, measured right after it. */
interface Judged {
  burst: Burst;
  floor: Floor;
}

/**
 * `count` production bursts one after the other (each on its own minute, with agreements of its
 * own), each followed by its floor. One burst's ratio varies widely from run to run on a shared
 * machine; the aim takes the median.
 */
async function judgedBursts(
  count: number,
  run: (k: number) => Promise<Burst>,
  sink: LightSink,
  maxConnections: number,
  ctx: Parameters<Benchmark>[0],
): Promise<Judged[]> {
  const judged: Judged[] = [];
  for (let k = 1; k <= count; k++) {
    const b = await run(k);
    ctx.log(
      `the floor: the burst's ${b.expected} messages, rendered beforehand, through raw nodemailer, pool of ${maxConnections}`,
    );
    judged.push({ burst: b, floor: await floorOf(b, sink, maxConnections) });
  }
  return judged;
}

/** The burst whose ratio is the median (the lower middle one for an even count). */
function medianJudged(judged: Judged[]): Judged {
  const byRatio = [...judged].sort((a, b) => a.floor.overFloor - b.floor.overFloor);
  return byRatio[Math.floor((byRatio.length - 1) / 2)]!;
}

function nthOf(k: number, count: number): string {
  return count > 1 ? ` (burst ${k} of ${count})` : '';
}

/** What the aim's figure is, in words, with every burst's ratio. */
function floorNote(judged: Judged[], n: number): string {
  const { floor } = medianJudged(judged);
  const each = judged.map((j) => ratio(j.floor.overFloor)).join(', ');
  return (
    `The floor of the aim is what the same ${num(n)} messages (read back from the lifecycles' histories, rendered beforehand: each with the meeting's invitation and its ${PEOPLE_PER_AGREEMENT} attendees) ` +
    `cost through raw nodemailer on a transport like production's, measured right after each burst, plus the median delay of that burst's timers' firing` +
    (judged.length > 1
      ? `. The aim takes the median of the ${judged.length} bursts' ratios (${each}): a single burst's ratio varies widely from run to run on this shared machine. For the median burst: raw nodemailer `
      : `: raw nodemailer `) +
    `${ms(floor.rawMs)}, plus ${ms(floor.firedMs)}: ${ms(floor.floorMs)}; its p99 is ${ratio(floor.overFloor)} of it.`
  );
}

/** The aim's floor for a burst: raw nodemailer for the same messages, plus the median firing delay of its timers. */
async function floorOf(b: Burst, sink: LightSink, maxConnections: number) {
  if (b.messages.length !== b.expected)
    throw new Error(
      `${b.label}: the histories hold ${b.messages.length} messages, ${b.expected} were due: no floor for other messages`,
    );
  const raw = await rawNodemailer(b.messages, sink, maxConnections);
  const rawMs = raw.elapsed;
  const firedMs = percentile(
    b.phases
      .map((p) => p.fired)
      .filter((x) => !Number.isNaN(x))
      .sort((x, y) => x - y),
    50,
  );
  const floorMs = rawMs + Math.max(0, firedMs);
  const p99 = percentile(b.delays, 99);
  // The aim's ratio: the burst's p99 over this floor.
  return { rawMs, firedMs, floorMs, p99, overFloor: p99 / floorMs, rawCpu: raw.cpu };
}

export const b6Burst: Benchmark = async (ctx) => {
  const n = ctx.quick ? 100 : 1_000;
  ctx.log('starting the dev server and the SMTP sink, bundling the workflows');
  const [env, sink] = await Promise.all([startDevServer(), startLightSink(), workflowBundle()]);
  // The delivery ledger `npm run worker` opens by default: a SQLite file (here in a temporary directory).
  const dir = mkdtempSync(join(tmpdir(), 'pacte-b6-'));
  let ledger: DeliveryLedger | undefined;
  try {
    ledger = openDeliveryLedger({ store: 'sqlite', path: join(dir, 'ledger.sqlite'), retentionDays: 30 })!;
    // The worker's mail settings; SMTP_MAX_CONNECTIONS from the environment, for experiments.
    const mail = loadMailConfig({ SMTP_URL: sink.url, SMTP_MAX_CONNECTIONS: process.env.SMTP_MAX_CONNECTIONS });
    const production = createMailTransport(mail);
    const count = ctx.quick ? 1 : 3;
    const judged = await judgedBursts(
      count,
      (k) =>
        burst(
          `production: batches, pool of ${mail.maxConnections} connections, SQLite delivery ledger${nthOf(k, count)}`,
          `b6-${k}`,
          n,
          ctx.quick ? 6 : 45,
          production,
          ledger!,
          mail.maxConnections,
          sink,
          ctx,
          env,
        ),
      sink,
      mail.maxConnections,
      ctx,
    );
    production.close();
    const median = medianJudged(judged);
    const rows = judged.map((j) => burstRow(j.burst, j.floor));
    if (!ctx.quick) {
      const unpooled = unpooledTransport(sink.url);
      const b = await burst(
        'batches, one connection per message (bench-only)',
        'b6u',
        n,
        45,
        unpooled,
        ledger,
        mail.maxConnections,
        sink,
        ctx,
        env,
      );
      unpooled.close();
      rows.push(burstRow(b));
    }
    const agreements = Math.max(1, Math.round(n / PEOPLE_PER_AGREEMENT));
    return {
      id: 'B6',
      aims: [
        {
          what: 'B6 p99 / floor (raw nodemailer + timer firing)',
          measured: median.floor.overFloor,
          aim: 1.5,
          direction: 'at-most',
        },
      ],
      title: `${num(n)} reminders due in the same minute`,
      size: `${num(n)} reminders (${num(agreements)} agreements × ${PEOPLE_PER_AGREEMENT} attendees of one meeting, same planned minute)`,
      headers: BURST_HEADERS,
      rows,
      notes: [
        `Delay = the sink's clock when the message was complete minus the planned instant (\`X-Pacte-Due\`). The last three columns come from the lifecycles' ` +
          `histories (median over the ${num(agreements)} lifecycles, and the worst): when the server fired the timer, when the workflow task that composes the day's ` +
          `messages and schedules the lifecycle's delivery batch completed, and when that batch started on the worker. ` +
          `After that, the burst drains through rendering and SMTP over the shared pool (at most ${loadWorkerTuning(process.env).maxConcurrentActivityTaskExecutions} batches in flight — the worker's \`PACTE_MAX_CONCURRENT_ACTIVITIES\`, ` +
          `the same path as B5); max − min is how long the ${num(n)} messages took to drain. The worker's settings: ${describeTuning(loadWorkerTuning(process.env))}.`,
        floorNote(judged, n),
        cpuNote(median, 'the dev server and the other processes'),
        `One agreement with ${num(n)} attendees is not a realistic shape and is not measured: every e-mail carries the invitation with the full attendee list, ` +
          `so its wake-up's activity inputs would total about ${size(invitationFanOutBytes(n))} (${size(invitationFanOutBytes(100))} for 100 attendees, ` +
          `${size(invitationFanOutBytes(20))} for 20). Batches cap each activity input at 256 KiB and each workflow task at 4 batches, but all of it would still be ` +
          `written to the lifecycle's history — see Findings.`,
      ],
    };
  } finally {
    await env.teardown();
    await sink.stop();
    await ledger?.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

/**
 * B6c — the same production burst on the PostgreSQL cluster (`scripts/cluster.sh`, started if it
 * is not running), the worker in the benchmark process connected to it: the figure on the
 * production engine, against the same floor measured in the same run.
 */
export const b6cClusterBurst: Benchmark = async (ctx) => {
  const n = ctx.quick ? 100 : 1_000;
  ctx.log('the cluster on PostgreSQL (scripts/cluster.sh --no-pacte --no-ui: starts what is not running)');
  await clusterScript('--no-pacte', '--no-ui');
  const { client, connection } = await connectClient();
  const nativeConnection = await NativeConnection.connect(loadClientConnectConfig().connectionOptions);
  const [sink] = await Promise.all([startLightSink(), workflowBundle()]);
  // The cluster's delivery ledger, in its PostgreSQL, as its workers use it.
  const ledger = openDeliveryLedger({ store: 'postgres', url: clusterLedgerUrl(), retentionDays: 30 })!;
  let started: string[] = [];
  try {
    const mail = loadMailConfig({ SMTP_URL: sink.url, SMTP_MAX_CONNECTIONS: process.env.SMTP_MAX_CONNECTIONS });
    const production = createMailTransport(mail);
    const count = ctx.quick ? 1 : 3;
    const run = Date.now().toString(36);
    const judged = await judgedBursts(
      count,
      async (k) => {
        const b = await burst(
          `production on the cluster: batches, pool of ${mail.maxConnections} connections, PostgreSQL delivery ledger${nthOf(k, count)}`,
          `b6c-${run}-${k}`,
          n,
          ctx.quick ? 6 : 45,
          production,
          ledger,
          mail.maxConnections,
          sink,
          ctx,
          { client, nativeConnection },
        );
        started = [...started, ...b.workflowIds];
        return b;
      },
      sink,
      mail.maxConnections,
      ctx,
    );
    production.close();
    const median = medianJudged(judged);
    return {
      id: 'B6c',
      title: `${num(n)} reminders due in the same minute, on the PostgreSQL cluster`,
      size: `${num(n)} reminders (${num(Math.max(1, Math.round(n / PEOPLE_PER_AGREEMENT)))} agreements × ${PEOPLE_PER_AGREEMENT} attendees, same planned minute)`,
      aims: [
        {
          what: 'B6c p99 / floor (raw nodemailer + timer firing), on the cluster',
          measured: median.floor.overFloor,
          aim: 1.5,
          direction: 'at-most',
        },
      ],
      headers: BURST_HEADERS,
      rows: judged.map((j) => burstRow(j.burst, j.floor)),
      notes: [
        `B6's production burst and measures, against the four Temporal services and PostgreSQL 15 instead of the dev server; the worker runs in the benchmark process, on the same 2 cores ` +
          `(${describeTuning(loadWorkerTuning(process.env))}).`,
        floorNote(judged, n),
        cpuNote(median, "the cluster's services, PostgreSQL and the other processes"),
      ],
    };
  } finally {
    await terminateAll(client, started);
    await nativeConnection.close();
    await connection.close();
    await sink.stop();
    await ledger.close();
  }
};
