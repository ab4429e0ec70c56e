/**
 * The signed links of one reminder e-mail, item by item: what the delivery activity puts under
 * each item (activities/render/action-links.ts). Called at render time in the worker, where the
 * keys are; the workflow never sees a key or a link.
 *
 * @module
 */
import type { ActionLinkAction } from '../../contracts/action-link';
import type { ReminderMessage } from '../../contracts/reminder-message';
import type { LinkKeys } from './keys';
import { linkExpiry, offeredActions } from './offers';
import { signActionLink } from './token';

export interface ActionLink {
  action: ActionLinkAction;
  url: string;
}

export interface LinkSigning {
  keys: LinkKeys;
  /** The web application's public address, without a trailing slash (`PACTE_WEB_BASE_URL`). */
  baseUrl: string;
}

/** Where a link opens its confirmation page. */
export const ACTION_PATH = '/action';

/**
 * One list of links per item, in item order (empty for items that offer none). No links at all
 * for a message composed before it carried the agreement's version: the link could not be bound.
 */
export async function messageLinks(message: ReminderMessage, signing: LinkSigning): Promise<ActionLink[][]> {
  const version = message.agreement.version;
  if (version === undefined) return message.items.map(() => []);
  const iat = Math.floor(Date.parse(message.dueAt) / 1000);
  return Promise.all(
    message.items.map((item) =>
      Promise.all(
        offeredActions(item).map(async (offer) => {
          const token = await signActionLink(
            {
              agr: message.agreement.id,
              item: offer.item,
              act: offer.action,
              sub: message.recipient.id,
              ver: version,
              iat,
              exp: linkExpiry(offer.dueOn, message.agreement.timezone),
            },
            signing.keys,
          );
          return { action: offer.action, url: `${signing.baseUrl}${ACTION_PATH}/${token}` };
        }),
      ),
    ),
  );
}
