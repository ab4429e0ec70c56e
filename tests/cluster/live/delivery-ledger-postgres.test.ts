/**
 * The delivery ledger's PostgreSQL store against the cluster's PostgreSQL (the database the
 * workers use, {@link clusterLedgerUrl}: `PACTE_DELIVERY_LEDGER`, or the one
 * `scripts/cluster.sh` names): the store contract shared with the SQLite file
 * (tests/support/ledger-contract.ts), entries unique to the run; a database that does not exist
 * yet is created with its table on first use; two workers starting at once both get the table;
 * the password never appears in the store's description.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresLedger } from '../../../activities/delivery-ledger-postgres';
import { ledgerContract } from '../../support/ledger-contract';
import { clusterLedgerUrl } from './cluster-env';

const URL_ = clusterLedgerUrl();
/** A database made for this run, dropped at the end. */
const fresh = new URL(URL_);
fresh.pathname = `/pacte_ledger_test_${randomUUID().slice(0, 8)}`;

afterAll(async () => {
  const admin = new URL(URL_);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(fresh.pathname.slice(1))} WITH (FORCE)`);
  } finally {
    await client.end();
  }
});

describe('the PostgreSQL delivery ledger', () => {
  ledgerContract(() => openPostgresLedger(URL_));

  it('creates its database and table on first use, once even when two workers start together', async () => {
    const [a, b] = [openPostgresLedger(fresh.toString()), openPostgresLedger(fresh.toString())];
    try {
      await Promise.all([a.record('<first@test.pacte>', '250 a'), b.record('<second@test.pacte>', '250 b')]);
      expect([...(await a.accepted(['<first@test.pacte>', '<second@test.pacte>'])).keys()].sort()).toEqual([
        '<first@test.pacte>',
        '<second@test.pacte>',
      ]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('never shows the password', async () => {
    const ledger = openPostgresLedger(URL_);
    try {
      const password = new URL(URL_).password;
      expect(ledger.description).toMatch(/^postgres postgres(ql)?:\/\//);
      if (password) expect(ledger.description).not.toContain(`:${password}@`);
    } finally {
      await ledger.close();
    }
  });
});
