/**
 * French reminder templates, the default language (docs/domain.md#who-uses-pacte): one per purpose.
 * Each says what is due or happening, when, and what the recipient must do; the renderer adds the
 * agreement, the place and the article.
 *
 * @module
 */
import type { MessageItem } from '../../../contracts/reminder-message';
import { windowPhrase } from '../../../domain/event-window';
import { eventWhen } from '../event-when';
import type { Labels, RenderContext, TemplateSet } from './types';

/** Art. 8 of the Terre Valserhône agreement: the yearly evaluation indicators. */
const INDICATORS = [
  'le nombre de participants',
  "le taux d'absentéisme",
  'le taux de refus',
  'le nombre de journées-formation stagiaires',
];

function projectSheetFields(minParticipants?: number): string[] {
  const threshold =
    minParticipants !== undefined
      ? `, au moins ${minParticipants} sauf formation réglementaire — en dessous, la fiche est signalée`
      : '';
  return [
    "l'intitulé de l'action",
    'le lieu, la période et la modalité (présentiel, à distance ou mixte)',
    `les participants : nombre et public visé${threshold}`,
    'le contexte',
    'les objectifs',
  ];
}

function meetingTodo(type: string): string[] {
  switch (type) {
    case 'pilot-review':
      return [
        'Mettez à jour le tableau de suivi mensuel avant la réunion.',
        'Signalez les actions en retard ou à arbitrer.',
      ];
    case 'steering-committee':
      return [
        "Préparez le point d'avancement de vos axes et actions, à partir du tableau de suivi mensuel à jour.",
        'Listez les décisions à soumettre au comité de pilotage.',
      ];
    case 'annual-review':
      return [
        `Préparez le bilan annuel avec les indicateurs : ${INDICATORS.join(', ')}.`,
        "Préparez les perspectives et le programme de l'année suivante.",
      ];
    default:
      return ['Préparez la réunion et confirmez votre présence.'];
  }
}

function moved(item: MessageItem, ctx: RenderContext): string[] {
  const { movedFrom, movedBecause } = item.subject;
  if (!movedFrom) return [];
  const because = movedBecause ? ` (${movedBecause}, jour non ouvré)` : ' (jour non ouvré)';
  return [`Date déplacée : initialement prévue le ${ctx.date(movedFrom)}${because}.`];
}

function projectLines(item: MessageItem, ctx: RenderContext): string[] {
  return (item.details?.projects ?? []).map((p) => `${p.title} — attendue le ${ctx.date(p.dueOn)}`);
}

function censusYear(item: MessageItem): string {
  const year = item.details?.censusYear;
  return year !== undefined ? ` ${year}` : '';
}

export const frTemplates: TemplateSet = {
  meeting: (item, ctx) => ({
    title: item.subject.title,
    when: ctx.span(item.subject.at, item.subject.endsAt),
    paragraphs: moved(item, ctx),
    todo: meetingTodo(item.subject.type),
  }),

  indicators: (item, ctx) => {
    const due = item.details?.dueOn;
    return {
      title: 'Indicateurs du bilan annuel à fournir',
      when: due ? `avant le ${ctx.date(due)}` : ctx.date(item.subject.at),
      paragraphs: [
        `Le bilan annuel « ${item.subject.title} » a lieu le ${ctx.dateTime(item.subject.at)}.`,
        "L'évaluation annuelle de la convention repose sur les indicateurs suivants :",
      ],
      list: INDICATORS.map((i) => i.charAt(0).toUpperCase() + i.slice(1)),
      todo: [
        `Transmettez ces indicateurs pour l'année écoulée aux référents${due ? ` avant le ${ctx.date(due)}` : ''}.`,
      ],
    };
  },

  'census-open': (item, ctx) => {
    const closes = item.details?.dueOn;
    return {
      title: `Recensement${censusYear(item)} des besoins de formation : ouverture`,
      when: ctx.date(item.subject.date),
      paragraphs: [
        `Le recensement${censusYear(item)} des demandes de formation s'ouvre le ${ctx.date(item.subject.date)}` +
          (closes ? ` et se clôt le ${ctx.date(closes)}.` : '.'),
        'Le CNFPT notifie ensuite les projets retenus ; chacun fera l’objet d’une fiche projet.',
      ],
      todo: [
        'Recensez les besoins de formation de vos services.',
        `Transmettez vos demandes au CNFPT${closes ? ` avant le ${ctx.date(closes)}` : ' avant la clôture'}.`,
      ],
    };
  },

  'census-deadline': (item, ctx) => ({
    title: `Recensement${censusYear(item)} : clôture`,
    when: ctx.date(item.details?.dueOn ?? item.subject.date),
    paragraphs: [
      `Le recensement${censusYear(item)} des demandes de formation se clôt le ${ctx.date(item.details?.dueOn ?? item.subject.date)}.`,
    ],
    todo: [
      `Transmettez votre réponse au recensement avant le ${ctx.date(item.details?.dueOn ?? item.subject.date)}.`,
      'Si elle est déjà partie, faites-la enregistrer par le référent pour arrêter ces rappels.',
    ],
  }),

  'renewal-window': (item, ctx) => {
    const endsOn = item.details?.dueOn;
    return {
      title: 'Renouvellement de la convention : rencontre à tenir',
      when: endsOn ? `avant le ${ctx.date(endsOn)}` : ctx.date(item.subject.date),
      paragraphs: [
        (endsOn ? `La convention arrive à échéance le ${ctx.date(endsOn)}. ` : '') +
          `La période de la rencontre préalable à son renouvellement s'ouvre le ${ctx.date(item.subject.date)}.`,
      ],
      todo: [
        "Organisez avec l'autre partie la rencontre prévue avant l'échéance pour décider du renouvellement.",
        'Une fois la rencontre tenue, faites-la enregistrer dans Pacte pour arrêter ces rappels.',
      ],
    };
  },

  'renewal-followup': (item, ctx) => {
    const endsOn = item.details?.dueOn ?? item.subject.date;
    return {
      title: 'Renouvellement : la rencontre n’a pas encore eu lieu',
      when: `avant le ${ctx.date(endsOn)}`,
      paragraphs: [
        `La convention arrive à échéance le ${ctx.date(endsOn)} et la rencontre préalable à son renouvellement n'a pas encore été enregistrée.`,
      ],
      todo: [
        "Fixez sans attendre la date de la rencontre de renouvellement avec l'autre partie.",
        'Une fois la rencontre tenue, faites-la enregistrer dans Pacte pour arrêter ces rappels.',
      ],
    };
  },

  event: (item, ctx) => ({
    title: item.subject.title,
    when: eventWhen(item, ctx, (a, b) => `du ${a} au ${b}`),
    paragraphs: moved(item, ctx),
    todo: ['Prévoyez votre participation et, le cas échéant, celle de vos équipes.'],
  }),

  'event-undated': (item, ctx) => ({
    title: `${item.subject.title} : date à fixer`,
    when: item.subject.window ? windowPhrase(item.subject.window, 'fr') : `à partir du ${ctx.date(item.subject.date)}`,
    paragraphs: [
      `L'événement « ${item.subject.title} » est prévu par la convention ${item.subject.window ? windowPhrase(item.subject.window, 'fr') : `à partir du ${ctx.date(item.subject.date)}`}, mais n'a pas encore de date précise.`,
    ],
    todo: [
      "Fixez une date avec l'autre partie.",
      'Inscrivez-la dans le fichier de la convention pour que les participants reçoivent leurs rappels.',
    ],
  }),

  'project-sheet': (item, ctx) => {
    const due = item.details?.dueOn ?? item.details?.projects?.[0]?.dueOn ?? item.subject.date;
    const projects = projectLines(item, ctx);
    return {
      title: `Fiche projet à envoyer : ${item.subject.title}`,
      when: `avant le ${ctx.date(due)}`,
      paragraphs: [
        `Le projet « ${item.subject.title} » a été retenu à l'issue du recensement ; sa fiche projet est attendue le ${ctx.date(due)} au plus tard.`,
        ...(projects.length > 1 ? [`Projets concernés : ${projects.join(' ; ')}.`] : []),
        'La fiche projet doit indiquer :',
      ],
      list: projectSheetFields(item.details?.minParticipants),
      todo: [`Envoyez la fiche projet complète aux référents avant le ${ctx.date(due)}.`],
    };
  },

  'project-sheet-escalation': (item, ctx) => ({
    title: 'Fiches projet en retard',
    when: ctx.date(item.subject.date),
    paragraphs: ["Les fiches projet suivantes n'ont pas été reçues à leur date limite :"],
    list: projectLines(item, ctx),
    todo: [
      'Relancez les chefs de projet concernés et convenez avec eux d’une nouvelle date.',
      'Sans fiche projet, l’action ne peut pas être programmée.',
    ],
  }),

  notice: (item, ctx) => {
    const effective = item.details?.noticeEffectiveOn ?? item.subject.date;
    const by = item.details?.noticeByParty;
    return {
      title: 'Dénonciation de la convention : date de fin',
      when: ctx.date(effective),
      paragraphs: [
        `${by ? `${ctx.partyName(by)} a dénoncé la convention` : 'La convention a été dénoncée'} ; la dénonciation prend effet le ${ctx.date(effective)}.`,
        'Les réunions et échéances postérieures à cette date sont annulées : vous ne recevrez plus de rappel à leur sujet.',
      ],
      todo: [
        `Les réunions et échéances prévues jusqu'au ${ctx.date(effective)} sont maintenues : continuez à les préparer.`,
      ],
    };
  },

  dispute: (item, ctx) => {
    const end = item.details?.dueOn ?? item.subject.date;
    return {
      title: 'Différend : fin de la période de règlement amiable',
      when: ctx.date(end),
      paragraphs: [
        `La période de règlement amiable du différend notifié entre les parties prend fin le ${ctx.date(end)}. Aucune juridiction ne peut être saisie avant cette date.`,
      ],
      todo: ["Poursuivez la recherche d'une solution amiable avec l'autre partie avant cette date."],
    };
  },

  'meeting-update': (item, ctx) => {
    const previous = item.details?.previousAt;
    const because = item.subject.movedBecause ? ` (${item.subject.movedBecause})` : '';
    return {
      title: `Réunion déplacée : ${item.subject.title}`,
      when: ctx.span(item.subject.at, item.subject.endsAt),
      paragraphs: [
        previous
          ? `La réunion « ${item.subject.title} » initialement prévue le ${ctx.dateTime(previous)} est déplacée au ${ctx.span(item.subject.at, item.subject.endsAt)}${because}.`
          : `La réunion « ${item.subject.title} » a changé : elle a lieu le ${ctx.span(item.subject.at, item.subject.endsAt)}${because}.`,
      ],
      todo: ['Vérifiez votre disponibilité à la nouvelle date et mettez à jour votre agenda.'],
    };
  },

  'meeting-cancel': (item, ctx) => ({
    title: `Réunion annulée : ${item.subject.title}`,
    when: ctx.span(item.subject.at, item.subject.endsAt),
    paragraphs: [`La réunion « ${item.subject.title} » prévue le ${ctx.dateTime(item.subject.at)} est annulée.`],
    todo: ["Retirez-la de votre agenda : l'annulation jointe le fait dans Outlook ou Thunderbird."],
  }),
};

export const frLabels: Labels = {
  greeting: (name) => `Bonjour ${name},`,
  colon: ' : ',
  agreement: 'Convention',
  when: 'Quand',
  where: 'Où',
  article: 'Prévu par',
  articleValue: (article) => `${article} de la convention`,
  todo: 'À faire',
  invitationAttached: "L'invitation est jointe : acceptez-la pour l'ajouter à votre agenda.",
  updatedInvitationAttached: "L'invitation mise à jour est jointe : elle remplace la précédente dans votre agenda.",
  cancellationAttached: "L'annulation est jointe : elle retire la réunion de votre agenda.",
  organizerCopyAttached: 'Vous organisez cette réunion : elle est jointe pour votre agenda, sans réponse à donner.',
  groupedSubject: (count, title, day) => `${count} rappels – ${title} – ${day}`,
  groupedIntro: (count, day) => `Voici les ${count} rappels du ${day} :`,
  footer:
    'Message envoyé automatiquement par Pacte, le calendrier de gouvernance de la convention. ' +
    'Seuls vos nom et adresse électronique sont utilisés pour ces rappels.',
};
