/**
 * What each kind's source agreement says about itself and its obligations (the real agreements
 * in docs/domain.md): its name, the articles behind its clauses, the form of notice, the purpose
 * of the renewal meeting, what each default meeting must prepare and the indicators to provide.
 * `applyDefaults` fills them in where the file is silent; nothing here that no source says.
 *
 * Pure data, one entry per kind and language.
 *
 * @module
 */
import type { AgreementKind, Articles, DocumentName, Locale } from './agreement';

export interface KindSources {
  document: DocumentName;
  articles: Articles;
  noticeForm?: string;
  renewalAgenda?: string;
  /** Per default meeting type: what the attendees prepare, the indicators and their article. */
  meetings: Record<string, { prepare?: string[]; indicators?: string[]; indicatorsArticle?: string }>;
}

const FR: Record<AgreementKind, KindSources> = {
  // Convention cadre Terre Valserhône (model of 31 January 2024).
  'convention-cadre': {
    document: { name: 'convention', gender: 'feminine' },
    articles: { notice: 'art. 12', renewal: 'art. 12', amendment: 'art. 13', dispute: 'art. 14' },
    noticeForm: 'lettre recommandée avec accusé de réception',
    renewalAgenda:
      'dresser un bilan de l’exécution de la collaboration et de discuter de la conclusion d’une nouvelle convention et de ses modalités',
    meetings: {
      // Art. 7: what the yearly meeting is for; art. 8: the information the evaluation relies on.
      'annual-review': {
        prepare: [
          'Préparez l’examen et l’évaluation de la qualité et de l’efficacité des actions menées.',
          'Identifiez les projets prioritaires à accompagner et préparez la validation du programme annuel des actions.',
          'Listez les ajustements à apporter à la convention et les difficultés de mise en œuvre à régler.',
        ],
        indicators: [
          'les bilans et évaluations des stagiaires faits à partir de l’outil Applicrea',
          'le nombre de participants, le taux d’absentéisme et le taux de refus',
          'le nombre de jours de formation stagiaires réalisés',
        ],
        indicatorsArticle: 'art. 8',
      },
    },
  },
  // COT Seine-et-Marne 2010: art. 5 (yearly progress report), art. 6 (term, amendments), annex 3.
  cot: {
    document: { name: 'contrat', gender: 'masculine' },
    articles: { amendment: 'art. 6' },
    meetings: {
      'pilot-review': {
        prepare: [
          'Mettez à jour le tableau de suivi mensuel avant la réunion.',
          'Signalez aux référents les actions en retard ou à arbitrer.',
        ],
      },
      'steering-committee': {
        prepare: [
          'Préparez le point d’avancement de vos axes et projets à partir du tableau de suivi mensuel à jour.',
          'Listez les décisions à soumettre au comité de pilotage.',
        ],
      },
      'annual-review': {
        prepare: [
          'Préparez le bilan d’avancée du contrat, qui sera présenté aux instances des deux partenaires.',
          'Rassemblez le bilan de chaque axe et de chaque projet auprès des pilotes et des chefs de projet.',
        ],
      },
    },
  },
  // Plan d'action Vaucluse 2024: dated events only, no clause on notice, renewal or disputes.
  'plan-action': {
    document: { name: 'plan d’action', gender: 'masculine' },
    articles: {},
    meetings: {},
  },
  // Schéma des CDG de Bretagne: « un programme fixé et évalué par les président.e.s sur
  // propositions des directeurs.trices »; no numbered articles.
  'schema-cooperation': {
    document: { name: 'schéma', gender: 'masculine' },
    articles: {},
    meetings: {
      'annual-review': {
        prepare: [
          'Préparez les propositions des directeurs et directrices pour le programme annuel de coopération.',
          'Préparez l’évaluation du programme de l’année écoulée par les présidents, qui fixent le nouveau programme.',
        ],
      },
    },
  },
};

const EN: Record<AgreementKind, KindSources> = {
  'convention-cadre': {
    document: { name: 'agreement', gender: 'feminine' },
    articles: FR['convention-cadre'].articles,
    noticeForm: 'registered letter with acknowledgement of receipt',
    renewalAgenda: 'review how the collaboration was carried out and discuss a new agreement and its terms',
    meetings: {
      'annual-review': {
        prepare: [
          'Prepare the review and evaluation of the quality and effectiveness of the actions carried out.',
          'Identify the priority projects to support and prepare the approval of the annual programme of actions.',
          'List the adjustments to make to the agreement and the implementation difficulties to settle.',
        ],
        indicators: [
          'the trainees’ reviews and evaluations made with the Applicrea tool',
          'the number of participants, the absenteeism rate and the refusal rate',
          'the number of trainee training days delivered',
        ],
        indicatorsArticle: 'art. 8',
      },
    },
  },
  cot: {
    document: { name: 'contract', gender: 'masculine' },
    articles: FR.cot.articles,
    meetings: {
      'pilot-review': {
        prepare: [
          'Update the monthly tracking table before the meeting.',
          'Tell the referents which actions are late or need a decision.',
        ],
      },
      'steering-committee': {
        prepare: [
          'Prepare the progress report of your axes and projects from the up-to-date monthly tracking table.',
          'List the decisions to submit to the steering committee.',
        ],
      },
      'annual-review': {
        prepare: [
          'Prepare the progress report of the contract, to be presented to both partners’ governing bodies.',
          'Gather the report of each axis and project from the pilots and project leads.',
        ],
      },
    },
  },
  'plan-action': { document: { name: 'action plan', gender: 'masculine' }, articles: {}, meetings: {} },
  'schema-cooperation': {
    document: { name: 'scheme', gender: 'masculine' },
    articles: {},
    meetings: {
      'annual-review': {
        prepare: [
          'Prepare the directors’ proposals for the annual cooperation programme.',
          'Prepare the presidents’ evaluation of the past year’s programme; they set the new one.',
        ],
      },
    },
  },
};

export const KIND_SOURCES: Record<Locale, Record<AgreementKind, KindSources>> = { fr: FR, en: EN };
