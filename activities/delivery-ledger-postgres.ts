/**
 * The delivery ledger in PostgreSQL (`pg`), for the cluster profile: every worker of a region
 * reads and writes the same table, so a batch retried on another worker than the one that died
 * still finds what was accepted. One table, `pacte_accepted_messages`, created on first use (and
 * its database, when the role may create it: the cluster's and docker-compose's role can), in a
 * database of its own rather than Temporal's.
 *
 * A small pool (6 connections: PostgreSQL also serves Temporal, within its `max_connections`): a
 * batch costs one lookup, then one insert per accepted message. Idle connections do not keep the
 * process alive. The sessions run with `synchronous_commit = off`: an insert returns once
 * PostgreSQL has it, without waiting for its WAL flush (milliseconds on a busy disk, a window in
 * which a dying worker's accepted message would not be recorded yet). The worker's death then
 * loses nothing; a crash of PostgreSQL itself may forget the last fraction of a second of
 * entries, a duplicate e-mail at worst, as the SQLite store's `synchronous = NORMAL`.
 *
 * @module
 */
import pg from 'pg';
import type { AcceptedDelivery, DeliveryLedger } from './delivery-ledger';
import { redactedUrl } from './delivery-ledger-config';

const TABLE = 'pacte_accepted_messages';

interface Row {
  message_id: string;
  accepted_at: Date;
  response: string;
}

/** PostgreSQL's error codes met here. */
const INVALID_CATALOG_NAME = '3D000'; // database does not exist
const DUPLICATE = new Set(['42P04', '42P07', '23505']); // database, table, or a race on the catalog

function code(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code;
}

/** Creates the URL's database, connecting to the server's `postgres` database with the same role. */
async function createDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } catch (error) {
    if (!DUPLICATE.has(code(error) ?? '')) throw error;
  } finally {
    await client.end();
  }
}

export function openPostgresLedger(url: string): DeliveryLedger {
  const description = `postgres ${redactedUrl(url)}`;
  const pool = new pg.Pool({
    connectionString: url,
    max: 6,
    allowExitOnIdle: true,
    options: '-c synchronous_commit=off',
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection dropped by the server must not crash the worker: the next query reconnects.
  pool.on('error', () => undefined);

  const createTable = async (): Promise<void> => {
    try {
      await pool.query(`
        CREATE TABLE IF NOT EXISTS ${TABLE} (
          message_id text NOT NULL,
          run_id text NOT NULL,
          accepted_at timestamptz NOT NULL DEFAULT now(),
          response text NOT NULL,
          PRIMARY KEY (message_id, run_id)
        );
        CREATE INDEX IF NOT EXISTS ${TABLE}_accepted_at ON ${TABLE} (accepted_at);
      `);
    } catch (error) {
      // Two workers starting together: the other one created it.
      if (!DUPLICATE.has(code(error) ?? '')) throw error;
    }
  };
  let ready: Promise<void> | undefined;
  const prepare = (): Promise<void> => {
    ready ??= createTable()
      .catch(async (error: unknown) => {
        if (code(error) !== INVALID_CATALOG_NAME) throw error;
        await createDatabase(url);
        await createTable();
      })
      .catch((error: unknown) => {
        ready = undefined; // try again on the next call
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`delivery ledger ${description}: ${reason}`);
      });
    return ready;
  };

  return {
    recordsImmediately: false,
    description,
    async accepted(messageIds, run) {
      const found = new Map<string, AcceptedDelivery>();
      if (messageIds.length === 0) return found;
      await prepare();
      // `$2` null: any run. The newest entry of an id comes last and wins.
      const { rows } = await pool.query<Row>(
        `SELECT message_id, accepted_at, response FROM ${TABLE} WHERE message_id = ANY($1) AND ($2::text IS NULL OR run_id = $2) ORDER BY accepted_at`,
        [messageIds, run ?? null],
      );
      for (const row of rows)
        found.set(row.message_id, { messageId: row.message_id, acceptedAt: row.accepted_at, response: row.response });
      return found;
    },
    async record(messageId, response, run) {
      await prepare();
      await pool.query(
        `INSERT INTO ${TABLE} (message_id, run_id, accepted_at, response) VALUES ($1, $2, now(), $3) ON CONFLICT DO NOTHING`,
        [messageId, run ?? '', response],
      );
    },
    async purge(before) {
      await prepare();
      const result = await pool.query(`DELETE FROM ${TABLE} WHERE accepted_at < $1`, [before]);
      return result.rowCount ?? 0;
    },
    async close() {
      await pool.end();
    },
  };
}
