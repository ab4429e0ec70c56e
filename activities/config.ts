/**
 * Mail configuration of the worker, read once from the environment.
 *
 * - `SMTP_URL`: where to send, `smtp://[user:pass@]host:port` or `smtps://…`
 *   (default `smtp://127.0.0.1:1025`, a local catcher such as Mailpit or the test sink).
 * - `MAIL_FROM`: sender of every reminder (default `Pacte <pacte@localhost>`).
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
  timeoutMs: number;
  maxConnections: number;
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
  return {
    smtpUrl: parsed.data.SMTP_URL,
    from: parsed.data.MAIL_FROM.trim(),
    timeoutMs: parsed.data.SMTP_TIMEOUT_MS,
    maxConnections: parsed.data.SMTP_MAX_CONNECTIONS,
  };
}
