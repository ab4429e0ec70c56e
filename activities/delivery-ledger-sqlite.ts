/**
 * The delivery ledger in a local SQLite file (`node:sqlite`, built into Node: no dependency), for
 * `npm start` and a worker on one host. WAL mode: workers of the same host may share the file,
 * readers do not block the writer. Writes are synchronous (the call returns once SQLite has
 * committed), so a record made right after the SMTP server's answer survives a SIGKILL of the
 * worker the next instant. `synchronous = NORMAL` does not fsync each commit: a power loss may
 * forget the last entries (a duplicate e-mail at worst), a process crash does not.
 *
 * No index on the time of acceptance: it made every record, one per e-mail sent, write a second
 * page (about a third of the insert's cost), for the purge's sake alone, which runs every six
 * hours and scans at most the retention period's entries. Files made with it lose it on open.
 *
 * @module
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { AcceptedDelivery, DeliveryLedger } from './delivery-ledger';

interface Row {
  message_id: string;
  accepted_at: number;
  response: string;
}

export function openSqliteLedger(path: string): DeliveryLedger {
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  db.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = NORMAL;
    PRAGMA busy_timeout = 5000;
    CREATE TABLE IF NOT EXISTS accepted_messages (
      message_id TEXT NOT NULL,
      run_id TEXT NOT NULL,
      accepted_at INTEGER NOT NULL,
      response TEXT NOT NULL,
      PRIMARY KEY (message_id, run_id)
    ) WITHOUT ROWID;
    DROP INDEX IF EXISTS accepted_messages_accepted_at;
  `);
  const insert = db.prepare(
    'INSERT INTO accepted_messages (message_id, run_id, accepted_at, response) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  // One statement for a whole batch: the ids travel as one JSON array. `?2` null: any run.
  const select = db.prepare(
    'SELECT message_id, accepted_at, response FROM accepted_messages WHERE message_id IN (SELECT value FROM json_each(?1)) AND (?2 IS NULL OR run_id = ?2) ORDER BY accepted_at',
  );
  const remove = db.prepare('DELETE FROM accepted_messages WHERE accepted_at < ?');
  return {
    recordsImmediately: true,
    description: `sqlite ${file}`,
    async accepted(messageIds, run) {
      const found = new Map<string, AcceptedDelivery>();
      if (messageIds.length === 0) return found;
      for (const row of select.all(JSON.stringify(messageIds), run ?? null) as unknown as Row[]) {
        found.set(row.message_id, {
          messageId: row.message_id,
          acceptedAt: new Date(row.accepted_at),
          response: row.response,
        });
      }
      return found;
    },
    async record(messageId, response, run) {
      insert.run(messageId, run ?? '', Date.now(), response);
    },
    async purge(before) {
      return Number(remove.run(before.getTime()).changes);
    },
    async close() {
      if (db.isOpen) db.close();
    },
  };
}
