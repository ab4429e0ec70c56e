/**
 * Where the payload codec's keys come from: the environment or a file outside the repository,
 * never the code. Nothing here ever puts key material in a message: errors name the variable,
 * the entry's position and the key id, never the key.
 *
 * - `PACTE_CODEC_KEYS`: `id:base64key,id:base64key` (each key 32 bytes: AES-256);
 * - or `PACTE_CODEC_KEYS_FILE`: a file with the same entries, separated by commas or new lines,
 *   `#` comments allowed (a secret mounted by the deployment);
 * - `PACTE_CODEC_KEY_ID`: the key new payloads are encrypted with (optional when there is one
 *   key); every listed key still decrypts, which is how keys are rotated;
 * - `PACTE_CODEC=off`: the explicit opt-out, for local development without encryption.
 *
 * @module
 */
import { readFileSync } from 'node:fs';

/** A key id goes into every payload's metadata: short, printable, no separators. */
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const KEY_BYTES = 32;

export class CodecConfigError extends Error {
  override readonly name = 'CodecConfigError';
}

export interface CodecKeys {
  /** The id new payloads are encrypted with. */
  currentKeyId: string;
  /** Every known key by id (the current one included); any of them decrypts. */
  keys: ReadonlyMap<string, Buffer>;
}

export type CodecSettings = { enabled: false } | ({ enabled: true } & CodecKeys);

/** Parses `id:base64key` entries; `source` names where they came from in error messages. */
export function parseKeyList(text: string, source: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  const entries = text
    .split(/[,\n]/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);
  entries.forEach((entry, index) => {
    const where = `${source}: entry ${index + 1}`;
    const colon = entry.indexOf(':');
    // Without a colon the entry may be a bare key: never echo it.
    if (colon <= 0) throw new CodecConfigError(`${where} is not of the form id:base64key`);
    const id = entry.slice(0, colon).trim();
    const material = entry.slice(colon + 1).trim();
    if (!KEY_ID.test(id))
      throw new CodecConfigError(`${where}: key id must be 1 to 64 letters, digits, '.', '_' or '-'`);
    if (keys.has(id)) throw new CodecConfigError(`${where}: key id '${id}' is listed twice`);
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(material)) throw new CodecConfigError(`${where}: key '${id}' is not base64`);
    const key = Buffer.from(material, 'base64');
    if (key.length !== KEY_BYTES) {
      throw new CodecConfigError(
        `${where}: key '${id}' must be ${KEY_BYTES} bytes (AES-256), base64-encoded; it decodes to ${key.length}`,
      );
    }
    keys.set(id, key);
  });
  if (keys.size === 0) throw new CodecConfigError(`${source}: no key listed`);
  return keys;
}

/**
 * The codec settings from the environment. Throws a {@link CodecConfigError} saying what to
 * set when keys are missing or malformed; `PACTE_CODEC=off` disables the codec.
 */
export function loadCodecSettings(env: NodeJS.ProcessEnv = process.env): CodecSettings {
  const mode = (env.PACTE_CODEC ?? '').trim().toLowerCase();
  if (mode === 'off') return { enabled: false };
  if (mode !== '' && mode !== 'on')
    throw new CodecConfigError(`PACTE_CODEC must be 'on' or 'off' (got '${mode.slice(0, 20)}')`);
  let keys: Map<string, Buffer>;
  if (env.PACTE_CODEC_KEYS) {
    keys = parseKeyList(env.PACTE_CODEC_KEYS, 'PACTE_CODEC_KEYS');
  } else if (env.PACTE_CODEC_KEYS_FILE) {
    let text: string;
    try {
      text = readFileSync(env.PACTE_CODEC_KEYS_FILE, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new CodecConfigError(`PACTE_CODEC_KEYS_FILE=${env.PACTE_CODEC_KEYS_FILE}: cannot read the file (${code})`);
    }
    keys = parseKeyList(text, `PACTE_CODEC_KEYS_FILE ${env.PACTE_CODEC_KEYS_FILE}`);
  } else {
    throw new CodecConfigError(
      'payload encryption keys are missing: set PACTE_CODEC_KEYS=id:base64key (32 random bytes, e.g. `openssl rand -base64 32`) ' +
        'or PACTE_CODEC_KEYS_FILE=/path/to/keys, or PACTE_CODEC=off to run without encryption (local development only)',
    );
  }
  const wanted = env.PACTE_CODEC_KEY_ID?.trim();
  if (!wanted) {
    if (keys.size > 1)
      throw new CodecConfigError(
        `PACTE_CODEC_KEY_ID is required when several keys are listed (ids: ${[...keys.keys()].join(', ')})`,
      );
    return { enabled: true, currentKeyId: [...keys.keys()][0]!, keys };
  }
  if (!keys.has(wanted)) {
    throw new CodecConfigError(
      `PACTE_CODEC_KEY_ID='${wanted.slice(0, 64)}' is not among the listed keys (ids: ${[...keys.keys()].join(', ')})`,
    );
  }
  return { enabled: true, currentKeyId: wanted, keys };
}

/** Whether the environment configures keys at all (the `pacte` client encrypts only then). */
export function codecKeysConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return (
    (env.PACTE_CODEC ?? '').trim().toLowerCase() !== 'off' && Boolean(env.PACTE_CODEC_KEYS || env.PACTE_CODEC_KEYS_FILE)
  );
}
