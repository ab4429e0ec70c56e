/**
 * Mail configuration of the worker, read once from the environment.
 *
 * - `SMTP_URL`: where to send, `smtp://[user:pass@]host:port` or `smtps://…`
 *   (default `smtp://127.0.0.1:1025`, a local catcher such as Mailpit or the test sink).
 * - `MAIL_FROM`: sender of every reminder (default `Pacte <pacte@localhost>`).
 * - `PACTE_MAIL_FROM_NAME`: display name of the sender, e.g. `CNFPT Auvergne-Rhône-Alpes`, one
 *   per delegation's worker; replaces the name in `MAIL_FROM` (the address stays).
 * - `PACTE_MAIL_LIST_DOMAIN`: the domain of each agreement's `List-Id` (RFC 2919),
 *   `<agreement id>.<domain>`; default: the domain of the `MAIL_FROM` address.
 * - `SMTP_TIMEOUT_MS`: connection, greeting and socket timeout (default 10000), kept well below
 *   the activity's start-to-close timeout so a hung server becomes a retryable failure.
 * - `SMTP_MAX_CONNECTIONS`: connections the worker keeps open to the relay and e-mails of one
 *   batch sent at the same time (default 10: in a burst the pool is the bottleneck, BENCHMARKS.md
 *   B6; lower it for a relay that limits concurrent connections per client).
 *
 * @module
 */
import { z } from 'zod';

export interface MailConfig {
  smtpUrl: string;
  from: string;
  /** Set: the sender's display name, instead of the one in `from`. */
  fromName?: string;
  /** Namespace of the List-Id of each agreement. */
  listDomain: string;
  timeoutMs: number;
  maxConnections: number;
}

const DOMAIN = /^(?=.{1,200}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** The address of `MAIL_FROM`, `Name <address>` or bare. */
export function senderAddress(from: string): string {
  return (/<([^<>]+)>\s*$/.exec(from)?.[1] ?? from).trim();
}

/** The domain of an address, lower case, as a List-Id namespace (`localhost` if none). */
export function senderDomain(from: string): string {
  const domain = senderAddress(from).split('@').pop()?.toLowerCase() ?? '';
  return DOMAIN.test(domain) ? domain : 'localhost';
}

const MailEnvSchema = z.object({
  SMTP_URL: z
    .string()
    .default('smtp://127.0.0.1:1025')
    .refine((value) => /^smtps?:\/\/[^\s/]+/i.test(value) && URL.canParse(value), {
      message: 'expected smtp://host:port or smtps://host:port',
    }),
  MAIL_FROM: z
    .string()
    .default('Pacte <pacte@localhost>')
    // Either a bare address or `Name <address>`: nodemailer accepts both.
    .refine((value) => /^(?:[^<>]*<)?[^\s<>@]+@[^\s<>@]+>?$/.test(value.trim()), {
      message: 'expected an address, e.g. "Pacte <pacte@example.org>"',
    }),
  PACTE_MAIL_FROM_NAME: z
    .string()
    .trim()
    .min(1)
    .max(120, { message: 'at most 120 characters' })
    // A display name only: no line break or control character, no address brackets.
    // eslint-disable-next-line no-control-regex
    .refine((value) => !/[\u0000-\u001f\u007f<>]/.test(value), {
      message: 'a display name, e.g. "CNFPT Auvergne-Rhône-Alpes", without control characters or < >',
    })
    .optional(),
  PACTE_MAIL_LIST_DOMAIN: z
    .string()
    .trim()
    .toLowerCase()
    .refine((value) => DOMAIN.test(value), { message: 'expected a domain name, e.g. "pacte.cnfpt.fr"' })
    .optional(),
  SMTP_TIMEOUT_MS: z.coerce.number().int().positive().max(600_000).default(10_000),
  SMTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(10),
});

/** Raised on a bad environment; the message names every faulty variable. */
export class MailConfigError extends Error {
  override readonly name = 'MailConfigError';
}

/**
 * Reads and validates the mail configuration.
 *
 * @param env - defaults to `process.env`; tests pass their own.
 * @throws {@link MailConfigError} naming each invalid variable, e.g. `SMTP_URL: expected smtp://…`.
 */
export function loadMailConfig(env: Record<string, string | undefined> = process.env): MailConfig {
  // Empty strings are treated as unset, as shells and .env files often produce them.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = MailEnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new MailConfigError(`invalid mail configuration: ${problems.join('; ')}`);
  }
  const from = parsed.data.MAIL_FROM.trim();
  return {
    smtpUrl: parsed.data.SMTP_URL,
    from,
    ...(parsed.data.PACTE_MAIL_FROM_NAME ? { fromName: parsed.data.PACTE_MAIL_FROM_NAME } : {}),
    listDomain: parsed.data.PACTE_MAIL_LIST_DOMAIN ?? senderDomain(from),
    timeoutMs: parsed.data.SMTP_TIMEOUT_MS,
    maxConnections: parsed.data.SMTP_MAX_CONNECTIONS,
  };
}
