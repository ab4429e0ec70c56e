/**
 * Action link tokens (web/action-links/): signed by the current key, checked by any known key;
 * forged, altered, expired, unknown-key and other-key tokens refused; the environment's keys
 * validated with messages naming the variable. Pure: no server.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { ActionLinkClaims } from '../../contracts/action-link';
import { loadLinkKeys, loadLinkSigning, LinkKeysError } from '../../web/action-links/keys';
import { linkExpiry, offeredActions } from '../../web/action-links/offers';
import { checkActionLink, signActionLink } from '../../web/action-links/token';

const b64 = () => randomBytes(32).toString('base64');
const NOW = new Date('2026-03-10T09:00:00Z');
const claims: ActionLinkClaims = {
  agr: 'valserhone-2025',
  item: '2026',
  act: 'census-answered',
  sub: 'ref-terre-valserhone',
  ver: 1,
  iat: Math.floor(NOW.getTime() / 1000) - 3600,
  exp: Math.floor(NOW.getTime() / 1000) + 86_400,
};

function keysOf(env: Record<string, string>) {
  const keys = loadLinkKeys(env);
  if (!keys) throw new Error('no keys');
  return keys;
}

describe('action link tokens', () => {
  const k1 = b64();
  const k2 = b64();
  const keys = keysOf({ PACTE_LINK_KEYS: `k1:${k1}`, PACTE_LINK_KEY_ID: 'k1' });

  it('a signed link is accepted with its claims, and signing is deterministic (a retried e-mail sends the same link)', async () => {
    const token = await signActionLink(claims, keys);
    expect(await signActionLink(claims, keys)).toBe(token);
    expect(await checkActionLink(token, keys, NOW)).toEqual({ ok: true, claims });
    // Ids only in the URL: no name, no address.
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(['act', 'agr', 'exp', 'iat', 'item', 'sub', 'ver']);
  });

  it('an altered payload (another person) is refused: signature', async () => {
    const [h, p, s] = (await signActionLink(claims, keys)).split('.');
    const other = Buffer.from(JSON.stringify({ ...claims, sub: 'ref-cnfpt' })).toString('base64url');
    expect(p).not.toBe(other);
    expect(await checkActionLink(`${h}.${other}.${s}`, keys, NOW)).toEqual({ ok: false, reason: 'signature' });
  });

  it('a forged token (signed with another key under the same kid) is refused', async () => {
    const forger = keysOf({ PACTE_LINK_KEYS: `k1:${b64()}` });
    const forged = await signActionLink(claims, forger);
    expect(await checkActionLink(forged, keys, NOW)).toEqual({ ok: false, reason: 'signature' });
  });

  it('an unsigned (alg none) or garbage token is refused', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'pacte-action+jwt', kid: 'k1' })).toString(
      'base64url',
    );
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    expect((await checkActionLink(`${header}.${payload}.`, keys, NOW)).ok).toBe(false);
    expect(await checkActionLink('not-a-token', keys, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('an expired link is refused', async () => {
    const token = await signActionLink(claims, keys);
    const later = new Date((claims.exp + 60) * 1000);
    expect(await checkActionLink(token, keys, later)).toEqual({ ok: false, reason: 'expired' });
  });

  it('an unknown key id is refused', async () => {
    const token = await signActionLink(claims, keysOf({ PACTE_LINK_KEYS: `k9:${k1}` }));
    expect(await checkActionLink(token, keys, NOW)).toEqual({ ok: false, reason: 'unknown-key' });
  });

  it('rotation: links signed by the previous key still open while it is listed, and no longer once removed', async () => {
    const old = await signActionLink(claims, keys);
    const rotated = keysOf({ PACTE_LINK_KEYS: `k1:${k1},k2:${k2}`, PACTE_LINK_KEY_ID: 'k2' });
    const fresh = await signActionLink(claims, rotated);
    expect(JSON.parse(Buffer.from(fresh.split('.')[0]!, 'base64url').toString())).toMatchObject({ kid: 'k2' });
    expect((await checkActionLink(old, rotated, NOW)).ok).toBe(true);
    expect((await checkActionLink(fresh, rotated, NOW)).ok).toBe(true);
    const retired = keysOf({ PACTE_LINK_KEYS: `k2:${k2}` });
    expect(await checkActionLink(old, retired, NOW)).toEqual({ ok: false, reason: 'unknown-key' });
  });

  it('a token of another type or with other claims is refused, even when correctly signed', async () => {
    const key = keys.byId.get('k1')!;
    const wrongType = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: 'k1' })
      .sign(key);
    expect((await checkActionLink(wrongType, keys, NOW)).ok).toBe(false);
    const extra = await new SignJWT({ ...claims, email: 'someone@example.org' })
      .setProtectedHeader({ alg: 'HS256', typ: 'pacte-action+jwt', kid: 'k1' })
      .sign(key);
    expect(await checkActionLink(extra, keys, NOW)).toEqual({ ok: false, reason: 'claims' });
  });
});

describe('link keys from the environment', () => {
  it('none without PACTE_LINK_KEYS; signing needs PACTE_WEB_BASE_URL too', () => {
    expect(loadLinkKeys({})).toBeUndefined();
    expect(loadLinkSigning({ PACTE_LINK_KEYS: `a:${b64()}` })).toBeUndefined();
    expect(
      loadLinkSigning({ PACTE_LINK_KEYS: `a:${b64()}`, PACTE_WEB_BASE_URL: 'https://pacte.example.org/' }),
    ).toMatchObject({ baseUrl: 'https://pacte.example.org' });
  });

  it.each([
    [{ PACTE_LINK_KEYS: 'a:short' }, /PACTE_LINK_KEYS: key 'a': at least 32 bytes/],
    [{ PACTE_LINK_KEYS: 'nocolon' }, /PACTE_LINK_KEYS: key 1: expected kid:base64key/],
    [{ PACTE_LINK_KEYS: `a:${b64()},b:${b64()}` }, /PACTE_LINK_KEY_ID: required when/],
    [{ PACTE_LINK_KEYS: `a:${b64()}`, PACTE_LINK_KEY_ID: 'b' }, /PACTE_LINK_KEY_ID: 'b' is not among/],
    [{ PACTE_LINK_KEY_ID: 'a' }, /PACTE_LINK_KEYS: required with PACTE_LINK_KEY_ID/],
  ])('refuses %o naming the variable', (env, message) => {
    expect(() => loadLinkKeys(env)).toThrow(LinkKeysError);
    expect(() => loadLinkKeys(env)).toThrow(message);
  });

  it('a bad PACTE_WEB_BASE_URL is named', () => {
    expect(() => loadLinkSigning({ PACTE_LINK_KEYS: `a:${b64()}`, PACTE_WEB_BASE_URL: 'ftp://x' })).toThrow(
      /PACTE_WEB_BASE_URL: must be an http\(s\) URL/,
    );
  });
});

describe('which items offer links', () => {
  const base = { reminderId: 'r', subject: { id: 'x', type: 't', title: 'T', date: '2026-05-01', at: '' } };
  it('census, project sheet, meeting and indicators items offer what they ask, the snooze of their thread, then « not concerned »', () => {
    const notConcerned = (purpose: string, id = 'x', dueOn = '2026-05-01') => ({
      action: 'not-concerned',
      item: `${purpose}:${id}`,
      dueOn,
    });
    expect(
      offeredActions({ ...base, purpose: 'census-deadline', details: { censusYear: 2026, dueOn: '2026-10-15' } }),
    ).toEqual([
      { action: 'census-answered', item: '2026', dueOn: '2026-10-15' },
      { action: 'snooze', item: 'census/2026', dueOn: '2026-10-15' },
      notConcerned('census-deadline', 'x', '2026-10-15'),
    ]);
    expect(
      offeredActions({
        ...base,
        purpose: 'project-sheet',
        subject: { ...base.subject, id: 'sheet-2026-formation-eau' },
        details: { censusYear: 2026, dueOn: '2026-12-01' },
      }),
    ).toEqual([
      { action: 'sheet-sent', item: '2026/formation-eau', dueOn: '2026-12-01' },
      { action: 'snooze', item: 'sheet/2026/formation-eau', dueOn: '2026-12-01' },
      notConcerned('project-sheet', 'sheet-2026-formation-eau', '2026-12-01'),
    ]);
    expect(offeredActions({ ...base, purpose: 'meeting' }).map((o) => o.action)).toEqual([
      'meeting-held',
      'tracking-table-updated',
      'not-concerned',
    ]);
    expect(
      offeredActions({
        ...base,
        purpose: 'indicators',
        subject: { ...base.subject, id: 'annual-review-2026-12-08' },
        details: { dueOn: '2026-11-20' },
      }),
    ).toEqual([
      { action: 'indicators-sent', item: 'annual-review-2026-12-08', dueOn: '2026-11-20' },
      { action: 'snooze', item: 'indicators/annual-review-2026-12-08', dueOn: '2026-11-20' },
      notConcerned('indicators', 'annual-review-2026-12-08', '2026-11-20'),
    ]);
    // A meeting's follow-up: nothing to record from it, but it may wait three days.
    expect(offeredActions({ ...base, purpose: 'meeting-followup' })).toEqual([
      { action: 'snooze', item: 'followup/x', dueOn: '2026-05-01' },
      notConcerned('meeting-followup'),
    ]);
    expect(offeredActions({ ...base, purpose: 'event' })).toEqual([notConcerned('event')]);
    // A multi-day event: the link lasts until its last day (plus the grace).
    expect(offeredActions({ ...base, purpose: 'event', subject: { ...base.subject, end: '2026-05-03' } })).toEqual([
      notConcerned('event', 'x', '2026-05-03'),
    ]);
  });

  it('messages to the referents about others, updates and cancellations offer nothing', () => {
    for (const purpose of [
      'project-sheet-escalation',
      'project-sheet-below-minimum',
      'dispute',
      'notice',
      'reminder-declined',
      'meeting-update',
      'meeting-cancel',
    ] as const)
      expect(offeredActions({ ...base, purpose }), purpose).toEqual([]);
    // The late tracking table is told to the pilots once: they may only ask to be reminded later.
    expect(offeredActions({ ...base, purpose: 'tracking-table-late' }).map((o) => o.action)).toEqual(['snooze']);
  });

  it('a link expires 14 days after the end of its deadline, in the agreement zone', () => {
    expect(new Date(linkExpiry('2026-05-01', 'Europe/Paris') * 1000).toISOString()).toBe('2026-05-15T21:59:59.000Z');
  });
});
