/**
 * `npm run codec-server`: a Temporal codec server, so that authorised administrators read the
 * decrypted payloads of Pacte lifecycles in the Temporal Web UI (or `temporal … --codec-endpoint`).
 *
 * Protocol (Temporal's remote codec): `POST /encode` and `POST /decode` with a JSON body
 * `{ "payloads": [{ "metadata": { key: base64 }, "data": base64 }] }`, answered in the same shape.
 * The UI calls it from the administrator's browser, so:
 * - every request must carry `Authorization: Bearer <PACTE_CODEC_SERVER_TOKEN>` (compared in
 *   constant time); anything else gets 401, before the body is read. The Temporal UI sends a
 *   bearer token only when it has its own sign-in ("pass the user access token"); otherwise put
 *   the codec server behind the organisation's authenticating proxy, which adds the header.
 *   `PACTE_CODEC_SERVER_AUTH=off` drops the check for local development, loopback only;
 * - CORS answers only the UI's origin (`PACTE_CODEC_SERVER_ORIGIN`, default `PACTE_UI_URL` or
 *   `http://localhost:8233`); other origins get no CORS headers (the browser blocks them) and 403.
 * Keys: the worker's (`PACTE_CODEC_KEYS` / `PACTE_CODEC_KEYS_FILE`, `PACTE_CODEC_KEY_ID`).
 * Listens on `PACTE_CODEC_SERVER_HOST:PACTE_CODEC_SERVER_PORT` (default 127.0.0.1:8888); put it
 * behind TLS (a reverse proxy) anywhere but on one's own machine. Payload contents and keys
 * are never logged.
 *
 * @module
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AesGcmCodec } from './aes-gcm-codec';
import { CodecConfigError, loadCodecSettings } from './keys';

/** The UI sends the payloads of one history page at most; larger bodies are refused. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface CodecServerOptions {
  codec: PayloadCodec;
  /**
   * The bearer token every request must present; `undefined` only for a loopback-bound dev
   * server (`PACTE_CODEC_SERVER_AUTH=off`): the Temporal UI without its own sign-in has no way to
   * send a token.
   */
  token: string | undefined;
  /** The Temporal UI's origin (scheme://host:port), the only one CORS allows. */
  allowedOrigin: string;
}

interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

function fromJson(p: JsonPayload): Payload {
  if (typeof p !== 'object' || p === null) throw new TypeError('payload is not an object');
  const metadata: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(p.metadata ?? {})) {
    if (typeof v !== 'string') throw new TypeError(`metadata ${k} is not base64 text`);
    metadata[k] = new Uint8Array(Buffer.from(v, 'base64'));
  }
  if (p.data !== undefined && typeof p.data !== 'string') throw new TypeError('data is not base64 text');
  return { metadata, data: new Uint8Array(Buffer.from(p.data ?? '', 'base64')) };
}

function toJson(p: Payload): JsonPayload {
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.metadata ?? {})) if (v) metadata[k] = Buffer.from(v).toString('base64');
  return { metadata, data: Buffer.from(p.data ?? new Uint8Array()).toString('base64') };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The request handler; exported for tests, which listen on an ephemeral port. */
export function createCodecServer({ codec, token, allowedOrigin }: CodecServerOptions): Server {
  if (token !== undefined && token.length < 16)
    throw new CodecConfigError('codec server token must be at least 16 characters');
  const expected = token === undefined ? undefined : digest(`Bearer ${token}`);
  const origin = allowedOrigin.replace(/\/+$/, '');

  const send = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  return createServer((req, res) => {
    const requestOrigin = req.headers.origin;
    // A browser request from another origin: no CORS headers (the browser withholds the answer)
    // and refused outright, so a page elsewhere cannot even use the codec as an oracle.
    if (requestOrigin !== undefined && requestOrigin !== origin) {
      send(res, 403, { error: 'origin not allowed' });
      return;
    }
    if (requestOrigin !== undefined) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      // Preflight: carries no credentials by design, so it is answered without authentication.
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace');
      res.setHeader('Access-Control-Max-Age', '600');
      res.writeHead(204).end();
      return;
    }
    const path = (req.url ?? '').split('?')[0]!.replace(/\/+$/, '');
    const action = path.endsWith('/encode') ? 'encode' : path.endsWith('/decode') ? 'decode' : undefined;
    if (req.method !== 'POST' || !action) {
      send(res, 404, { error: 'POST /encode or /decode' });
      return;
    }
    const presented = req.headers.authorization ?? '';
    if (expected && !timingSafeEqual(digest(presented), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      send(res, 401, { error: 'unauthorized' });
      req.resume();
      return;
    }
    readBody(req)
      .then(async (text) => {
        let payloads: Payload[];
        try {
          const body = JSON.parse(text) as { payloads?: unknown };
          if (!Array.isArray(body.payloads)) throw new TypeError('payloads must be an array');
          payloads = (body.payloads as JsonPayload[]).map(fromJson);
        } catch (e) {
          send(res, 400, { error: `bad request: ${e instanceof Error ? e.message : 'unreadable body'}` });
          return;
        }
        try {
          const out = action === 'encode' ? await codec.encode(payloads) : await codec.decode(payloads);
          send(res, 200, { payloads: out.map(toJson) });
        } catch (e) {
          // The codec's messages name key ids only, never key material or payload contents.
          send(res, 400, { error: e instanceof Error ? e.message : 'codec error' });
        }
      })
      .catch((e: unknown) => {
        const status = (e as { status?: number }).status ?? 400;
        if (!res.headersSent) send(res, status, { error: status === 413 ? 'body too large' : 'unreadable body' });
      });
  });
}

function tokenFromEnv(env: NodeJS.ProcessEnv): string {
  if (env.PACTE_CODEC_SERVER_TOKEN) return env.PACTE_CODEC_SERVER_TOKEN.trim();
  if (env.PACTE_CODEC_SERVER_TOKEN_FILE) {
    try {
      return readFileSync(env.PACTE_CODEC_SERVER_TOKEN_FILE, 'utf8').trim();
    } catch (e) {
      throw new CodecConfigError(
        `PACTE_CODEC_SERVER_TOKEN_FILE=${env.PACTE_CODEC_SERVER_TOKEN_FILE}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`,
      );
    }
  }
  throw new CodecConfigError(
    'PACTE_CODEC_SERVER_TOKEN (or PACTE_CODEC_SERVER_TOKEN_FILE) is required: the bearer token administrators give the Temporal UI (e.g. `openssl rand -hex 32`)',
  );
}

/** Starts the codec server from the environment; resolves with the server and its URL. */
export async function startCodecServerFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ server: Server; url: string; origin: string; authenticated: boolean }> {
  const settings = loadCodecSettings(env);
  if (!settings.enabled)
    throw new CodecConfigError('the codec server needs the payload keys: PACTE_CODEC=off makes no sense here');
  const origin = env.PACTE_CODEC_SERVER_ORIGIN || env.PACTE_UI_URL || 'http://localhost:8233';
  const host = env.PACTE_CODEC_SERVER_HOST || '127.0.0.1';
  const authOff = (env.PACTE_CODEC_SERVER_AUTH ?? '').trim().toLowerCase() === 'off';
  // Without a token anyone who reaches the port reads decrypted payloads: this machine only.
  if (authOff && !['127.0.0.1', '::1', 'localhost'].includes(host)) {
    throw new CodecConfigError(
      `PACTE_CODEC_SERVER_AUTH=off is only allowed on a loopback address (PACTE_CODEC_SERVER_HOST is ${host})`,
    );
  }
  const server = createCodecServer({
    codec: new AesGcmCodec(settings),
    token: authOff ? undefined : tokenFromEnv(env),
    allowedOrigin: origin,
  });
  const port = Number(env.PACTE_CODEC_SERVER_PORT || 8888);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => (server.off('error', reject), resolve()));
  });
  const address = server.address() as AddressInfo;
  return { server, url: `http://${host}:${address.port}`, origin, authenticated: !authOff };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startCodecServerFromEnv().then(
    ({ url, origin, authenticated }) =>
      console.log(
        `[pacte codec server] ${url} · allowed origin ${origin} · POST /encode, /decode ${
          authenticated ? 'with a bearer token' : 'WITHOUT authentication (PACTE_CODEC_SERVER_AUTH=off, loopback only)'
        }`,
      ),
    (err: unknown) => {
      console.error(`[pacte codec server] ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
