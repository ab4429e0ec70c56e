/**
 * B6 — a burst: reminders for many people due in the same minute, on the dev server in real
 * time, with the production worker composition. One agreement whose meeting has `n` attendees:
 * its lifecycle wakes up once at the planned instant and sends one e-mail per person (grouped
 * per person per day, DOMAIN §6). Measured: the delay from the planned instant (`X-Pacte-Due`)
 * to the SMTP server accepting each message (the sink's clock, same machine, same clock).
 *
 * In the full run a second burst (another agreement, a later minute) runs with a pooled
 * nodemailer transport injected into the same activities — a bench-only experiment that shows
 * what connection reuse would change; nothing in `activities/` is modified.
 *
 * @module
 */
import { DateTime } from 'luxon';
import nodemailer from 'nodemailer';
import { createActivities, createMailTransport, type MailSender } from '../activities';
import type { Agreement, Person } from '../domain/agreement';
import { planCalendar } from '../domain/calendar';
import { addDays } from '../domain/durations';
import { conventionCadre, people as fixturePeople } from '../tests/domain/fixtures';
import { workflowBundle } from '../tests/support/lifecycle-env';
import { createPacteWorker } from '../worker/create-worker';
import { startLightSink, type LightSink } from './light-sink';
import { ms, num, percentile, type Benchmark } from './report';
import { startDevServer, startLifecycle } from './support';

/**
 * An agreement (zone UTC) whose only reminders due today are at `at` (whole minute), to the `n`
 * attendees of one meeting a few days ahead. Tries meeting dates until the planner puts the
 * reminder on today (business-day rules may move it) and checks the plan before using it.
 */
export function burstAgreement(id: string, n: number, at: DateTime): { agreement: Agreement; reminders: number } {
  const todayIso = at.toISODate()!;
  const attendees: Person[] = Array.from({ length: n }, (_, i) => ({
    id: `membre-${i}`,
    name: `Membre ${i}`,
    email: `membre.${i}@example.org`,
    party: i % 2 ? 'cc' : 'cnfpt',
    roles: ['committee'],
  }));
  for (let k = 2; k <= 10; k++) {
    const meetingOn = DateTime.fromISO(addDays(todayIso, k), { zone: 'UTC' });
    const agreement = conventionCadre({
      id,
      timezone: 'UTC',
      people: [...fixturePeople.filter((p) => !p.roles.includes('committee')), ...attendees],
      term: { ...conventionCadre().term, signedOn: todayIso, startsOn: todayIso, endsOn: addDays(addDays(todayIso, 365 * 3), -1) },
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
    let plan;
    try {
      plan = planCalendar(agreement);
    } catch {
      continue;
    }
    const due = plan.entries.flatMap((e) => e.reminders).filter((r) => r.date === todayIso);
    const recipients = new Set(due.flatMap((r) => r.to));
    if (due.length > 0 && due.every((r) => Date.parse(r.at) === at.toMillis()) && attendees.every((p) => recipients.has(p.id))) return { agreement, reminders: recipients.size };
  }
  throw new Error(`B6: could not plan ${n} reminders due today at ${at.toISO()}`);
}

interface Burst {
  label: string;
  delays: number[];
  expected: number;
}

async function burst(label: string, id: string, n: number, leadS: number, transport: MailSender, sink: LightSink, ctx: Parameters<Benchmark>[0], env: Awaited<ReturnType<typeof startDevServer>>): Promise<Burst> {
  // The next whole minute at least `leadS` seconds away: time to start and settle the lifecycle.
  const at = DateTime.utc().plus({ seconds: leadS }).endOf('minute').plus({ milliseconds: 1 });
  const { agreement, reminders } = burstAgreement(id, n, at);
  const taskQueue = `bench-b6-${id}`;
  const activities = createActivities({ transport, from: 'Pacte <pacte@example.org>' });
  const worker = await createPacteWorker({ connection: env.nativeConnection, taskQueue, activities, workflowBundle: await workflowBundle() });
  const dueMs = at.toMillis();
  return await worker.runUntil(async () => {
    await startLifecycle(env.client, agreement, taskQueue);
    ctx.log(`${label}: ${reminders} reminders due at ${at.toISO()} (in ${((dueMs - Date.now()) / 1000).toFixed(0)} s)`);
    const before = sink.accepted.length;
    const progress = setInterval(() => {
      const got = sink.accepted.length - before;
      if (Date.now() > dueMs) ctx.log(`${label}: ${got}/${reminders} accepted, ${((Date.now() - dueMs) / 1000).toFixed(0)} s after the planned instant`);
    }, 5_000);
    try {
      await sink.waitFor(before + reminders, dueMs - Date.now() + 300_000);
    } finally {
      clearInterval(progress);
    }
    const mine = sink.accepted.slice(before).filter((a) => a.agreement === id && a.due && Date.parse(a.due) === dueMs);
    return { label, delays: mine.map((a) => a.at - dueMs).sort((x, y) => x - y), expected: reminders };
  });
}

export const b6Burst: Benchmark = async (ctx) => {
  const n = ctx.quick ? 100 : 1_000;
  ctx.log('starting the dev server and the SMTP sink, bundling the workflows');
  const [env, sink] = await Promise.all([startDevServer(), startLightSink(), workflowBundle()]);
  try {
    const bursts: Burst[] = [];
    bursts.push(await burst('production transport', 'b6-burst', n, ctx.quick ? 8 : 30, createMailTransport({ smtpUrl: sink.url, timeoutMs: 10_000 }), sink, ctx, env));
    if (!ctx.quick) {
      const pooled = nodemailer.createTransport({ url: sink.url, pool: true, maxConnections: 10, maxMessages: Infinity, disableFileAccess: true, disableUrlAccess: true });
      bursts.push(await burst('pooled transport (bench-only)', 'b6-burst-pooled', n, 20, pooled, sink, ctx, env));
      pooled.close();
    }
    return {
      id: 'B6',
      title: `${num(n)} reminders due in the same minute`,
      size: `${num(n)} reminders (one agreement, ${num(n)} attendees of one meeting)`,
      headers: ['transport', 'messages', 'p50', 'p99', 'max', 'min'],
      rows: bursts.map((b) => [
        b.label,
        `${num(b.delays.length)}/${num(b.expected)}`,
        ms(percentile(b.delays, 50)),
        ms(percentile(b.delays, 99)),
        ms(b.delays.at(-1) ?? NaN),
        ms(b.delays[0] ?? NaN),
      ]),
      notes: [
        `Delay = the sink's clock when the message was complete minus the planned instant (\`X-Pacte-Due\`). It includes the timer firing on the server, ` +
          `the workflow task that composes ${num(n)} messages and schedules ${num(n)} activities at once (\`Promise.all\`), the worker's activity slots ` +
          `(SDK default: 100 in flight), rendering, and one SMTP connection per message. The last message's delay is the time to drain the burst, ` +
          `so max ≈ ${num(n)} ÷ delivery rate (compare B5).`,
      ],
    };
  } finally {
    await env.teardown();
    await sink.stop();
  }
};
