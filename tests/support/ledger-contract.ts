/**
 * What every delivery ledger store must do (activities/delivery-ledger.ts), as vitest cases: the
 * SQLite file (tests/activities/delivery-ledger.test.ts) and PostgreSQL (the cluster suite,
 * tests/cluster/live/delivery-ledger-postgres.test.ts) run the same ones on a real store.
 *
 * `open` opens the store under test, the same one at each call (a second call is the store as
 * another worker, or the same worker after a restart, sees it). Message-IDs are made unique per
 * run, so a store that outlives the test (a shared database) does not answer from an earlier run.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { DeliveryLedger } from '../../activities/delivery-ledger';

export function ledgerContract(open: () => DeliveryLedger): void {
  const run = randomUUID().slice(0, 8);
  const id = (name: string): string => `<${name}.${run}@contract.pacte>`;

  it('records an accepted Message-ID and finds it, with its answer and time; others are not found', async () => {
    const ledger = open();
    try {
      const before = Date.now();
      await ledger.record(id('a'), '250 2.0.0 Ok: queued as A1');
      const found = await ledger.accepted([id('a'), id('never-sent')]);
      expect([...found.keys()]).toEqual([id('a')]);
      const entry = found.get(id('a'))!;
      expect(entry).toMatchObject({ messageId: id('a'), response: '250 2.0.0 Ok: queued as A1' });
      // The store's clock (PostgreSQL's) may differ from this process's by a little.
      expect(Math.abs(entry.acceptedAt.getTime() - before)).toBeLessThan(60_000);
      expect((await ledger.accepted([])).size).toBe(0);
    } finally {
      await ledger.close();
    }
  });

  it('looks up a whole batch at once; recording an id again keeps the first answer', async () => {
    const ledger = open();
    try {
      const ids = Array.from({ length: 40 }, (_, i) => id(`batch-${i}`));
      for (const [i, messageId] of ids.entries()) if (i % 2 === 0) await ledger.record(messageId, `250 ok ${i}`);
      await ledger.record(ids[0]!, '250 a second answer');
      const found = await ledger.accepted(ids);
      expect([...found.keys()].sort()).toEqual(ids.filter((_, i) => i % 2 === 0).sort());
      expect(found.get(ids[0]!)!.response).toBe('250 ok 0');
      expect(found.get(ids[38]!)!.response).toBe('250 ok 38');
    } finally {
      await ledger.close();
    }
  });

  it('answers for one workflow run: the same Message-ID sent by another run is not found for it', async () => {
    const ledger = open();
    try {
      await ledger.record(id('run-scoped'), '250 first run', 'run-1');
      expect((await ledger.accepted([id('run-scoped')], 'run-1')).has(id('run-scoped'))).toBe(true);
      // A lifecycle started again for the same agreement, the same day: its e-mails must go out.
      expect((await ledger.accepted([id('run-scoped')], 'run-2')).size).toBe(0);
      await ledger.record(id('run-scoped'), '250 second run', 'run-2');
      expect((await ledger.accepted([id('run-scoped')], 'run-2')).get(id('run-scoped'))!.response).toBe(
        '250 second run',
      );
      expect((await ledger.accepted([id('run-scoped')], 'run-1')).get(id('run-scoped'))!.response).toBe(
        '250 first run',
      );
      // Without a run: whatever run recorded it.
      expect((await ledger.accepted([id('run-scoped')])).has(id('run-scoped'))).toBe(true);
    } finally {
      await ledger.close();
    }
  });

  it('keeps its entries for the next worker: closed, opened again, still there', async () => {
    const first = open();
    await first.record(id('durable'), '250 ok');
    await first.close();
    const second = open();
    try {
      expect((await second.accepted([id('durable')])).has(id('durable'))).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('purges what was accepted before a given time, and only that', async () => {
    const ledger = open();
    try {
      await ledger.record(id('old'), '250 ok');
      const oldAt = (await ledger.accepted([id('old')])).get(id('old'))!.acceptedAt.getTime();
      // A bound before its time keeps it (older entries of a shared store may go).
      await ledger.purge(new Date(oldAt - 1));
      expect((await ledger.accepted([id('old')])).size).toBe(1);
      // The next entry is recorded once the clock has moved on (the store stamps the time itself).
      while (Date.now() <= oldAt + 2) await new Promise((resolve) => setImmediate(resolve));
      await ledger.record(id('new'), '250 ok');
      const newAt = (await ledger.accepted([id('new')])).get(id('new'))!.acceptedAt.getTime();
      expect(newAt).toBeGreaterThan(oldAt);
      expect(await ledger.purge(new Date(oldAt + 1))).toBeGreaterThanOrEqual(1);
      expect((await ledger.accepted([id('old'), id('new')])).has(id('old'))).toBe(false);
      expect((await ledger.accepted([id('new')])).has(id('new'))).toBe(true);
    } finally {
      await ledger.close();
    }
  });
}
