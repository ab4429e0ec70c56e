/**
 * `npm run worker`: the Pacte worker. Connection from the Temporal environment configuration
 * (`TEMPORAL_ADDRESS`, `TEMPORAL_NAMESPACE`, `TEMPORAL_API_KEY`, TLS variables or a profile),
 * mail from `SMTP_URL` / `MAIL_FROM` / `PACTE_MAIL_FROM_NAME` / `PACTE_MAIL_LIST_DOMAIN` /
 * `SMTP_MAX_CONNECTIONS`, the delivery ledger from `PACTE_DELIVERY_LEDGER` /
 * `PACTE_DELIVERY_LEDGER_RETENTION_DAYS` (activities/delivery-ledger-config.ts), task queue from `PACTE_TASK_QUEUE`
 * (default `pacte`), cache and concurrency from `PACTE_MAX_*` (worker/tuning.ts).
 * Payloads are encrypted with the keys of `PACTE_CODEC_KEYS` / `PACTE_CODEC_KEYS_FILE` (see
 * codec/keys.ts): without keys the worker refuses to start, unless `PACTE_CODEC=off` says
 * explicitly that this is local development without encryption.
 * The SDK's runtime traps SIGINT and SIGTERM: the worker stops polling, lets running activities
 * finish within the grace time, then exits.
 *
 * @module
 */
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { NativeConnection } from '@temporalio/worker';
import { createActivitiesFromEnv, loadLedgerConfig, loadMailConfig, openDeliveryLedger } from '../activities';
import { workerDataConverter } from '../codec';
import { DEFAULT_TASK_QUEUE } from '../contracts/workflow-ids';
import { createPacteWorker } from './create-worker';
import { describeTuning, loadWorkerTuning } from './tuning';

export interface RunWorkerOptions {
  /**
   * Called once the worker polls (workflows bundled, connected): `npm start` starts its
   * lifecycles then, so that a reminder due a minute later finds a worker to deliver it.
   */
  onReady?: () => Promise<void>;
}

export async function runWorker(env: NodeJS.ProcessEnv = process.env, options: RunWorkerOptions = {}): Promise<void> {
  const config = loadClientConnectConfig();
  const namespace = config.namespace ?? 'default';
  const taskQueue = env.PACTE_TASK_QUEUE || DEFAULT_TASK_QUEUE;
  const mail = loadMailConfig(env);
  const ledgerConfig = loadLedgerConfig(env);
  const tuning = loadWorkerTuning(env);
  // Before connecting: a worker without its keys must not start (it would store personal data
  // in clear text, or fail to read what other workers encrypted).
  const { dataConverter, settings } = workerDataConverter(env);
  const connection = await NativeConnection.connect(config.connectionOptions);
  const ledger = openDeliveryLedger(ledgerConfig);
  try {
    const worker = await createPacteWorker({
      connection,
      namespace,
      taskQueue,
      activities: createActivitiesFromEnv(env, { ledger }),
      tuning,
      ...(dataConverter ? { dataConverter } : {}),
    });
    console.log(
      `[pacte worker] ${config.connectionOptions.address ?? 'localhost:7233'} · namespace ${namespace} · task queue ${taskQueue} · mail via ${mail.smtpUrl.replace(/\/\/[^@/]*@/, '//***@')} (${mail.maxConnections} connections) · delivery ledger ${ledger?.description ?? 'off'} · ${describeTuning(tuning)} · ${
        settings.enabled
          ? `payloads encrypted (key ${settings.currentKeyId}, ${settings.keys.size} known)`
          : 'payloads NOT encrypted (PACTE_CODEC=off)'
      }`,
    );
    const running = worker.run();
    if (options.onReady) {
      try {
        await options.onReady();
      } catch (err) {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running.catch(() => undefined);
        throw err;
      }
    }
    await running;
    console.log('[pacte worker] stopped');
  } finally {
    await ledger?.close();
    await connection.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runWorker().catch((err: unknown) => {
    console.error(`[pacte worker] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
