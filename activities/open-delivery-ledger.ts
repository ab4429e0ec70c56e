/**
 * Opens the delivery ledger a {@link LedgerConfig} names, with its retention: entries older than
 * `retentionDays` are purged once at start and then every {@link PURGE_EVERY_MS}, on a timer
 * that does not keep the process alive. A failed purge is only reported: it retries next time.
 *
 * @module
 */
import type { DeliveryLedger } from './delivery-ledger';
import { loadLedgerConfig, type LedgerConfig } from './delivery-ledger-config';
import { openPostgresLedger } from './delivery-ledger-postgres';
import { openSqliteLedger } from './delivery-ledger-sqlite';

export const PURGE_EVERY_MS = 6 * 3600_000;
const DAY_MS = 86_400_000;

/** The ledger of `config`, or none for `off`. */
export function openDeliveryLedger(config: LedgerConfig): DeliveryLedger | undefined {
  if (config.store === 'off') return undefined;
  const ledger = config.store === 'sqlite' ? openSqliteLedger(config.path) : openPostgresLedger(config.url);
  const purge = (): void => {
    ledger.purge(new Date(Date.now() - config.retentionDays * DAY_MS)).catch((error: unknown) => {
      console.warn(
        `[pacte worker] delivery ledger: purge failed, will try again: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  };
  purge();
  const timer = setInterval(purge, PURGE_EVERY_MS);
  timer.unref();
  return {
    recordsImmediately: ledger.recordsImmediately,
    description: `${ledger.description}, entries kept ${config.retentionDays} days`,
    accepted: (ids, run) => ledger.accepted(ids, run),
    record: (id, response, run) => ledger.record(id, response, run),
    purge: (before) => ledger.purge(before),
    close: async () => {
      clearInterval(timer);
      await ledger.close();
    },
  };
}

/** The ledger the environment names (`PACTE_DELIVERY_LEDGER`, default a SQLite file in the cache). */
export function openDeliveryLedgerFromEnv(env: Record<string, string | undefined> = process.env) {
  return openDeliveryLedger(loadLedgerConfig(env));
}
