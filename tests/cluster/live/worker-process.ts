/**
 * A Pacte worker host for the cluster tests, run as its own process so that a test can
 * `kill -9` it like a machine that dies. The real workflows (prebuilt bundle, `PACTE_BUNDLE`) and
 * the real activities sending over SMTP (`SMTP_URL`), on `PACTE_TASK_QUEUE`, connected from the
 * environment configuration like `npm run worker`. It reports on stdout `ready` once polling, and
 * `inflight N started S completed C` whenever a delivery starts or ends, so the test knows how
 * many e-mails were in flight at the moment of a kill (the bound on duplicates). Counts are in
 * e-mails: a `deliverDay` batch counts as many as it carries.
 */
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createActivitiesFromEnv, type ReminderBatch } from '../../../activities';
import { createPacteWorker } from '../../../worker/create-worker';
import { workflowTasksExecuted } from '../../support/sdk-metrics';

// The SDK's metrics on the loopback address the test chose: the usage line reports the workflow
// tasks this worker has run, which tells a bulk start's settling without touching the lifecycles.
const metricsAddress = process.env.PACTE_TEST_METRICS_ADDRESS;
Runtime.install({
  logger: new DefaultLogger('WARN'),
  ...(metricsAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsAddress } } } } : {}),
});
const taskQueue = process.env.PACTE_TASK_QUEUE!;
const config = loadClientConnectConfig();
const connection = await NativeConnection.connect(config.connectionOptions);
const base = createActivitiesFromEnv(process.env);

let inFlight = 0;
let started = 0;
let completed = 0;
const report = (): void => {
  process.stdout.write(`inflight ${inFlight} started ${started} completed ${completed}\n`);
};
/** E-mails an activity call carries: a batch's messages, or the one message. */
const emailsOf = (name: string, args: unknown[]): number =>
  name === 'deliverDay' ? ((args[0] as ReminderBatch).messages?.length ?? 0) : 1;
// Same activities, counted: a delivery is in flight from its start until its result is returned.
const activities = Object.fromEntries(
  Object.entries(base).map(([name, fn]) => [
    name,
    async (...args: unknown[]) => {
      const emails = emailsOf(name, args);
      inFlight += emails;
      started += emails;
      report();
      try {
        return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
      } finally {
        inFlight -= emails;
        completed += emails;
        report();
      }
    },
  ]),
) as typeof base;

const worker = await createPacteWorker({
  connection,
  namespace: config.namespace ?? 'default',
  taskQueue,
  activities,
  workflowBundle: { codePath: process.env.PACTE_BUNDLE! },
  overrides: {
    identity: `${process.env.PACTE_WORKER_NAME ?? 'worker'}@${process.pid}`,
    shutdownGraceTime: '5 seconds',
  },
});
// Steady-state figures for SCALING.md: resident memory and CPU time of this worker process.
const reportUsage = async (): Promise<void> => {
  const cpu = process.cpuUsage();
  const tasks = metricsAddress ? await workflowTasksExecuted(metricsAddress, taskQueue).catch(() => 0) : 0;
  process.stdout.write(
    `usage rss ${process.memoryUsage.rss()} cpu ${Math.round((cpu.user + cpu.system) / 1000)} cached ${worker.getStatus().numCachedWorkflows} tasks ${tasks}\n`,
  );
};
const usage = setInterval(() => void reportUsage(), 2_000);
const running = worker.run();
process.stdout.write('ready\n');
await running;
clearInterval(usage);
await connection.close();
