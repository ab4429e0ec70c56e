/**
 * A local SMTP server for `npm start`: every reminder the worker sends is kept as an `.eml` file
 * (open it with Thunderbird or Outlook, invitation included) and announced on the console. It is
 * what lets a coordinator try Pacte on a laptop without touching a real mail server.
 *
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface MailCatcher {
  url: string;
  outbox: string;
  close(): Promise<void>;
}

export async function startMailCatcher(outbox: string, port: number): Promise<MailCatcher> {
  await mkdir(outbox, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    banner: 'Pacte local mail catcher',
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const subject = /^Subject: (.*)$/im.exec(raw.toString('utf8'))?.[1] ?? '(no subject)';
        const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
        const file = join(outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${++count}.eml`);
        writeFile(file, raw).then(
          () => {
            console.log(`[pacte mail] → ${to} · ${subject} (${file})`);
            callback();
          },
          (err: unknown) => callback(err as Error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    outbox,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
