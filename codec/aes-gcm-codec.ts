/**
 * A Temporal payload codec that encrypts every payload with AES-256-GCM (art. 11 of the Terre
 * Valserhône convention: names and e-mail addresses are never stored in clear text on the
 * Temporal server). The whole payload (its metadata and data, protobuf-encoded) is encrypted, so
 * not even the original encoding leaks; the stored payload carries only
 * `encoding: binary/encrypted` and `encryption-key-id`.
 *
 * Stored data = 12-byte random IV ‖ ciphertext ‖ 16-byte GCM tag. The key id is also bound as
 * additional authenticated data, so a payload relabelled with another key id fails to decrypt
 * instead of being misread.
 *
 * Rotation: encrypt with the current key; decrypt with whichever known key the payload names.
 * Payloads that are not encrypted (histories written before the codec was enabled) are passed
 * through unchanged on decode.
 *
 * @module
 */
import { type Payload, type PayloadCodec, ValueError } from '@temporalio/common';
// Default import: @temporalio/proto is CommonJS, and Node's ESM loader (tsx, `npm run worker`)
// cannot see its named exports (vitest can, which hides the difference in tests).
import proto from '@temporalio/proto';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { CodecKeys } from './keys';

export const ENCODING_ENCRYPTED = 'binary/encrypted';
export const METADATA_KEY_ID = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const te = new TextEncoder();
const td = new TextDecoder();

function aad(keyId: string): Buffer {
  return Buffer.from(`pacte-codec-v1:${keyId}`, 'utf8');
}

export class AesGcmCodec implements PayloadCodec {
  readonly currentKeyId: string;
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor({ currentKeyId, keys }: CodecKeys) {
    const current = keys.get(currentKeyId);
    if (!current) throw new ValueError(`codec: current key id '${currentKeyId}' has no key`);
    for (const [id, key] of keys) if (key.length !== 32) throw new ValueError(`codec: key '${id}' is not 32 bytes`);
    this.currentKeyId = currentKeyId;
    this.keys = keys;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  /** Whether a payload is one this codec (any key) produced. */
  static isEncrypted(payload: Payload): boolean {
    const encoding = payload.metadata?.encoding;
    return encoding !== undefined && td.decode(encoding) === ENCODING_ENCRYPTED;
  }

  private encrypt(payload: Payload): Payload {
    const key = this.keys.get(this.currentKeyId)!;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(this.currentKeyId));
    const plain = proto.temporal.api.common.v1.Payload.encode(payload).finish();
    const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: { encoding: te.encode(ENCODING_ENCRYPTED), [METADATA_KEY_ID]: te.encode(this.currentKeyId) },
      data: new Uint8Array(data),
    };
  }

  private decrypt(payload: Payload): Payload {
    if (!AesGcmCodec.isEncrypted(payload)) return payload;
    const rawId = payload.metadata?.[METADATA_KEY_ID];
    if (!rawId) throw new ValueError(`codec: encrypted payload without '${METADATA_KEY_ID}' metadata`);
    const keyId = td.decode(rawId);
    const key = this.keys.get(keyId);
    // Only the id is named: which key is missing is what an operator needs to know.
    if (!key)
      throw new ValueError(
        `codec: no key with id '${keyId.slice(0, 64)}' to decrypt this payload (known: ${[...this.keys.keys()].join(', ')})`,
      );
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) throw new ValueError('codec: encrypted payload too short');
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(keyId));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new ValueError(
        `codec: payload encrypted with key '${keyId}' failed authentication (tampered, or a different key under that id)`,
      );
    }
    return proto.temporal.api.common.v1.Payload.decode(plain);
  }
}
