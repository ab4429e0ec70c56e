/**
 * B5 — delivering reminder e-mails to a real SMTP server on loopback: the `deliverReminder`
 * activity function called directly (rendering French text, HTML and iCalendar, then
 * `sendMail`), against nodemailer sending the same messages, already rendered by `toMailOptions`,
 * through the same transport. Both sides keep the same number of messages in flight (what a
 * worker's activity slots would), in alternating rounds so that load bursts hit both alike.
 *
 * A third row measures the activity with a pooled nodemailer transport (bench-only), to see what
 * connection reuse would bring: the production transport opens one connection per message.
 *
 * @module
 */
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { performance } from 'node:perf_hooks';
import { createActivities, createMailTransport, toMailOptions, type ReminderMessage } from '../activities';
import { ITEMS, messageWith, PURPOSES } from '../tests/activities/fixtures';
import { startLightSink } from './light-sink';
import { ms, num, ratio, type Benchmark } from './report';

const FROM = 'Pacte <pacte@example.org>';
const IN_FLIGHT = 10;

/** Varied messages: every template in turn (with and without invitations), distinct recipients and ids. */
function messages(n: number): ReminderMessage[] {
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

export const b5Delivery: Benchmark = async (ctx) => {
  const total = ctx.quick ? 150 : 5_000;
  const round = ctx.quick ? 50 : 500;
  // The pooled experiment runs on every fifth round only in the full run: it is a side figure.
  const poolEvery = ctx.quick ? 1 : 5;
  const sink = await startLightSink();
  try {
    const transport = createMailTransport({ smtpUrl: sink.url, timeoutMs: 10_000 });
    const pooled = nodemailer.createTransport({ url: sink.url, pool: true, maxConnections: IN_FLIGHT, maxMessages: Infinity, disableFileAccess: true, disableUrlAccess: true });
    const { deliverReminder } = createActivities({ transport, from: FROM });
    const pooledActivity = createActivities({ transport: pooled, from: FROM }).deliverReminder;
    const all = messages(total);
    // The baseline sends what the activity would send, rendered beforehand (outside the timing).
    const rendered: Mail.Options[] = all.map((m) => toMailOptions(m, FROM));
    const bytesBefore = sink.accepted.length;
    ctx.log(`warming up (50 of each)`);
    await pool(all.slice(0, 50), IN_FLIGHT, (m) => deliverReminder(m));
    await pool(rendered.slice(0, 50), IN_FLIGHT, (o) => transport.sendMail(o));
    await pool(all.slice(0, 50), IN_FLIGHT, (m) => pooledActivity(m));
    const warm = sink.accepted.length - bytesBefore;

    let actMs = 0;
    let baseMs = 0;
    let poolMs = 0;
    let pooledSent = 0;
    for (let i = 0, r = 0; i < total; i += round, r++) {
      const a = await pool(all.slice(i, i + round), IN_FLIGHT, (m) => deliverReminder(m));
      const b = await pool(rendered.slice(i, i + round), IN_FLIGHT, (o) => transport.sendMail(o));
      const n = Math.min(round, total - i);
      const c = r % poolEvery === 0 ? await pool(all.slice(i, i + round), IN_FLIGHT, (m) => pooledActivity(m)) : NaN;
      actMs += a;
      baseMs += b;
      if (!Number.isNaN(c)) {
        poolMs += c;
        pooledSent += n;
      }
      ctx.log(`${Math.min(i + round, total)}/${total}: activity ${num(n / (a / 1000))}/s, nodemailer ${num(n / (b / 1000))}/s${Number.isNaN(c) ? '' : `, activity+pool ${num(n / (c / 1000))}/s`}`);
    }
    const expected = warm + 2 * total + pooledSent;
    await sink.waitFor(expected, 30_000);
    // Rendering alone, to split the difference between templates and SMTP.
    const tr = performance.now();
    for (const m of all.slice(0, Math.min(500, total))) toMailOptions(m, FROM);
    const renderMs = (performance.now() - tr) / Math.min(500, total);
    pooled.close();
    const rate = (t: number) => total / (t / 1000);
    const avgBytes = sink.accepted.reduce((s, a) => s + a.bytes, 0) / sink.accepted.length;
    return {
      id: 'B5',
      title: 'delivering reminders to a local SMTP server',
      size: `${num(total)} messages per row (pooled: ${num(pooledSent)}) (${num(expected)} accepted by the sink in all)`,
      headers: ['', 'messages/s', 'per message', 'ratio to baseline'],
      rows: [
        ['deliverReminder activity, production transport (Pacte)', num(rate(actMs)), ms(actMs / total), ratio(rate(actMs) / rate(baseMs))],
        ['nodemailer sendMail of the pre-rendered messages, same transport (baseline)', num(rate(baseMs)), ms(baseMs / total), ratio(1)],
        [`deliverReminder with a pooled transport (bench-only experiment, ${num(pooledSent)} messages)`, num(pooledSent / (poolMs / 1000)), ms(poolMs / pooledSent), ratio(pooledSent / (poolMs / 1000) / rate(baseMs))],
      ],
      notes: [
        `${IN_FLIGHT} messages in flight on each side; messages cycle through the ${PURPOSES.length} templates (meeting reminders carry an iCalendar invitation), ` +
          `${num(avgBytes / 1024, 1)} KiB on average. The SMTP server is smtp-server on loopback in the same process, which reads each message but does not parse it. ` +
          `Rendering alone (text, HTML, iCalendar: \`toMailOptions\` with \`renderMessage\`) costs ${ms(renderMs)} per message, ` +
          `which is the whole difference the activity can add over the baseline: the rest is the same \`sendMail\` on the same transport.`,
        `The production transport opens one SMTP connection per message (\`activities/mail-transport.ts\`: "a fresh connection never inherits a broken one"); ` +
          `the pooled row shows what reuse would bring on loopback. Against a remote relay with TLS the handshake costs far more, ` +
          `but Pacte's volume (a few hundred messages on the busiest day) does not need it — see Findings.`,
      ],
    };
  } finally {
    await sink.stop();
  }
};
