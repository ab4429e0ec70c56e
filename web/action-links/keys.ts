/**
 * The keys that sign and check action links, from the environment (docs/configuration.md):
 * `PACTE_LINK_KEYS=kid:base64key[,kid:base64key…]` (HMAC-SHA256 keys of at least 32 bytes) and
 * `PACTE_LINK_KEY_ID`, the id of the key that signs new links. The other keys still check the
 * links already sent: rotation adds a key, makes it current, and removes the old one once its
 * links have expired. No `PACTE_LINK_KEYS`: no links (the e-mails go without them).
 *
 * Only the worker (which signs) and the web application (which checks) read them: never workflow
 * code, so keys never reach a history.
 *
 * @module
 */
import { z } from 'zod';

export class LinkKeysError extends Error {
  override readonly name = 'LinkKeysError';
}

export interface LinkKeys {
  /** Signs new links. */
  currentId: string;
  /** Every known key by id, the current one included. */
  byId: ReadonlyMap<string, Uint8Array>;
}

const KID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const MIN_KEY_BYTES = 32;

const KeyList = z.string().transform((value, ctx) => {
  const keys = new Map<string, Uint8Array>();
  for (const [i, part] of value.split(',').entries()) {
    const [kid, key, ...rest] = part.trim().split(':');
    const bytes = key !== undefined && BASE64.test(key) ? Buffer.from(key, 'base64') : undefined;
    if (!kid || !KID.test(kid) || rest.length > 0 || !bytes) {
      ctx.addIssue({ code: 'custom', message: `key ${i + 1}: expected kid:base64key (kid: letters, digits, - or _)` });
    } else if (bytes.length < MIN_KEY_BYTES) {
      ctx.addIssue({
        code: 'custom',
        message: `key '${kid}': at least ${MIN_KEY_BYTES} bytes (openssl rand -base64 32)`,
      });
    } else if (keys.has(kid)) {
      ctx.addIssue({ code: 'custom', message: `key '${kid}' is listed twice` });
    } else keys.set(kid, new Uint8Array(bytes));
  }
  return keys;
});

const LinkEnv = z.object({
  PACTE_LINK_KEYS: KeyList.optional(),
  PACTE_LINK_KEY_ID: z.string().trim().optional(),
});

/**
 * The link keys, or undefined when `PACTE_LINK_KEYS` is not set.
 *
 * @throws {@link LinkKeysError} naming the variable (never a key).
 */
export function loadLinkKeys(env: Record<string, string | undefined> = process.env): LinkKeys | undefined {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = LinkEnv.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new LinkKeysError(`action link keys:\n  ${lines.join('\n  ')}`);
  }
  const { PACTE_LINK_KEYS: byId, PACTE_LINK_KEY_ID: currentId } = parsed.data;
  if (!byId) {
    if (currentId) throw new LinkKeysError('action link keys:\n  PACTE_LINK_KEYS: required with PACTE_LINK_KEY_ID');
    return undefined;
  }
  const only = byId.size === 1 ? [...byId.keys()][0] : undefined;
  const current = currentId ?? only;
  if (!current) {
    throw new LinkKeysError('action link keys:\n  PACTE_LINK_KEY_ID: required when PACTE_LINK_KEYS lists several keys');
  }
  if (!byId.has(current)) {
    throw new LinkKeysError(`action link keys:\n  PACTE_LINK_KEY_ID: '${current}' is not among PACTE_LINK_KEYS`);
  }
  return { currentId: current, byId };
}

const BaseUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL (the address the web application is opened at)' })
  .transform((value) => value.replace(/\/+$/, ''));

/**
 * What the worker signs links with: the keys and the web application's public address
 * (`PACTE_WEB_BASE_URL`). Undefined, and the e-mails go without links, unless both are set.
 *
 * @throws {@link LinkKeysError} naming the bad variable.
 */
export function loadLinkSigning(
  env: Record<string, string | undefined> = process.env,
): { keys: LinkKeys; baseUrl: string } | undefined {
  const keys = loadLinkKeys(env);
  const raw = env.PACTE_WEB_BASE_URL?.trim();
  if (!keys || !raw) return undefined;
  const baseUrl = BaseUrl.safeParse(raw);
  if (!baseUrl.success)
    throw new LinkKeysError(`action links:\n  PACTE_WEB_BASE_URL: ${baseUrl.error.issues[0]?.message}`);
  return { keys, baseUrl: baseUrl.data };
}
