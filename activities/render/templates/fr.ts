/**
 * The French words of the reminders, the default language (docs/domain.md#who-uses-pacte); the
 * sentences' structure is in `skeleton.ts`, shared with every language.
 *
 * @module
 */
import { partyAsSubject } from './party-subject';
import { templatesIn } from './skeleton';
import type { Labels, TemplateSet } from './types';
import type { Words } from './words';

export const frWords: Words = {
  locale: 'fr',
  indicatorNames: [
    'les bilans et évaluations des stagiaires faits à partir de l’outil Applicrea',
    'le nombre de participants, le taux d’absentéisme et le taux de refus',
    'le nombre de jours de formation stagiaires réalisés',
  ],
  // Art. 9, field by field: « une fiche projet précisant notamment : … ».
  sheetFields: (minParticipants) => [
    'le libellé de l’action',
    'les modalités d’organisation envisagées : lieu, période, présentiel, à distance ou présentiel et à distance',
    `le nombre de participants concernés${
      minParticipants !== undefined
        ? `, avec pour objectif d’aboutir à un groupe d’au moins ${minParticipants} (hors formations réglementées)`
        : ''
    }`,
    'le contexte de la demande',
    'les objectifs poursuivis',
  ],
  meetingTodo: (type, indicators) => {
    switch (type) {
      case 'pilot-review':
        return [
          'Mettez à jour le tableau de suivi mensuel avant la réunion.',
          'Signalez les actions en retard ou à arbitrer.',
        ];
      case 'steering-committee':
        return [
          'Préparez le point d’avancement de vos axes et actions, à partir du tableau de suivi mensuel à jour.',
          'Listez les décisions à soumettre au comité de pilotage.',
        ];
      case 'annual-review':
        return [
          `Préparez le bilan annuel avec les indicateurs : ${indicators}.`,
          'Préparez les perspectives et le programme de l’année suivante.',
        ];
      default:
        return ['Préparez la réunion et confirmez votre présence.'];
    }
  },
  movedFrom: (date, because) =>
    `Date déplacée : initialement prévue le ${date}${because ? ` (${because}, jour non ouvré)` : ' (jour non ouvré)'}.`,
  projectLine: (title, due, responsible) =>
    `${title} — attendue le ${due}` +
    (responsible?.length
      ? ` — ${responsible.length > 1 ? 'responsables' : 'responsable'} : ${responsible.join(', ')}`
      : ''),
  now: 'dès maintenant',
  by: (date) => `au plus tard le ${date}`,
  range: (first, last) => `du ${first} au ${last}`,

  indicators: {
    title: 'Indicateurs du bilan annuel à fournir',
    meeting: (title, at) => `Le bilan annuel sera dressé lors de la réunion « ${title} » du ${at}.`,
    basis: (d) =>
      `Pour évaluer chaque année les actions menées au titre ${d.ofThe}, les parties s’appuient notamment sur :`,
    todo: (year, due) =>
      `Transmettez ces éléments pour l’année ${year} aux référents${due ? ` au plus tard le ${due}` : ''}.`,
  },
  censusOpen: {
    title: (year) => `Recensement${year} des demandes de formation : ouverture`,
    opens: (year, on, closes) =>
      `Le recensement${year} des demandes de formation s’ouvre le ${on}` + (closes ? ` et se clôt le ${closes}.` : '.'),
    next: 'Le CNFPT notifie ensuite les projets retenus ; chacun fera l’objet d’une fiche projet.',
    todo: (closes) => [
      'Recensez les demandes de formation de vos services.',
      `Transmettez vos demandes au CNFPT${closes ? ` au plus tard le ${closes}` : ' avant la clôture'}.`,
    ],
  },
  censusAfterTerm: (year, endsOn, d) =>
    `${d.The} arrive à échéance le ${endsOn} : le programme${year} ne sera mis en œuvre que sous réserve du renouvellement ${d.ofThe}.`,
  censusDeadline: {
    title: (year) => `Recensement${year} : clôture`,
    closes: (year, on) => `Le recensement${year} des demandes de formation se clôt le ${on}.`,
    todo: (on) => [
      `Transmettez votre réponse au recensement au plus tard le ${on}.`,
      'Si vous l’avez déjà envoyée, demandez au référent de l’enregistrer pour arrêter ces rappels.',
    ],
  },
  censusLaunch: {
    title: (year) => `Recensement${year} des demandes de formation : à lancer`,
    opens: (year, on, closes) =>
      `Le recensement${year} des demandes de formation, organisé par le CNFPT, s’ouvre le ${on}` +
      (closes ? ` et se clôt le ${closes}.` : '.'),
    todo: [
      'Lancez le recensement auprès de l’autre partie et rappelez-lui la date de clôture.',
      'Une fois sa réponse reçue, faites-la enregistrer dans Pacte pour arrêter les rappels de clôture.',
    ],
  },
  censusRetained: {
    title: (year) => `Recensement${year} clos : projets retenus à notifier`,
    closed: (year, on) => `Le recensement${year} des demandes de formation s’est clos le ${on}.`,
    todo: (year) => [
      `Après échange avec l’autre partie, notifiez-lui la liste des projets retenus au titre de l’année${year}.`,
      'Enregistrez dans Pacte les projets retenus et leurs chefs de projet : chacun recevra aussitôt ce que sa fiche projet doit indiquer.',
    ],
  },
  renewalWindow: {
    title: (d) => `Renouvellement ${d.ofThe} : rencontre à tenir`,
    before: (endsOn) => `avant le ${endsOn}`,
    opens: (on, endsOn, d) =>
      (endsOn ? `${d.The} arrive à échéance le ${endsOn}. ` : '') +
      `Les parties doivent se rencontrer avant cette échéance, à partir du ${on}.`,
    agenda: (agenda) => `Cette rencontre a pour objet de ${agenda}.`,
    todo: [
      'Organisez avec l’autre partie la rencontre prévue avant l’échéance pour décider du renouvellement.',
      'Une fois la rencontre tenue, faites-la enregistrer dans Pacte pour arrêter ces rappels.',
    ],
  },
  renewalFollowup: {
    title: 'Renouvellement : la rencontre n’a pas encore eu lieu',
    before: (endsOn) => `avant le ${endsOn}`,
    late: (endsOn, d) =>
      `${d.The} arrive à échéance le ${endsOn} et la rencontre préalable à son renouvellement n’a pas encore été enregistrée.`,
    todo: [
      'Fixez sans attendre la date de la rencontre de renouvellement avec l’autre partie.',
      'Une fois la rencontre tenue, faites-la enregistrer dans Pacte pour arrêter ces rappels.',
    ],
  },
  event: { todo: ['Prévoyez votre participation et, le cas échéant, celle de vos équipes.'] },
  eventUndated: {
    title: (title) => `${title} : date à fixer`,
    from: (date) => `à partir du ${date}`,
    fromInSentence: (date) => `à partir du ${date}`,
    planned: (title, when, d) =>
      `L’événement « ${title} » est prévu par ${d.the} ${when}, mais n’a pas encore de date précise.`,
    todo: (d) => [
      'Fixez une date avec l’autre partie.',
      `Inscrivez-la dans le fichier ${d.ofThe} dans Pacte pour que les participants reçoivent leurs rappels.`,
    ],
  },
  projectSheet: {
    title: (title) => `Fiche projet à envoyer : ${title}`,
    retained: (title, due) =>
      `Le projet « ${title} » a été retenu à l’issue du recensement ; sa fiche projet est attendue au plus tard le ${due}.`,
    concerned: (projects) => `Projets concernés : ${projects.join(' ; ')}.`,
    mustState: 'La fiche projet doit indiquer :',
    template: (template) => `Utilisez le modèle de fiche projet : ${template}.`,
    todo: (due, toCnfpt) =>
      `Envoyez la fiche projet complète ${toCnfpt ? 'au CNFPT' : 'aux référents'} au plus tard le ${due}.`,
  },
  meetingFollowUp: {
    title: (title) => `Suivi de réunion : ${title}`,
    notRecorded: (title, at) => `La réunion « ${title} » du ${at} n’a pas été enregistrée comme tenue.`,
    noMinutes: (title, heldOn) =>
      `La réunion « ${title} », tenue le ${heldOn}, a été enregistrée sans son compte rendu.`,
    todoNotRecorded: [
      'Si la réunion a eu lieu, faites-la enregistrer dans Pacte avec le lien de son compte rendu.',
      'Sinon, convenez d’une nouvelle date avec les participants.',
    ],
    todoNoMinutes: ['Partagez le compte rendu avec les participants et faites enregistrer son lien dans Pacte.'],
  },
  trackingTable: {
    title: (title) => `Tableau de suivi en retard : ${title}`,
    late: (title, at) => `Lors de la réunion « ${title} » du ${at}, le tableau de suivi a été signalé en retard.`,
    todo: [
      'Mettez à jour le tableau de suivi de vos axes et de vos projets.',
      'Transmettez-le aux référents avant la prochaine réunion de suivi.',
    ],
  },
  trackingAxis: {
    axis: (title, pilots) =>
      `Axe « ${title} »` +
      (pilots.length > 0 ? `, ${pilots.length > 1 ? 'pilotes' : 'pilote'} : ${pilots.join(', ')}.` : '.'),
    projects: (titles) => `${titles.length > 1 ? 'Projets de l’axe' : 'Projet de l’axe'} : ${titles.join(' ; ')}.`,
  },
  leadsReport: {
    title: (title) => `Tableau de suivi à mettre à jour avant la réunion : ${title}`,
    before: (title, at) => `La réunion « ${title} » a lieu le ${at}.`,
    todo: [
      'Mettez à jour l’avancement de vos projets dans le tableau de suivi de votre axe.',
      'Restituez vos travaux à vos pilotes avant la réunion.',
    ],
  },
  belowMinimum: {
    title: (title) => `Fiche projet sous le seuil de participants : ${title}`,
    under: (title, participants, minimum) =>
      `La fiche projet « ${title} » prévoit ${participants} participant${participants > 1 ? 's' : ''}` +
      (minimum !== undefined
        ? `, en dessous du groupe d’au moins ${minimum} attendu hors formations réglementées.`
        : '.'),
    responsible: (names) => `${names.length > 1 ? 'Chefs de projet' : 'Chef de projet'} : ${names.join(', ')}.`,
    todo: [
      'Examinez avec le chef de projet comment constituer un groupe suffisant, ou s’il s’agit d’une formation réglementée.',
      'Convenez ensemble de la suite à donner au projet.',
    ],
  },
  escalation: {
    title: 'Fiches projet en retard',
    intro: 'Les fiches projet suivantes n’ont pas été reçues à leur date limite :',
    todo: [
      'Relancez les chefs de projet concernés et convenez avec eux d’une nouvelle date.',
      'Sans fiche projet, l’action ne peut pas être programmée.',
    ],
  },
  notice: {
    title: (d) => `Dénonciation ${d.ofThe} : date de fin`,
    givenBy: (party, effective, d) =>
      `${party ? `${partyAsSubject(party)} a dénoncé ${d.the}` : `${d.The} a été dénoncé${d.feminine ? 'e' : ''}`} ; la dénonciation prend effet le ${effective}.`,
    terms: (period, form, d) =>
      period
        ? `${d.The} prévoit un préavis de ${period}${form ? `, notifié par ${form}` : ''}.`
        : `${d.The} ne prévoit pas de préavis : la dénonciation prend effet le jour où elle est donnée.`,
    after:
      'Les réunions et échéances postérieures à cette date sont annulées : vous ne recevrez plus de rappel à leur sujet.',
    until: (effective) =>
      `Les réunions et échéances prévues jusqu’au ${effective} sont maintenues : continuez à les préparer.`,
  },
  dispute: {
    title: 'Différend : fin de la période de règlement amiable',
    notified: (on, subject) =>
      `${subject ? `Objet du différend : ${subject}. ` : ''}` +
      `Le différend a été notifié par écrit à l’autre partie${on ? ` le ${on}` : ''}.`,
    ends: (lastDay, courtFrom) =>
      `La période de règlement amiable court jusqu’au ${lastDay} inclus : une juridiction peut être saisie à partir du ${courtFrom}.`,
    todo: 'Poursuivez la recherche d’une solution amiable avec l’autre partie d’ici là.',
  },
  meetingUpdate: {
    title: (title) => `Réunion déplacée : ${title}`,
    moved: (title, previous, now, because) =>
      `La réunion « ${title} » initialement prévue le ${previous} est déplacée au ${now}${because}.`,
    changed: (title, now, because) => `La réunion « ${title} » a changé : elle a lieu le ${now}${because}.`,
    todo: 'Vérifiez votre disponibilité à la nouvelle date et mettez à jour votre agenda.',
  },
  meetingCancel: {
    title: (title) => `Réunion annulée : ${title}`,
    cancelled: (title, at) => `La réunion « ${title} » prévue le ${at} est annulée.`,
    todo: 'Retirez-la de votre agenda : l’annulation jointe le fait dans Outlook ou Thunderbird.',
  },
  declined: {
    title: (who, title) => `Un rappel ne concerne plus ${who} : ${title}`,
    kind: (purpose) =>
      (
        ({
          meeting: 'de la réunion',
          indicators: 'des indicateurs à transmettre avant la réunion',
          'census-open': 'du recensement',
          'census-launch': 'du lancement du recensement',
          'census-deadline': 'de la clôture du recensement',
          'census-retained': 'des projets retenus à notifier',
          'renewal-window': 'du renouvellement',
          'renewal-followup': 'du renouvellement',
          'meeting-followup': 'du suivi de la réunion',
          event: 'de l’événement',
          'event-undated': 'de l’événement à dater',
          'project-sheet': 'de la fiche projet',
        }) as Record<string, string>
      )[purpose] ?? '',
    said: (who, kind, title, when) =>
      `${who} signale que le rappel ${kind} « ${title} » du ${when} ne lui est plus destiné.`,
    reason: (reason) => `Motif donné : « ${reason} »`,
    unchanged: (who) =>
      `Rien n’a changé : ${who} continue de recevoir ce rappel tant que le destinataire n’a pas été changé.`,
    todo: (who, d) => [
      `Si une autre personne doit recevoir ce rappel, changez la personne : formulaire « Changement de personne » ${d.ofThe} dans l’application web, ou commande pacte change-person.`,
      `Sinon, il n’y a rien à faire ; dites-le à ${who}, qui continue de recevoir ce rappel.`,
    ],
  },
};

export const frTemplates: TemplateSet = templatesIn(frWords);

export const frLabels: Labels = {
  greeting: (r) => (r.civility ? `${r.civility},` : `Bonjour ${r.name},`),
  colon: '\u00A0: ',
  when: 'Quand',
  where: 'Où',
  citation: (article, d) => `Prévu par ${article} ${d.ofThe}.`,
  todo: 'À faire',
  closing: 'Bien cordialement,',
  invitationAttached: 'L’invitation est jointe : acceptez-la pour l’ajouter à votre agenda.',
  updatedInvitationAttached: 'L’invitation mise à jour est jointe : elle remplace la précédente dans votre agenda.',
  cancellationAttached: 'L’annulation est jointe : elle retire la réunion de votre agenda.',
  organizerCopyAttached: 'Vous organisez cette réunion : elle est jointe pour votre agenda, sans réponse à donner.',
  groupedSubject: (count, title, day) => `${count} rappels – ${title} – ${day}`,
  groupedIntro: (count, day) => `Voici les ${count} rappels du ${day} :`,
  late: (plannedOn) => `Rappel envoyé en retard : il était prévu le ${plannedOn}.`,
  footer: (d, organizer) =>
    `Message envoyé automatiquement par Pacte, le calendrier de gouvernance ${d.ofThe}` +
    (organizer ? `, pour ${organizer} : une réponse à ce message lui parvient directement. ` : '. ') +
    'Seuls vos nom et adresse électronique sont utilisés pour ces rappels.',
};
