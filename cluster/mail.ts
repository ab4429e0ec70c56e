/**
 * The cluster's local mail inbox (`npm run cluster` starts it when `SMTP_URL` is not set): the
 * same MailDev inbox as `npm start` (dev/mail-catcher.ts), so every reminder the Pacte worker
 * sends on the cluster can be read in a browser and is kept as an `.eml` file under the cluster's
 * cache directory. `MAIL_PORT` (SMTP, default 1025) and `MAIL_UI_PORT` (web, default 1081: 1080
 * stays free for `npm start`) move it.
 *
 * @module
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { startMailCatcher } from '../dev/mail-catcher';

const catcher = await startMailCatcher({
  outbox: join(process.env.PACTE_CACHE_DIR || join(homedir(), '.cache', 'pacte'), 'cluster', 'outbox'),
  smtpPort: Number(process.env.MAIL_PORT || 1025),
  webPort: Number(process.env.MAIL_UI_PORT || 1081),
});
console.log(`[pacte mail] ${catcher.url} → ${catcher.outbox}, inbox ${catcher.webUrl}`);
// Stop cleanly on `npm run cluster -- --down` (SIGTERM) as on Ctrl-C.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void catcher.close().then(() => process.exit(0)));
}
