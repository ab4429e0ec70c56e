/**
 * B5 — delivering reminder e-mails to a real SMTP server on loopback: the `deliverDay` activity
 * function called directly on batches of a day's size (rendering French text, HTML and
 * iCalendar, then `sendMail` on the production transport, a pool of connections), against
 * nodemailer sending the same messages, already rendered by `toMailOptions`, through the same
 * transport. Both sides keep the same number of messages in flight, in alternating rounds so
 * that load bursts hit both alike.
 *
 * A third row measures the design before batches and pooling, on a subset: the `deliverReminder`
 * activity (one e-mail per activity) on a transport that opens one connection per message.
 *
 * `deliverDay` runs with the worker's default delivery ledger, a SQLite file (in a temporary
 * directory): one lookup per batch, one write per accepted message, as in production. The
 * process's heaps are bounded as the worker bounds its own (worker/heap-growth.ts), whichever
 * benchmark ran before.
 *
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unpooledTransport } from './support';
import type Mail from 'nodemailer/lib/mailer';
import { performance } from 'node:perf_hooks';
import {
  createActivities,
  createMailTransport,
  openDeliveryLedger,
  toMailOptions,
  type ReminderMessage,
} from '../activities';
import { ITEMS, messageWith, PURPOSES } from '../tests/activities/fixtures';
import { boundHeapGrowth } from '../worker/heap-growth';
import { loadWorkerTuning } from '../worker/tuning';
import { startLightSink } from './light-sink';
import { ms, num, ratio, type Benchmark } from './report';

const FROM = 'Pacte <pacte@example.org>';
const IN_FLIGHT = 10;

/** Varied messages: every template in turn (with and without invitations), distinct recipients and ids. */
export function messages(n: number): ReminderMessage[] {
  return Array.from({ length: n }, (_, i) => {
    const purpose = PURPOSES[i % PURPOSES.length]!;
    const item = ITEMS[purpose].item;
    return messageWith([{ ...item, reminderId: `${item.reminderId}-${i}` }], {
      recipient: { id: `p-${i}`, name: `Personne ${i}`, email: `personne.${i}@example.org` },
      messageId: `<bench.${i}@valserhone-2025.pacte>`,
    });
  });
}

/** Runs `f` over `items` with at most `limit` in flight; returns elapsed ms. */
async function pool<T>(items: T[], limit: number, f: (item: T) => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await f(items[next++]!);
    }),
  );
  return performance.now() - t0;
}

const POOL_SIZE = 5;
/**
 * Batches in flight. A batch hands all its e-mails to the pool at once (the SQLite ledger records
 * immediately: no send slots, activities/deliver-day.ts); two keep the pool's connections as
 * busy as the baseline's `IN_FLIGHT` sends, with the next batch queued while one drains.
 */
const BATCHES_IN_FLIGHT = IN_FLIGHT / POOL_SIZE;
const BATCH_SIZE = 25;

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

export const b5Delivery: Benchmark = async (ctx) => {
  const total = ctx.quick ? 150 : 5_000;
  const round = ctx.quick ? 50 : 500;
  // The design before runs on every fifth round only in the full run: it is a side figure.
  const beforeEvery = ctx.quick ? 1 : 5;
  boundHeapGrowth(loadWorkerTuning(process.env).heapGrowthPercent);
  const sink = await startLightSink();
  const dir = mkdtempSync(join(tmpdir(), 'pacte-b5-'));
  // The warm-up sends the first messages once more: a ledger of its own, or the rounds would skip them.
  const ledger = openDeliveryLedger({ store: 'sqlite', path: join(dir, 'ledger.sqlite'), retentionDays: 30 })!;
  const warmLedger = openDeliveryLedger({ store: 'sqlite', path: join(dir, 'warm-up.sqlite'), retentionDays: 30 })!;
  try {
    const transport = createMailTransport({ smtpUrl: sink.url, timeoutMs: 10_000, maxConnections: POOL_SIZE });
    const unpooled = unpooledTransport(sink.url);
    const { deliverDay } = createActivities({ transport, from: FROM, parallelSends: POOL_SIZE, ledger });
    const warmUp = createActivities({ transport, from: FROM, parallelSends: POOL_SIZE, ledger: warmLedger });
    const { deliverReminder: deliverBefore } = createActivities({ transport: unpooled, from: FROM });
    const sendBatches = (batch: ReminderMessage[], day = deliverDay) =>
      pool(chunks(batch, BATCH_SIZE), BATCHES_IN_FLIGHT, (messages) => day({ messages }));
    const all = messages(total);
    // The baseline sends what the activity would send, rendered beforehand (outside its timing):
    // timed apart, each message's first rendering is what rendering costs the activity.
    const tr = performance.now();
    const rendered: Mail.Options[] = all.map((m) => toMailOptions(m, FROM));
    const renderMs = (performance.now() - tr) / total;
    const bytesBefore = sink.accepted.length;
    ctx.log(`warming up (50 of each)`);
    await sendBatches(all.slice(0, 50), warmUp.deliverDay);
    await pool(rendered.slice(0, 50), IN_FLIGHT, (o) => transport.sendMail(o));
    await pool(all.slice(0, 50), IN_FLIGHT, (m) => deliverBefore(m));
    const warm = sink.accepted.length - bytesBefore;

    let actMs = 0;
    let baseMs = 0;
    let beforeMs = 0;
    let beforeSent = 0;
    for (let i = 0, r = 0; i < total; i += round, r++) {
      const a = await sendBatches(all.slice(i, i + round));
      const b = await pool(rendered.slice(i, i + round), IN_FLIGHT, (o) => transport.sendMail(o));
      const n = Math.min(round, total - i);
      const c = r % beforeEvery === 0 ? await pool(all.slice(i, i + round), IN_FLIGHT, (m) => deliverBefore(m)) : NaN;
      actMs += a;
      baseMs += b;
      if (!Number.isNaN(c)) {
        beforeMs += c;
        beforeSent += n;
      }
      ctx.log(
        `${Math.min(i + round, total)}/${total}: deliverDay ${num(n / (a / 1000))}/s, nodemailer ${num(n / (b / 1000))}/s${Number.isNaN(c) ? '' : `, before ${num(n / (c / 1000))}/s`}`,
      );
    }
    const expected = warm + 2 * total + beforeSent;
    await sink.waitFor(expected, 30_000);
    transport.close();
    unpooled.close();
    const rate = (t: number) => total / (t / 1000);
    const avgBytes = sink.accepted.reduce((s, a) => s + a.bytes, 0) / sink.accepted.length;
    return {
      id: 'B5',
      title: 'delivering reminders to a local SMTP server',
      aims: [
        {
          what: 'B5 deliverDay / raw nodemailer (messages/s)',
          measured: rate(actMs) / rate(baseMs),
          aim: 0.9,
          direction: 'at-least',
        },
      ],
      size: `${num(total)} messages per row (before: ${num(beforeSent)}) (${num(expected)} accepted by the sink in all)`,
      headers: ['', 'messages/s', 'per message', 'ratio to baseline'],
      rows: [
        [
          `deliverDay activity, batches of ${BATCH_SIZE}, production transport (pool of ${POOL_SIZE}), SQLite delivery ledger (Pacte)`,
          num(rate(actMs)),
          ms(actMs / total),
          ratio(rate(actMs) / rate(baseMs)),
        ],
        [
          'nodemailer sendMail of the pre-rendered messages, same transport (baseline)',
          num(rate(baseMs)),
          ms(baseMs / total),
          ratio(1),
        ],
        [
          `before: deliverReminder, one e-mail per activity, one connection per message (${num(beforeSent)} messages)`,
          num(beforeSent / (beforeMs / 1000)),
          ms(beforeMs / beforeSent),
          ratio(beforeSent / (beforeMs / 1000) / rate(baseMs)),
        ],
      ],
      notes: [
        `The pool's ${POOL_SIZE} connections busy on each side: ${IN_FLIGHT} \`sendMail\` calls in flight for the baseline, ${BATCHES_IN_FLIGHT} batches of ${BATCH_SIZE} for \`deliverDay\`, each handing all its e-mails to the pool at once; messages cycle through the ${PURPOSES.length} templates ` +
          `(meeting reminders carry an iCalendar invitation), ${num(avgBytes / 1024, 1)} KiB on average. The SMTP server is smtp-server on loopback in the same process, ` +
          `which reads each message but does not parse it. Rendering alone (text, HTML, iCalendar: \`toMailOptions\` with \`renderMessage\`, timed while the baseline's messages are rendered beforehand) ` +
          `costs ${ms(renderMs)} per message (${ms(actMs / total - baseMs / total)} separate the activity from the baseline per message): with the ledger's record below, ` +
          `it is what the activity adds; the rest is the same \`sendMail\` on the same transport.`,
        `\`deliverDay\` consults the worker's delivery ledger (a SQLite file, WAL) once per batch and records each accepted message in it before reporting it, ` +
          `so that a retry after a killed worker does not send it again (docs/design.md); the baseline has no such record.`,
        `The "before" row is the design this benchmark first measured: one activity per e-mail and a transport that opened one SMTP connection per message. ` +
          `On loopback the connection set-up is cheap; against a remote relay with TLS each handshake costs far more, so the pool matters more there.`,
      ],
    };
  } finally {
    await Promise.all([ledger.close(), warmLedger.close()]);
    rmSync(dir, { recursive: true, force: true });
    await sink.stop();
  }
};
