/**
 * The cluster's local mail catcher (`npm run cluster` starts it when `SMTP_URL` is not set): the
 * same `.eml` outbox as `npm start`, kept under the cluster's cache directory, so the Pacte worker
 * on the cluster can be tried without a real mail server.
 *
 * @module
 */
import { join } from 'node:path';
import { startMailCatcher } from '../dev/mail-catcher';
import { pacteCacheDir } from '../dev/temporal-binaries';

const port = Number(process.env.MAIL_PORT || 1025);
const catcher = await startMailCatcher(join(pacteCacheDir(), 'cluster', 'outbox'), port);
console.log(`[pacte mail] ${catcher.url} → ${catcher.outbox}`);
// Stop cleanly on `npm run cluster -- --down` (SIGTERM) as on Ctrl-C.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void catcher.close().then(() => process.exit(0));
  });
}
