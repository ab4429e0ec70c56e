/**
 * Pacte's custom search attributes (docs/contracts.md#search-attributes): what administrators
 * filter on in the Temporal Web UI and what `pacte list` reads. No personal data here: search
 * attributes are stored in clear, outside the payload codec.
 *
 * @module
 */
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';
import type { Agreement } from '../domain/agreement';

export const AgreementId = defineSearchAttributeKey('AgreementId', SearchAttributeType.KEYWORD);
export const AgreementKind = defineSearchAttributeKey('AgreementKind', SearchAttributeType.KEYWORD);
export const AgreementPhase = defineSearchAttributeKey('AgreementPhase', SearchAttributeType.KEYWORD);
export const AgreementEndsOn = defineSearchAttributeKey('AgreementEndsOn', SearchAttributeType.DATETIME);
export const NextDeadline = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);
export const Parties = defineSearchAttributeKey('Parties', SearchAttributeType.KEYWORD_LIST);

/** Every key, for registering them on a server (dev server flags, operator service). */
export const PACTE_SEARCH_ATTRIBUTES = [
  AgreementId,
  AgreementKind,
  AgreementPhase,
  AgreementEndsOn,
  NextDeadline,
  Parties,
];

/** Local date → the instant Temporal stores for a Datetime attribute (midnight UTC of that date). */
function dateAttribute(localDate: string): Date {
  return new Date(`${localDate}T00:00:00.000Z`);
}

/** The attributes a lifecycle carries from its start: ids, kind, end date, parties (ids only). */
export function agreementSearchAttributes(agreement: Agreement, phase: string): SearchAttributePair[] {
  return [
    { key: AgreementId, value: agreement.id },
    { key: AgreementKind, value: agreement.kind },
    { key: AgreementPhase, value: phase },
    { key: AgreementEndsOn, value: dateAttribute(agreement.term.endsOn) },
    { key: Parties, value: agreement.parties.map((p) => p.id) },
  ];
}
