/**
 * The cluster's local mail catcher (`npm run cluster` starts it when `SMTP_URL` is not set):
 * every message the Pacte worker sends is kept as an `.eml` file (Thunderbird, Outlook) under
 * the cluster's cache directory, so Pacte on the cluster can be tried without a real mail server.
 * Self-contained on purpose: the launcher must not depend on how `npm start` evolves.
 *
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

const port = Number(process.env.MAIL_PORT || 1025);
const outbox = join(process.env.PACTE_CACHE_DIR || join(homedir(), '.cache', 'pacte'), 'cluster', 'outbox');
await mkdir(outbox, { recursive: true });
let count = 0;
const server = new SMTPServer({
  authOptional: true,
  // Plain SMTP on loopback: nodemailer would otherwise try STARTTLS with no certificate to offer.
  disabledCommands: ['STARTTLS'],
  banner: 'Pacte cluster mail catcher',
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', callback);
    stream.on('end', () => {
      const raw = Buffer.concat(chunks);
      const subject = /^Subject: (.*)$/im.exec(raw.toString('utf8'))?.[1] ?? '(no subject)';
      const file = join(outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${++count}.eml`);
      writeFile(file, raw).then(
        () => {
          console.log(`[pacte mail] → ${session.envelope.rcptTo.map((r) => r.address).join(', ')} · ${subject}`);
          callback();
        },
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    });
  },
});
server.listen(port, '127.0.0.1', () => console.log(`[pacte mail] smtp://127.0.0.1:${port} → ${outbox}`));
// Stop cleanly on `npm run cluster -- --down` (SIGTERM) as on Ctrl-C.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
