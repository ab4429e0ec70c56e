/**
 * `npx tsx tests/cluster/live/cluster-can-deliver.ts MINUTES`: exits 0 when reminders due at
 * every minute of the next MINUTES fall on a weekday in some zone (what the cluster tests need
 * to see a real delivery), 1 otherwise, and says which. `.ci/run` uses it to choose between the
 * cluster short suite and the compose check alone.
 *
 * @module
 */
import { weekdayZone } from '../../support/weekday-zones';

const minutes = Number(process.argv[2] ?? '20');
if (!Number.isInteger(minutes) || minutes < 1) {
  console.error('usage: cluster-can-deliver.ts MINUTES (a positive whole number)');
  process.exit(2);
}
const now = Date.now();
const missing = Array.from({ length: minutes + 1 }, (_, i) => now + i * 60_000).find(
  (ms) => weekdayZone(ms) === undefined,
);
if (missing !== undefined) {
  console.log(
    `no zone has a weekday at ${new Date(missing).toISOString()}: reminders cannot be due within the next ${minutes} minutes`,
  );
  process.exit(1);
}
console.log(
  `reminders can be due on a weekday in some zone for the next ${minutes} minutes (now: ${weekdayZone(now)})`,
);
