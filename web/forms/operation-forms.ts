/**
 * One web form per operation coordinators record (docs/domain.md#what-coordinators-record), in
 * French, addressed by the slug the `pacte` command uses (`census-answer`, `submit-sheet`…): the
 * fields, their labels and hints, and the operation (update + schema) the form sends. The fields
 * are those of the operation's input in domain/operations.ts, nothing more: `recordedBy` is set by
 * the server from the signed-in account, never read from the form.
 *
 * `amend` and `renew` take a whole agreement file: their page reads it (upload or paste) and
 * shows what it changes before it is sent (web/forms/agreement-source.ts, plan-changes.ts).
 *
 * @module
 */
import type { OPERATIONS } from '../../contracts/operations';
import {
  axisChoices,
  censusYearChoices,
  indicatorsChoices,
  meetingOccurrenceChoices,
  partyChoices,
  personChoices,
  sheetProjectChoices,
  type FormContext,
} from './form-choices';
import type { FormItem } from './form-types';
import { uniqueId } from './generated-ids';

export type OperationKey = keyof typeof OPERATIONS;

export interface OperationForm {
  slug: string;
  operation: OperationKey;
  /** The page's title and heading. */
  title: string;
  /** What recording it does, in one or two sentences. */
  intro: string;
  /** The form takes an agreement file (upload or paste) besides its fields. */
  agreementFile?: 'amendment' | 'successor';
  /** Label of the submit button. */
  submit: string;
  items: FormItem[];
  /** When the input's shape is not the form's (a person handed over is `person: {id, name, email}`). */
  reshape?: (fields: Record<string, unknown>) => Record<string, unknown>;
  /** Input paths shown on another control than their own (`person.id` on `newPersonId`). */
  aliases?: Readonly<Record<string, string>>;
}

const NBSP = '\u00a0';
const TODAY_HINT = 'Laissez vide pour aujourd’hui.';

const date = (name: string, label: string, ctx: FormContext): FormItem => ({
  name,
  kind: 'date',
  label,
  hint: TODAY_HINT,
  max: ctx.today,
});

const censusYear = {
  name: 'year',
  kind: 'select',
  label: 'Année du recensement',
  required: true,
  numeric: true,
} as const;

type Builder = (ctx: FormContext) => Omit<OperationForm, 'slug'>;

const BUILDERS: Record<string, Builder> = {
  'census-answer': (ctx) => ({
    operation: 'recordCensusAnswer',
    title: 'Réponse au recensement',
    intro: `La collectivité a répondu au recensement annuel des demandes de formation (art.${NBSP}9)${NBSP}: les relances de ce recensement s’arrêtent.`,
    submit: 'Enregistrer la réponse',
    items: [{ ...censusYear, options: censusYearChoices(ctx) }, date('answeredOn', 'Date de la réponse', ctx)],
  }),
  'retain-projects': (ctx) => ({
    operation: 'notifyRetainedProjects',
    title: 'Projets retenus',
    intro: `Les projets retenus après le recensement (art.${NBSP}9)${NBSP}: une fiche projet est ensuite attendue pour chacun, de ses chefs de projet.`,
    submit: 'Enregistrer les projets retenus',
    reshape: (fields) => withProjectIds(fields, projectIdsOf(ctx)),
    items: [
      { ...censusYear, options: censusYearChoices(ctx) },
      date('notifiedOn', 'Date de la notification', ctx),
      {
        name: 'projects',
        kind: 'group',
        label: 'Projet retenu',
        heading: 'Projets retenus',
        hint: 'Au moins un projet. Les lignes laissées vides à la fin ne sont pas envoyées.',
        rows: Math.max(3, ctx.agreement.axes.flatMap((a) => a.projects).length),
        fields: [
          { name: 'title', kind: 'text', label: 'Intitulé', required: true },
          {
            name: 'id',
            kind: 'text',
            label: 'Nom court',
            hint: 'Formé à partir de l’intitulé si vous le laissez vide. Il désigne le projet dans les liens des rappels.',
          },
          {
            name: 'leads',
            kind: 'select-multiple',
            label: 'Chefs de projet',
            hint: 'Cochez une ou plusieurs personnes.',
            required: true,
            options: personChoices(ctx),
          },
        ],
      },
    ],
  }),
  'submit-sheet': (ctx) => ({
    operation: 'submitProjectSheet',
    title: 'Fiche projet reçue',
    intro: `La fiche projet d’un projet retenu est arrivée (art.${NBSP}9)${NBSP}: ses relances s’arrêtent.`,
    submit: 'Enregistrer la fiche',
    items: [
      { name: 'projectId', kind: 'select', label: 'Projet', required: true, options: sheetProjectChoices(ctx) },
      { name: 'label', kind: 'text', label: 'Intitulé de la formation', required: true },
      { name: 'place', kind: 'text', label: 'Lieu', required: true },
      {
        name: 'period',
        kind: 'text',
        label: 'Période',
        hint: 'Par exemple «\u00a0octobre 2026\u00a0».',
        required: true,
      },
      {
        name: 'mode',
        kind: 'select',
        label: 'Modalité',
        required: true,
        options: [
          { value: 'presentiel', label: 'En présentiel' },
          { value: 'distance', label: 'À distance' },
          { value: 'mixte', label: 'Mixte' },
        ],
      },
      { name: 'participants', kind: 'number', label: 'Nombre de participants prévus', required: true },
      {
        name: 'regulated',
        kind: 'checkbox',
        label: 'Formation réglementée',
        hint: 'Une formation réglementée n’est pas soumise au nombre minimum de participants.',
      },
      { name: 'context', kind: 'textarea', label: 'Contexte', required: true },
      { name: 'objectives', kind: 'textarea', label: 'Objectifs', required: true },
      date('submittedOn', 'Date de réception', ctx),
    ],
  }),
  'meeting-held': (ctx) => ({
    operation: 'recordMeeting',
    title: 'Réunion tenue',
    intro: 'Une réunion prévue au calendrier a eu lieu.',
    submit: 'Enregistrer la réunion',
    items: [
      {
        name: 'entryId',
        kind: 'select',
        label: 'Réunion',
        hint: 'Les réunions passées qui ne sont pas encore enregistrées.',
        required: true,
        options: meetingOccurrenceChoices(ctx),
      },
      date('heldOn', 'Date de la réunion', ctx),
      { name: 'minutesUrl', kind: 'url', label: 'Lien vers le compte rendu', hint: 'Une adresse https://…' },
      {
        name: 'trackingTable',
        kind: 'select',
        label: 'Tableau de suivi',
        options: [
          { value: 'up-to-date', label: 'À jour' },
          { value: 'late', label: 'En retard' },
          { value: 'not-applicable', label: 'Sans objet' },
        ],
      },
      // COT (annex 3): the pilots and project leads of these axes only are told the table is late.
      ...(ctx.agreement.axes.length > 0
        ? [
            {
              name: 'axes',
              kind: 'select-multiple' as const,
              label: 'Axes dont le tableau de suivi est en retard',
              hint: 'Leurs pilotes et chefs de projet sont prévenus\u00a0; sans axe, les pilotes seuls.',
              options: axisChoices(ctx),
            },
          ]
        : []),
    ],
  }),
  'indicators-sent': (ctx) => ({
    operation: 'recordIndicators',
    title: 'Indicateurs envoyés',
    intro: `Les indicateurs d’évaluation attendus avant une réunion (art.${NBSP}8) ont été transmis${NBSP}: leurs relances s’arrêtent, pas celles de la réunion.`,
    submit: 'Enregistrer l’envoi',
    items: [
      {
        name: 'entryId',
        kind: 'select',
        label: 'Réunion',
        hint: 'La réunion que les indicateurs préparent.',
        required: true,
        options: indicatorsChoices(ctx),
      },
      date('sentOn', 'Date de l’envoi', ctx),
      { name: 'url', kind: 'url', label: 'Lien vers les indicateurs', hint: 'Une adresse https://…' },
    ],
  }),
  amend: () => ({
    operation: 'amendAgreement',
    title: 'Avenant',
    intro: `Le fichier complet de la convention modifiée, même identifiant (art.${NBSP}13)${NBSP}: les changements du calendrier sont montrés avant confirmation.`,
    agreementFile: 'amendment',
    submit: 'Voir les changements',
    items: [{ name: 'summary', kind: 'text', label: 'Ce que change l’avenant' }],
  }),
  'give-notice': (ctx) => ({
    operation: 'giveNotice',
    title: 'Dénonciation',
    intro: `Une partie dénonce la convention (art.${NBSP}12)${NBSP}: elle prend fin après le préavis.`,
    submit: 'Enregistrer la dénonciation',
    items: [
      { name: 'byParty', kind: 'select', label: 'Partie qui dénonce', required: true, options: partyChoices(ctx) },
      date('givenOn', 'Date de la dénonciation', ctx),
    ],
  }),
  'renewal-meeting': (ctx) => ({
    operation: 'recordRenewalMeeting',
    title: 'Rencontre de renouvellement',
    intro: `La rencontre tenue dans les douze mois avant l’échéance (art.${NBSP}12)${NBSP}: les relances de renouvellement s’arrêtent.`,
    submit: 'Enregistrer la rencontre',
    items: [date('heldOn', 'Date de la rencontre', ctx)],
  }),
  renew: () => ({
    operation: 'renewAgreement',
    title: 'Renouvellement',
    intro: `Le fichier de la convention qui succède à celle-ci, avec son propre identifiant${NBSP}: son cycle de vie démarre à son tour.`,
    agreementFile: 'successor',
    submit: 'Voir le calendrier',
    items: [{ name: 'summary', kind: 'text', label: 'Note sur le renouvellement' }],
  }),
  dispute: (ctx) => ({
    operation: 'recordDispute',
    title: 'Différend',
    intro: `Une partie notifie un différend (art.${NBSP}14)${NBSP}: deux mois de règlement amiable avant toute juridiction.`,
    submit: 'Enregistrer le différend',
    items: [
      { name: 'byParty', kind: 'select', label: 'Partie qui notifie', required: true, options: partyChoices(ctx) },
      date('notifiedOn', 'Date de la notification', ctx),
      { name: 'subject', kind: 'textarea', label: 'Objet du différend' },
    ],
  }),
  'change-person': (ctx) => ({
    operation: 'changePerson',
    title: 'Changement de personne',
    intro: `Une personne change de coordonnées, quitte la convention ou passe la main, à partir d’une date${NBSP}: les invitations et les rappels suivent, sans réécrire le fichier.`,
    submit: 'Enregistrer le changement',
    reshape: (fields) => personChangeInput(fields, new Set(ctx.agreement.people.map((p) => p.id))),
    aliases: { 'person.id': 'name', 'person.name': 'name', 'person.email': 'email', person: 'name' },
    items: [
      {
        name: 'change',
        kind: 'select',
        label: 'Changement',
        required: true,
        options: [
          { value: 'replace', label: 'Nouvelles coordonnées (nom ou adresse électronique)' },
          { value: 'remove', label: 'Départ (ses rôles sont retirés)' },
          { value: 'add', label: 'Passation à une nouvelle personne (qui reprend tous ses rôles)' },
        ],
      },
      { name: 'personId', kind: 'select', label: 'Personne concernée', required: true, options: personChoices(ctx) },
      {
        name: 'name',
        kind: 'text',
        label: 'Nom',
        hint: 'Le nouveau nom, ou celui de la nouvelle personne (passation).',
      },
      {
        name: 'email',
        kind: 'email',
        label: 'Adresse électronique',
        hint: 'La nouvelle adresse, ou celle de la nouvelle personne (passation).',
      },
      {
        name: 'effectiveOn',
        kind: 'date',
        label: 'À partir du',
        hint: 'Laissez vide pour aujourd’hui. Une date à venir prend effet ce jour-là.',
      },
    ],
  }),
};

/** Every project id the agreement knows: planned in its axes, or retained (sheets awaited or received). */
function projectIdsOf({ agreement, view }: FormContext): Set<string> {
  const sheets = view ? [...view.pendingSheets, ...view.overdueSheets, ...(view.submittedSheets ?? [])] : [];
  return new Set([...agreement.axes.flatMap((a) => a.projects.map((p) => p.id)), ...sheets.map((s) => s.projectId)]);
}

/**
 * Retained projects with their ids: one left empty is made from the project's title, unique
 * among the agreement's projects (`taken`) and the other rows.
 */
export function withProjectIds(fields: Record<string, unknown>, taken: ReadonlySet<string>): Record<string, unknown> {
  if (!Array.isArray(fields.projects)) return fields;
  const rows = fields.projects as Record<string, unknown>[];
  const used = new Set([...taken, ...rows.map((r) => r.id).filter((id): id is string => typeof id === 'string')]);
  const projects = rows.map((row) => {
    if (row.id !== undefined || typeof row.title !== 'string') return row;
    const id = uniqueId(row.title, 'projet', used);
    if (!id) return row;
    used.add(id);
    return { id, ...row };
  });
  return { ...fields, projects };
}

/**
 * A change of person's input from the form's flat fields: `replace` takes the new name and
 * e-mail, `remove` nothing more, `add` (a handover) the new person's name and e-mail, and an id
 * made from the name, unique among the agreement's people (`taken`).
 * Fields that do not belong to the change chosen are dropped, not refused.
 */
export function personChangeInput(
  fields: Record<string, unknown>,
  taken: ReadonlySet<string> = new Set(),
): Record<string, unknown> {
  const { change, personId, effectiveOn, name, email } = fields;
  const common = { change, personId, ...(effectiveOn !== undefined ? { effectiveOn } : {}) };
  if (change === 'remove') return common;
  if (change === 'add') {
    const id = typeof name === 'string' ? uniqueId(name, 'personne', taken) || undefined : undefined;
    const person = Object.fromEntries(Object.entries({ id, name, email }).filter(([, v]) => v !== undefined));
    return { ...common, person };
  }
  return { ...common, ...(name !== undefined ? { name } : {}), ...(email !== undefined ? { email } : {}) };
}

/** The slugs, in the order the agreement page lists them. */
export const OPERATION_SLUGS = Object.keys(BUILDERS);

/** The form of `slug` for one agreement, or undefined for an unknown slug. */
export function operationForm(slug: string, ctx: FormContext): OperationForm | undefined {
  const build = Object.hasOwn(BUILDERS, slug) ? BUILDERS[slug] : undefined;
  return build ? { slug, ...build(ctx) } : undefined;
}
