/**
 * The operation a confirmed link records: its input built from the link's item and the
 * confirmation form, validated with the operation's own schema (contracts/operations.ts) as any
 * other client's. Field errors are worded in French for the form; nothing is sent when any.
 *
 * @module
 */
import type { ActionLinkClaims } from '../../contracts/action-link';
import { OPERATIONS } from '../../contracts/operations';
import { SNOOZE_DAYS } from '../../domain/reminder-thread';
import type { LinkOperation } from './target';

export type FormBody = Record<string, unknown>;

/** One French message per form field, whatever the rule it broke. */
export const FIELD_ERRORS: Record<string, string> = {
  label: 'Indiquez l’intitulé de la formation (200 caractères au plus).',
  place: 'Indiquez le lieu (200 caractères au plus).',
  period: 'Indiquez la période (200 caractères au plus).',
  mode: 'Choisissez la modalité\u00a0: présentiel, à distance ou mixte.',
  participants: 'Indiquez le nombre de participants, un nombre entier d’au moins 1.',
  context: 'Décrivez le contexte (4 000 caractères au plus).',
  objectives: 'Décrivez les objectifs (4 000 caractères au plus).',
  minutesUrl: 'Indiquez une adresse web complète, commençant par https://, ou laissez le champ vide.',
  trackingTable: 'Choisissez l’état du tableau de suivi, ou laissez vide.',
  url: 'Indiquez une adresse web complète, commençant par https://, ou laissez le champ vide.',
  reason: 'Le motif tient en 500 caractères au plus, ou laissez le champ vide.',
};

const text = (body: FormBody, name: string): string | undefined => {
  const value = body[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

export type BuiltInput = { ok: true; input: unknown } | { ok: false; errors: Record<string, string> };

export function operationInput(claims: ActionLinkClaims, operation: LinkOperation, body: FormBody): BuiltInput {
  const recordedBy = { via: 'email-link' as const, personId: claims.sub };
  let raw: Record<string, unknown>;
  switch (claims.act) {
    case 'census-answered':
      raw = { recordedBy, year: Number(claims.item) };
      break;
    case 'sheet-sent': {
      const participants = text(body, 'participants');
      raw = {
        recordedBy,
        projectId: claims.item.slice(claims.item.indexOf('/') + 1),
        label: text(body, 'label'),
        place: text(body, 'place'),
        period: text(body, 'period'),
        mode: text(body, 'mode'),
        participants: participants !== undefined && /^\d+$/.test(participants) ? Number(participants) : undefined,
        regulated: body.regulated === 'oui',
        context: text(body, 'context'),
        objectives: text(body, 'objectives'),
      };
      break;
    }
    case 'meeting-held':
    case 'tracking-table-updated': {
      const minutesUrl = text(body, 'minutesUrl');
      const trackingTable = claims.act === 'tracking-table-updated' ? 'up-to-date' : text(body, 'trackingTable');
      raw = {
        recordedBy,
        entryId: claims.item,
        ...(minutesUrl ? { minutesUrl } : {}),
        ...(trackingTable ? { trackingTable } : {}),
      };
      break;
    }
    case 'snooze':
      raw = { recordedBy, thread: claims.item, personId: claims.sub, days: SNOOZE_DAYS.link };
      break;
    case 'indicators-sent': {
      const url = text(body, 'url');
      raw = { recordedBy, entryId: claims.item, ...(url ? { url } : {}) };
      break;
    }
    case 'not-concerned': {
      const colon = claims.item.indexOf(':');
      const reason = text(body, 'reason');
      raw = {
        recordedBy,
        purpose: claims.item.slice(0, colon),
        subjectId: claims.item.slice(colon + 1),
        personId: claims.sub,
        ...(reason ? { reason } : {}),
      };
      break;
    }
  }
  const parsed = OPERATIONS[operation].schema.safeParse(raw);
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] = FIELD_ERRORS[field] ?? 'Cette valeur n’est pas acceptée.';
  }
  return { ok: false, errors };
}
