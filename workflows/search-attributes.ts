/**
 * Pacte's custom search attributes (DOMAIN.md §7): what administrators filter on in the
 * Temporal Web UI and what `pacte list` reads. No personal data here: search attributes are
 * stored in clear, outside the payload codec.
 *
 * @module
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const AgreementId = defineSearchAttributeKey('AgreementId', SearchAttributeType.KEYWORD);
export const AgreementKind = defineSearchAttributeKey('AgreementKind', SearchAttributeType.KEYWORD);
export const AgreementPhase = defineSearchAttributeKey('AgreementPhase', SearchAttributeType.KEYWORD);
export const AgreementEndsOn = defineSearchAttributeKey('AgreementEndsOn', SearchAttributeType.DATETIME);
export const NextDeadline = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);
export const Parties = defineSearchAttributeKey('Parties', SearchAttributeType.KEYWORD_LIST);

/** Every key, for registering them on a server (dev server flags, operator service). */
export const PACTE_SEARCH_ATTRIBUTES = [AgreementId, AgreementKind, AgreementPhase, AgreementEndsOn, NextDeadline, Parties];
