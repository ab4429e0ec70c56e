/**
 * The French words of the web pages for codes of the domain: kinds of agreement, phases, roles,
 * kinds of item. Typography: non-breaking spaces where French wants them.
 *
 * @module
 */
import type { AgreementKind, Role } from '../../domain/agreement';
import type { Phase } from '../../contracts/lifecycle-state';

export const KIND_LABELS: Record<AgreementKind, string> = {
  'convention-cadre': 'Convention cadre',
  cot: 'Contrat d’objectifs territorialisés',
  'plan-action': 'Plan d’action',
  'schema-cooperation': 'Schéma de coopération',
};

export const PHASE_LABELS: Record<Phase, string> = {
  active: 'En cours',
  'renewal-window': 'Période de renouvellement ouverte',
  'notice-given': 'Préavis donné',
  terminated: 'Dénoncée',
  expired: 'Arrivée à échéance',
  renewed: 'Renouvelée',
};

export const ROLE_LABELS: Record<Role, string> = {
  referent: 'référent',
  pilot: 'pilote d’axe',
  'project-lead': 'chef de projet',
  committee: 'membre du comité de pilotage',
  'training-contact': 'responsable formation',
  signatory: 'signataire',
};

/** What « Mes échéances » lists, and what its « type » filter offers. */
export const ITEM_KINDS = ['meeting', 'census', 'sheet', 'indicators', 'renewal', 'event', 'term'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_KIND_LABELS: Record<ItemKind, string> = {
  meeting: 'Réunion',
  census: 'Recensement',
  sheet: 'Fiche projet',
  indicators: 'Indicateurs',
  renewal: 'Renouvellement',
  event: 'Événement',
  term: 'Échéance de l’accord',
};

/** The kind of item a calendar entry is, from its type (a meeting key or a built-in type). */
export function itemKindOf(type: string): ItemKind {
  switch (type) {
    case 'census-open':
    case 'census-deadline':
      return 'census';
    case 'renewal-window':
      return 'renewal';
    case 'expiry':
      return 'term';
    case 'event':
      return 'event';
    default:
      return 'meeting';
  }
}

const NBSP = '\u00a0';
/** « : » with the non-breaking space French puts before it. */
export const COLON = `${NBSP}:`;
/** « texte » with non-breaking spaces inside. */
export function quoted(text: string): string {
  return `«${NBSP}${text}${NBSP}»`;
}

/** A planner title (« Échéance de l'accord ») with the one apostrophe French pages use (’), as e-mails set it. */
export function curly(text: string): string {
  return text.replace(/'/g, '’');
}
