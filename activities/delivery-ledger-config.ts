/**
 * Where the worker keeps its delivery ledger (activities/delivery-ledger.ts), read once from the
 * environment:
 *
 * - `PACTE_DELIVERY_LEDGER`: `sqlite:/path/to/file.db` (a local file, created if missing),
 *   `postgres://user:password@host:5432/database` (or `postgresql://…`), or `off` (no ledger:
 *   for experiments; a worker killed mid-batch then re-sends what its lost heartbeats did not
 *   record). Default: `sqlite:<PACTE_CACHE_DIR>/delivery-ledger.sqlite` (`~/.cache/pacte`).
 * - `PACTE_DELIVERY_LEDGER_RETENTION_DAYS`: entries older than this are purged at start and
 *   every few hours (default 30; a retry comes within minutes, a re-planned day within a year
 *   has other Message-IDs).
 *
 * @module
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

export type LedgerConfig =
  | { store: 'off' }
  | { store: 'sqlite'; path: string; retentionDays: number }
  | { store: 'postgres'; url: string; retentionDays: number };

const LedgerEnvSchema = z.object({
  PACTE_DELIVERY_LEDGER: z
    .string()
    .trim()
    .optional()
    .refine(
      (value) =>
        value === undefined ||
        value === 'off' ||
        /^sqlite:.+/.test(value) ||
        (/^postgres(ql)?:\/\/[^\s/]+\/[^\s/?]+/.test(value) && URL.canParse(value)),
      { message: 'expected sqlite:/path/to/file.db, postgres://user:password@host:5432/database or off' },
    ),
  PACTE_DELIVERY_LEDGER_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
});

/** A PostgreSQL URL without its password, for logs and errors. */
export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** Raised on a bad environment; the message names every faulty variable (never a password). */
export class LedgerConfigError extends Error {
  override readonly name = 'LedgerConfigError';
}

/** The default store: a SQLite file in the Pacte cache directory. */
export function defaultLedgerPath(env: Record<string, string | undefined>): string {
  return join(env.PACTE_CACHE_DIR || join(homedir(), '.cache', 'pacte'), 'delivery-ledger.sqlite');
}

/**
 * Reads and validates the ledger configuration.
 *
 * @param env - defaults to `process.env`; tests pass their own.
 * @throws {@link LedgerConfigError} naming each invalid variable.
 */
export function loadLedgerConfig(env: Record<string, string | undefined> = process.env): LedgerConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = LedgerEnvSchema.safeParse(present);
  if (!parsed.success) {
    // zod does not echo the value, so a password in a malformed URL stays out of the message.
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new LedgerConfigError(`invalid delivery ledger configuration: ${problems.join('; ')}`);
  }
  const { PACTE_DELIVERY_LEDGER: value, PACTE_DELIVERY_LEDGER_RETENTION_DAYS: retentionDays } = parsed.data;
  if (value === 'off') return { store: 'off' };
  if (value === undefined) return { store: 'sqlite', path: defaultLedgerPath(env), retentionDays };
  if (value.startsWith('sqlite:')) return { store: 'sqlite', path: value.slice('sqlite:'.length), retentionDays };
  return { store: 'postgres', url: value, retentionDays };
}
