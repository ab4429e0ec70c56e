/**
 * The activities of Pacte: reminder e-mails rendered in the agreement's language and sent over
 * SMTP. The worker registers {@link createActivitiesFromEnv} (or {@link createActivities} with
 * its own transport); workflows import only the types (`import type`).
 *
 * @module
 */
import { loadMailConfig } from './config';
import { createActivities } from './create-activities';
import type { DeliveryLedger } from './delivery-ledger';
import { createMailTransport } from './mail-transport';
import { openDeliveryLedgerFromEnv } from './open-delivery-ledger';
import { loadLinkSigning } from '../web/action-links/keys';

export { loadMailConfig, MailConfigError, type MailConfig } from './config';
export { createMailTransport, type MailTransport } from './mail-transport';
export { createActivities, type PacteActivities } from './create-activities';
export type { AcceptedDelivery, DeliveryLedger } from './delivery-ledger';
export { loadLedgerConfig, LedgerConfigError, type LedgerConfig } from './delivery-ledger-config';
export { openDeliveryLedger, openDeliveryLedgerFromEnv } from './open-delivery-ledger';
export {
  classifySendError,
  toMailOptions,
  PACTE_HEADERS,
  type ActivityDeps,
  type MailSender,
} from './deliver-reminder';
export * from '../contracts/delivery-batch';
export { renderMessage, type RenderedMessage } from './render/message';
export { renderInvitation, type RenderedInvitation } from './render/invitation';
export * from '../contracts/reminder-message';

/**
 * Activities wired to the SMTP server named by the environment (`SMTP_URL`, `MAIL_FROM`,
 * `PACTE_MAIL_FROM_NAME`, `PACTE_MAIL_LIST_DOMAIN`, `SMTP_TIMEOUT_MS`, `SMTP_MAX_CONNECTIONS`),
 * to the delivery ledger it names (`PACTE_DELIVERY_LEDGER`), unless the caller opened it, and
 * signing action links when `PACTE_LINK_KEYS` and `PACTE_WEB_BASE_URL` are set.
 */
export function createActivitiesFromEnv(
  env: Record<string, string | undefined> = process.env,
  opened: { ledger?: DeliveryLedger | undefined } = {},
) {
  const config = loadMailConfig(env);
  const ledger = 'ledger' in opened ? opened.ledger : openDeliveryLedgerFromEnv(env);
  const actionLinks = loadLinkSigning(env);
  return createActivities({
    transport: createMailTransport(config),
    from: config.from,
    ...(config.fromName ? { fromName: config.fromName } : {}),
    listDomain: config.listDomain,
    parallelSends: config.maxConnections,
    ...(ledger ? { ledger } : {}),
    ...(actionLinks ? { actionLinks } : {}),
  });
}
