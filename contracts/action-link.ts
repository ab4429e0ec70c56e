/**
 * What a signed action link carries (docs/web.md « Liens d'action »): a capability for one
 * action on one item of one agreement, for one person, as the e-mail was sent for one version of
 * the agreement. Ids only: a link is a URL, and URLs must not carry names or e-mail addresses.
 *
 * Compact claim names keep the URL short: `agr` agreement id, `item` the item's id (census year,
 * `<census year>/<project id>` for a project sheet, calendar entry id for a meeting or its
 * indicators, the reminder thread for `snooze` (domain/reminder-thread.ts), `<purpose>:<subject
 * id>` for a reminder that no longer concerns its recipient), `act` the
 * action, `sub` the recipient's person id, `ver` the agreement version, `iat`/`exp` in seconds.
 *
 * @module
 */
import { z } from 'zod';
import { IdSchema } from '../domain/field-schemas';

/** What a link may record, each mapped to one lifecycle operation (web/action-links/actions.ts). */
export const ACTION_LINK_ACTIONS = [
  'census-answered',
  'sheet-sent',
  'meeting-held',
  'tracking-table-updated',
  'indicators-sent',
  // « Me le rappeler dans 3 jours »: its item is the reminder's thread.
  'snooze',
  'not-concerned',
] as const;
export type ActionLinkAction = (typeof ACTION_LINK_ACTIONS)[number];

export const ActionLinkClaims = z.strictObject({
  agr: IdSchema,
  item: z.string().min(1).max(200),
  act: z.enum(ACTION_LINK_ACTIONS),
  sub: IdSchema,
  ver: z.int().min(1),
  iat: z.int().min(0),
  exp: z.int().min(0),
});
export type ActionLinkClaims = z.infer<typeof ActionLinkClaims>;
