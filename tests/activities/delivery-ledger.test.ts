/**
 * The delivery ledger's local store (a SQLite file, `node:sqlite`) on a temporary file, its
 * configuration from the environment, and its opening with retention:
 * - the store contract shared with PostgreSQL (tests/support/ledger-contract.ts);
 * - WAL mode, and an entry written by a process that is SIGKILLed right after `record` returns
 *   is there for the next process;
 * - `PACTE_DELIVERY_LEDGER` / `PACTE_DELIVERY_LEDGER_RETENTION_DAYS`: defaults, accepted forms,
 *   bad values named without echoing a password;
 * - opening purges entries older than the retention.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LedgerConfigError, loadLedgerConfig } from '../../activities/delivery-ledger-config';
import { openSqliteLedger } from '../../activities/delivery-ledger-sqlite';
import { openDeliveryLedger } from '../../activities/open-delivery-ledger';
import { ledgerContract } from '../support/ledger-contract';

const DIR = mkdtempSync(join(tmpdir(), 'pacte-ledger-'));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

describe('the SQLite delivery ledger', () => {
  // In a directory that does not exist yet: the store creates it.
  const file = join(DIR, 'nested', 'ledger.sqlite');
  ledgerContract(() => openSqliteLedger(file));

  it('is in WAL mode', async () => {
    const ledger = openSqliteLedger(file);
    const db = new DatabaseSync(file);
    try {
      expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    } finally {
      db.close();
      await ledger.close();
    }
  });

  it('drops the time index of a file made before it went (one page written per record, not two)', async () => {
    const older = join(DIR, 'indexed.sqlite');
    const made = new DatabaseSync(older);
    // The schema of the ledger's earlier versions, index included.
    made.exec(`
      CREATE TABLE accepted_messages (message_id TEXT NOT NULL, run_id TEXT NOT NULL, accepted_at INTEGER NOT NULL,
        response TEXT NOT NULL, PRIMARY KEY (message_id, run_id)) WITHOUT ROWID;
      CREATE INDEX accepted_messages_accepted_at ON accepted_messages (accepted_at);
      INSERT INTO accepted_messages VALUES ('<before@test.pacte>', 'run-1', ${Date.now()}, '250 ok');
    `);
    made.close();
    const ledger = openSqliteLedger(older);
    const db = new DatabaseSync(older);
    try {
      expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all()).toEqual([]);
      await ledger.record('<after@test.pacte>', '250 ok', 'run-1');
      expect([...(await ledger.accepted(['<before@test.pacte>', '<after@test.pacte>'], 'run-1')).keys()]).toEqual([
        '<before@test.pacte>',
        '<after@test.pacte>',
      ]);
    } finally {
      db.close();
      await ledger.close();
    }
  });

  it('keeps what a process recorded just before it was killed with SIGKILL', async () => {
    const killed = join(DIR, 'killed.sqlite');
    const script = `
      const { openSqliteLedger } = await import(${JSON.stringify(join(ROOT, 'activities/delivery-ledger-sqlite.ts'))});
      const ledger = openSqliteLedger(${JSON.stringify(killed)});
      await ledger.record('<killed@test.pacte>', '250 ok');
      process.kill(process.pid, 'SIGKILL');
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    const ledger = openSqliteLedger(killed);
    try {
      expect((await ledger.accepted(['<killed@test.pacte>'])).get('<killed@test.pacte>')?.response).toBe('250 ok');
    } finally {
      await ledger.close();
    }
  });
});

describe('the ledger as the worker opens it (retention and purge around the SQLite store)', () => {
  const file = join(DIR, 'opened', 'ledger.sqlite');
  ledgerContract(() => openDeliveryLedger({ store: 'sqlite', path: file, retentionDays: 30 })!);
});

describe('the delivery ledger configuration', () => {
  it('defaults to a SQLite file in the Pacte cache directory, entries kept 30 days', () => {
    expect(loadLedgerConfig({ PACTE_CACHE_DIR: '/var/cache/pacte' })).toEqual({
      store: 'sqlite',
      path: '/var/cache/pacte/delivery-ledger.sqlite',
      retentionDays: 30,
    });
    // Empty means unset, as shells and .env files produce it.
    expect(loadLedgerConfig({ PACTE_CACHE_DIR: '/c', PACTE_DELIVERY_LEDGER: '' })).toMatchObject({
      store: 'sqlite',
      path: '/c/delivery-ledger.sqlite',
    });
  });

  it.each([
    [{ PACTE_DELIVERY_LEDGER: 'off' }, { store: 'off' }],
    [
      { PACTE_DELIVERY_LEDGER: 'sqlite:/srv/pacte/ledger.db', PACTE_DELIVERY_LEDGER_RETENTION_DAYS: '7' },
      { store: 'sqlite', path: '/srv/pacte/ledger.db', retentionDays: 7 },
    ],
    [
      { PACTE_DELIVERY_LEDGER: 'postgres://pacte:s3cret@db.example:5432/pacte' },
      { store: 'postgres', url: 'postgres://pacte:s3cret@db.example:5432/pacte', retentionDays: 30 },
    ],
    [
      { PACTE_DELIVERY_LEDGER: 'postgresql://pacte@127.0.0.1/pacte' },
      { store: 'postgres', url: 'postgresql://pacte@127.0.0.1/pacte', retentionDays: 30 },
    ],
  ])('reads %o', (env, expected) => {
    expect(loadLedgerConfig(env)).toEqual(expected);
  });

  it.each([
    [{ PACTE_DELIVERY_LEDGER: 'mysql://root:hunter2@db/pacte' }, 'PACTE_DELIVERY_LEDGER'],
    [{ PACTE_DELIVERY_LEDGER: 'postgres://pacte:hunter2@db' }, 'PACTE_DELIVERY_LEDGER'],
    [{ PACTE_DELIVERY_LEDGER: 'sqlite:' }, 'PACTE_DELIVERY_LEDGER'],
    [{ PACTE_DELIVERY_LEDGER: '/tmp/ledger.db' }, 'PACTE_DELIVERY_LEDGER'],
    [{ PACTE_DELIVERY_LEDGER_RETENTION_DAYS: '0' }, 'PACTE_DELIVERY_LEDGER_RETENTION_DAYS'],
    [{ PACTE_DELIVERY_LEDGER_RETENTION_DAYS: 'a month' }, 'PACTE_DELIVERY_LEDGER_RETENTION_DAYS'],
  ])('rejects %o naming %s, without echoing a password', (env, variable) => {
    expect(() => loadLedgerConfig(env)).toThrow(LedgerConfigError);
    expect(() => loadLedgerConfig(env)).toThrow(new RegExp(`^invalid delivery ledger configuration: ${variable}: `));
    expect(() => loadLedgerConfig(env)).not.toThrow(/hunter2/);
  });
});

describe('opening the ledger', () => {
  it('off opens nothing', () => {
    expect(openDeliveryLedger({ store: 'off' })).toBeUndefined();
  });

  it('purges entries older than the retention at once, keeps the others, and says what it is', async () => {
    const file = join(DIR, 'retention.sqlite');
    const seed = openSqliteLedger(file);
    await seed.record('<recent@test.pacte>', '250 ok');
    await seed.close();
    const db = new DatabaseSync(file);
    const day = 86_400_000;
    const insert = db.prepare(
      'INSERT INTO accepted_messages (message_id, run_id, accepted_at, response) VALUES (?, ?, ?, ?)',
    );
    insert.run('<old@test.pacte>', 'run-1', Date.now() - 31 * day, '250 ok');
    insert.run('<month@test.pacte>', 'run-1', Date.now() - 29 * day, '250 ok');
    db.close();

    const ledger = openDeliveryLedger({ store: 'sqlite', path: file, retentionDays: 30 })!;
    try {
      expect(ledger.description).toBe(`sqlite ${file}, entries kept 30 days`);
      const found = await ledger.accepted(['<old@test.pacte>', '<month@test.pacte>', '<recent@test.pacte>']);
      expect([...found.keys()].sort()).toEqual(['<month@test.pacte>', '<recent@test.pacte>']);
    } finally {
      await ledger.close();
    }
  });
});
