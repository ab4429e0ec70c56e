/**
 * The payload codec on its own: AES-256-GCM round trips, key rotation, tampering, key
 * configuration errors that never show key material; and the codec server over real HTTP
 * (bearer authentication, CORS limited to the UI's origin, decode round trip).
 */
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AesGcmCodec, CodecConfigError, ensureDevKeyFile, loadCodecSettings, parseKeyList } from '../../codec';
import { createCodecServer, startCodecServerFromEnv } from '../../codec/server';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64');
const SECRET = { name: 'Camille Dupont', email: 'camille.dupont@terre-valserhone.fr' };
const td = new TextDecoder();

function codec(keys: string, current?: string): AesGcmCodec {
  const settings = loadCodecSettings({ PACTE_CODEC_KEYS: keys, ...(current ? { PACTE_CODEC_KEY_ID: current } : {}) });
  if (!settings.enabled) throw new Error('disabled');
  return new AesGcmCodec(settings);
}

function payload(value: unknown): Payload {
  return defaultPayloadConverter.toPayload(value);
}

describe('AesGcmCodec', () => {
  it('encrypts every payload, keeps only the encoding and key id in clear, and round-trips', async () => {
    const c = codec(`k1:${k1}`);
    const input = [payload(SECRET), payload(null), payload('x'.repeat(10_000))];
    const encoded = await c.encode(input);
    for (const p of encoded) {
      expect(Object.keys(p.metadata ?? {}).sort()).toEqual(['encoding', 'encryption-key-id']);
      expect(td.decode(p.metadata!.encoding)).toBe('binary/encrypted');
      expect(td.decode(p.metadata!['encryption-key-id'])).toBe('k1');
      expect(Buffer.from(p.data!).toString('latin1')).not.toMatch(/camille|dupont|json/i);
    }
    const decoded = await c.decode(encoded);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([SECRET, null, 'x'.repeat(10_000)]);
    // Fresh IV each time: the same value never encrypts to the same bytes.
    const [a, b] = await c.encode([payload(SECRET), payload(SECRET)]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('rotates: encrypts with the current key, decrypts with any known key', async () => {
    const old = codec(`k1:${k1}`);
    const rotated = codec(`k1:${k1},k2:${k2}`, 'k2');
    const [before] = await old.encode([payload(SECRET)]);
    const [after] = await rotated.encode([payload(SECRET)]);
    expect(td.decode(after!.metadata!['encryption-key-id'])).toBe('k2');
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([before!]))[0]!)).toEqual(SECRET);
    // A worker that lacks the new key says which key it misses.
    await expect(old.decode([after!])).rejects.toThrow(/no key with id 'k2'/);
  });

  it('refuses tampered data, a relabelled key id, and passes plain payloads through', async () => {
    const c = codec(`k1:${k1},k2:${k2}`, 'k1');
    const [p] = await c.encode([payload(SECRET)]);
    const flipped = Buffer.from(p!.data!);
    flipped[20] = flipped[20]! ^ 1;
    await expect(c.decode([{ ...p!, data: new Uint8Array(flipped) }])).rejects.toThrow(/failed authentication/);
    const relabelled = { ...p!, metadata: { ...p!.metadata, 'encryption-key-id': new TextEncoder().encode('k2') } };
    await expect(c.decode([relabelled])).rejects.toThrow(/failed authentication/);
    const plain = payload({ a: 1 });
    expect(await c.decode([plain])).toEqual([plain]);
  });
});

describe('codec keys from the environment', () => {
  const expectRefused = (env: NodeJS.ProcessEnv, message: RegExp): void => {
    let error: unknown;
    try {
      loadCodecSettings(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CodecConfigError);
    const text = (error as Error).message;
    expect(text).toMatch(message);
    // Never any key material, whatever was malformed.
    for (const secret of [k1, k2, k1.slice(0, 12), 'c2hvcnQ=']) expect(text).not.toContain(secret);
  };

  it('refuses to run without keys, naming what to set; PACTE_CODEC=off is the opt-out', () => {
    expectRefused({}, /PACTE_CODEC_KEYS.*PACTE_CODEC=off/);
    expect(loadCodecSettings({ PACTE_CODEC: 'off' })).toEqual({ enabled: false });
    expectRefused({ PACTE_CODEC: 'maybe' }, /PACTE_CODEC must be/);
  });

  it('says what is wrong with malformed keys without echoing them', () => {
    expectRefused({ PACTE_CODEC_KEYS: k1 }, /entry 1 is not of the form id:base64key/);
    expectRefused({ PACTE_CODEC_KEYS: 'k1:c2hvcnQ=' }, /key 'k1' must be 32 bytes.*decodes to 5/);
    expectRefused({ PACTE_CODEC_KEYS: `k1:${k1}!!` }, /key 'k1' is not base64/);
    expectRefused({ PACTE_CODEC_KEYS: `k 1:${k1}` }, /key id must be/);
    expectRefused({ PACTE_CODEC_KEYS: `k1:${k1},k1:${k2}` }, /listed twice/);
    expectRefused({ PACTE_CODEC_KEYS: `k1:${k1},k2:${k2}` }, /PACTE_CODEC_KEY_ID is required/);
    expectRefused(
      { PACTE_CODEC_KEYS: `k1:${k1}`, PACTE_CODEC_KEY_ID: 'k9' },
      /'k9' is not among the listed keys \(ids: k1\)/,
    );
    expectRefused({ PACTE_CODEC_KEYS_FILE: '/nonexistent/pacte.keys' }, /cannot read the file \(ENOENT\)/);
    expectRefused({ PACTE_CODEC_KEYS: ' , ' }, /no key listed/);
  });

  it('reads a key file (comments, new lines) and a generated dev key file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pacte-codec-'));
    const file = join(dir, 'keys');
    writeFileSync(file, `# rotated 2026-11\nk1:${k1}\nk2:${k2}  # current\n`);
    const settings = loadCodecSettings({ PACTE_CODEC_KEYS_FILE: file, PACTE_CODEC_KEY_ID: 'k2' });
    expect(settings.enabled && [...settings.keys.keys()]).toEqual(['k1', 'k2']);
    expect(parseKeyList(`a:${k1}`, 'x').get('a')?.length).toBe(32);
    const dev = ensureDevKeyFile(join(dir, 'dev'));
    const first = loadCodecSettings({ PACTE_CODEC_KEYS_FILE: dev });
    expect(ensureDevKeyFile(join(dir, 'dev'))).toBe(dev); // kept, not regenerated
    expect(loadCodecSettings({ PACTE_CODEC_KEYS_FILE: dev })).toEqual(first);
  });
});

describe('codec server', () => {
  const TOKEN = 'test-token-0123456789abcdef';
  const ORIGIN = 'http://localhost:8233';
  let server: Server;
  let base: string;
  const c = codec(`k1:${k1}`);

  beforeAll(async () => {
    server = createCodecServer({ codec: c, token: TOKEN, allowedOrigin: ORIGIN });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  const asJson = (p: Payload) => ({
    metadata: Object.fromEntries(
      Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v!).toString('base64')]),
    ),
    data: Buffer.from(p.data!).toString('base64'),
  });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Namespace': 'default', ...headers },
      body: JSON.stringify(body),
    });

  it('refuses requests without the right bearer token', async () => {
    const [p] = await c.encode([payload(SECRET)]);
    for (const headers of [
      {},
      { Authorization: 'Bearer wrong' },
      { Authorization: TOKEN },
      { Authorization: `Bearer ${TOKEN}x` },
    ] as Record<string, string>[]) {
      const res = await post('/decode', { payloads: [asJson(p!)] }, { Origin: ORIGIN, ...headers });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toMatch(/camille/i);
    }
  });

  it('answers CORS for the UI origin only', async () => {
    const preflight = await fetch(`${base}/decode`, {
      method: 'OPTIONS',
      headers: {
        Origin: ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,x-namespace',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');

    for (const origin of ['http://evil.example', 'http://localhost:8234', 'null']) {
      const res = await fetch(`${base}/decode`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      // Even with the token, another origin gets nothing decoded.
      const [p] = await c.encode([payload(SECRET)]);
      const post2 = await post(
        '/decode',
        { payloads: [asJson(p!)] },
        { Origin: origin, Authorization: `Bearer ${TOKEN}` },
      );
      expect(post2.status).toBe(403);
      expect(await post2.text()).not.toMatch(/camille/i);
    }
  });

  it('decodes what the worker encrypted, encodes for the UI, and refuses bad bodies', async () => {
    const auth = { Origin: ORIGIN, Authorization: `Bearer ${TOKEN}` };
    const [p] = await c.encode([payload(SECRET)]);
    const res = await post('/decode', { payloads: [asJson(p!)] }, auth);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const decoded = (await res.json()) as { payloads: { metadata: Record<string, string>; data: string }[] };
    expect(Buffer.from(decoded.payloads[0]!.metadata.encoding!, 'base64').toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(decoded.payloads[0]!.data, 'base64').toString())).toEqual(SECRET);

    // /encode then /decode round trip (the CLI's --codec-endpoint path, no Origin header).
    const enc = (await (await post('/encode', decoded, { Authorization: `Bearer ${TOKEN}` })).json()) as typeof decoded;
    expect(Buffer.from(enc.payloads[0]!.metadata['encryption-key-id']!, 'base64').toString()).toBe('k1');
    const back = (await (await post('/decode', enc, { Authorization: `Bearer ${TOKEN}` })).json()) as typeof decoded;
    expect(JSON.parse(Buffer.from(back.payloads[0]!.data, 'base64').toString())).toEqual(SECRET);

    expect((await post('/decode', { nope: 1 }, auth)).status).toBe(400);
    expect(
      (
        await post(
          '/decode',
          { payloads: [{ metadata: { encoding: Buffer.from('binary/encrypted').toString('base64') }, data: 'AAAA' }] },
          auth,
        )
      ).status,
    ).toBe(400);
    expect((await post('/other', { payloads: [] }, auth)).status).toBe(404);
  });

  it('runs without a token only on loopback, and never without keys or a token', async () => {
    const keys = { PACTE_CODEC_KEYS: `k1:${k1}`, PACTE_CODEC_SERVER_PORT: '0' };
    await expect(startCodecServerFromEnv({ ...keys })).rejects.toThrow(/PACTE_CODEC_SERVER_TOKEN/);
    await expect(startCodecServerFromEnv({ PACTE_CODEC_SERVER_TOKEN: TOKEN })).rejects.toThrow(/keys are missing/);
    await expect(
      startCodecServerFromEnv({ ...keys, PACTE_CODEC_SERVER_AUTH: 'off', PACTE_CODEC_SERVER_HOST: '0.0.0.0' }),
    ).rejects.toThrow(/loopback/);
    const dev = await startCodecServerFromEnv({ ...keys, PACTE_CODEC_SERVER_AUTH: 'off' });
    try {
      expect(dev.authenticated).toBe(false);
      const [p] = await c.encode([payload(SECRET)]);
      const res = await fetch(`${dev.url}/decode`, {
        method: 'POST',
        headers: { Origin: ORIGIN, 'Content-Type': 'application/json' },
        body: JSON.stringify({ payloads: [asJson(p!)] }),
      });
      expect(res.status).toBe(200);
      // CORS still applies.
      const other = await fetch(`${dev.url}/decode`, {
        method: 'POST',
        headers: { Origin: 'http://evil.example' },
        body: '{}',
      });
      expect(other.status).toBe(403);
    } finally {
      await new Promise((resolve) => dev.server.close(resolve));
    }
  });
});
