/**
 * Pacte's payload encryption: the AES-256-GCM codec, its keys from the environment, and the
 * data converter the worker and the `pacte` client share.
 *
 * The failure converter is told to encode failures' common attributes (message, stack trace)
 * through the codec too: an SMTP refusal's message names the recipient's address, and failure
 * messages are otherwise stored in clear text.
 *
 * @module
 */
import type { DataConverter } from '@temporalio/common';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AesGcmCodec } from './aes-gcm-codec';
import { codecKeysConfigured, loadCodecSettings, type CodecSettings } from './keys';

export { AesGcmCodec, ENCODING_ENCRYPTED, METADATA_KEY_ID } from './aes-gcm-codec';
export {
  CodecConfigError,
  codecKeysConfigured,
  loadCodecSettings,
  parseKeyList,
  type CodecKeys,
  type CodecSettings,
} from './keys';

/**
 * The failure converter's module, for `DataConverter.failureConverterPath` and for
 * `bundleWorkflowCode({ failureConverterPath })` when a worker is given a prebuilt bundle.
 */
export const FAILURE_CONVERTER_PATH = fileURLToPath(new URL('./failure-converter.cjs', import.meta.url));

/** The data converter for a codec: payloads and failure messages encrypted. */
export function encryptingDataConverter(codec: AesGcmCodec): DataConverter {
  return {
    payloadCodecs: [codec],
    failureConverterPath: FAILURE_CONVERTER_PATH,
  };
}

/**
 * The worker's data converter. Required keys: throws a {@link CodecConfigError} (the worker
 * refuses to start) unless keys are configured or `PACTE_CODEC=off`.
 */
export function workerDataConverter(env: NodeJS.ProcessEnv = process.env): {
  dataConverter: DataConverter | undefined;
  settings: CodecSettings;
} {
  const settings = loadCodecSettings(env);
  return { settings, dataConverter: settings.enabled ? encryptingDataConverter(new AesGcmCodec(settings)) : undefined };
}

/**
 * The `pacte` client's data converter: encrypting when keys are configured (malformed keys are an
 * error), plain otherwise, so the CLI keeps working against a worker run with `PACTE_CODEC=off`.
 */
export function clientDataConverter(env: NodeJS.ProcessEnv = process.env): DataConverter | undefined {
  if (!codecKeysConfigured(env)) return undefined;
  const settings = loadCodecSettings(env);
  return settings.enabled ? encryptingDataConverter(new AesGcmCodec(settings)) : undefined;
}

/**
 * A development key file in `dir` (created once with a random key, mode 0600, reused after), for
 * `npm start`: returns its path, to put in `PACTE_CODEC_KEYS_FILE`.
 */
export function ensureDevKeyFile(dir: string): string {
  const path = join(dir, 'codec.keys');
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path,
      `# Pacte development payload key (npm start). Not for production.\ndev-1:${randomBytes(32).toString('base64')}\n`,
      { mode: 0o600, flag: 'wx' },
    );
    chmodSync(path, 0o600);
  }
  return path;
}
