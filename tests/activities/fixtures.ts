/**
 * Reminder messages for the activity tests: one realistic item per purpose, shaped like the
 * ones the lifecycle workflow composes (workflows/compose-messages.ts).
 */
import type { Invitation, MessageItem, MessagePurpose, ReminderMessage } from '../../contracts/reminder-message';

export const camille = { id: 'ref-cnfpt', name: 'Camille Martin', email: 'camille.martin@example.org' };
export const jean = { id: 'ref-ccvt', name: 'Jean Dupont', email: 'jean.dupont@example.org' };

export function invitation(method: Invitation['method'] = 'REQUEST', sequence = 0): Invitation {
  return {
    uid: 'pilot-review-2025-06-03@valserhone-2025.pacte',
    sequence,
    method,
    start: '2025-06-03T10:00:00+02:00',
    end: '2025-06-03T11:30:00+02:00',
    summary: 'Réunion de suivi mensuelle avec les pilotes',
    location: 'Mairie de Bellegarde, salle du conseil',
    // As compose-messages.ts writes it: the organizer is ORGANIZER, never one of the attendees.
    organizer: camille,
    attendees: [jean],
  };
}

const meetingSubject = {
  id: 'pilot-review-2025-06-03',
  type: 'pilot-review',
  title: 'Réunion de suivi mensuelle avec les pilotes',
  date: '2025-06-03',
  at: '2025-06-03T10:00:00+02:00',
  endsAt: '2025-06-03T11:30:00+02:00',
  place: 'Mairie de Bellegarde, salle du conseil',
  article: 'annexe 3',
};

/**
 * One item per purpose, with what its French text must contain besides the long date:
 * an action word and the article.
 */
export const ITEMS: Record<
  MessagePurpose,
  { item: MessageItem; expect: { date: string; fr: string[]; en: string[] } }
> = {
  meeting: {
    item: {
      reminderId: 'pilot-review-2025-06-03/meeting/2025-05-27',
      purpose: 'meeting',
      subject: meetingSubject,
      invitation: invitation(),
    },
    expect: {
      date: 'mardi 3 juin 2025 de 10 h 00 à 11 h 30',
      fr: ['tableau de suivi mensuel', 'annexe 3 de la convention', 'Mairie de Bellegarde'],
      en: ['monthly tracking table'],
    },
  },
  indicators: {
    item: {
      reminderId: 'annual-review-2025-12-09/indicators/2025-11-10',
      purpose: 'indicators',
      subject: {
        id: 'annual-review-2025-12-09',
        type: 'annual-review',
        title: 'Rencontre annuelle',
        date: '2025-12-09',
        at: '2025-12-09T14:00:00+01:00',
        article: 'art. 8',
      },
      details: { dueOn: '2025-11-24' },
    },
    expect: {
      date: 'lundi 24 novembre 2025',
      fr: [
        "taux d'absentéisme",
        'taux de refus',
        'jours de formation stagiaires',
        'nombre de participants',
        'Le bilan annuel sera dressé lors de la réunion « Rencontre annuelle » du mardi 9 décembre 2025 à 14 h 00.',
        'article 8 de la convention',
        // The year the indicators cover, named: a December review, its own year.
        "Transmettez ces éléments pour l'année 2025 aux référents",
      ],
      en: ['absenteeism rate', 'refusal rate', 'trainee training days', 'for the year 2025'],
    },
  },
  'census-open': {
    item: {
      reminderId: 'census-open-2025-09-01/census-open/2025-09-01',
      purpose: 'census-open',
      subject: {
        id: 'census-open-2025-09-01',
        type: 'census-open',
        title: 'Ouverture du recensement',
        date: '2025-09-01',
        at: '2025-09-01T09:00:00+02:00',
        article: 'art. 9',
      },
      details: { censusYear: 2025, dueOn: '2025-10-15' },
    },
    expect: {
      date: 'lundi 1er septembre 2025',
      fr: ['Recensement 2025', 'mercredi 15 octobre 2025', 'Transmettez vos demandes', 'article 9'],
      en: ['census 2025', 'Send your requests'],
    },
  },
  'census-deadline': {
    item: {
      reminderId: 'census-deadline-2025-10-15/census-deadline/2025-10-01',
      purpose: 'census-deadline',
      subject: {
        id: 'census-deadline-2025-10-15',
        type: 'census-deadline',
        title: 'Clôture du recensement',
        date: '2025-10-15',
        at: '2025-10-15T09:00:00+02:00',
        article: 'art. 9',
      },
      details: { censusYear: 2025 },
    },
    expect: {
      date: 'mercredi 15 octobre 2025',
      fr: ['Transmettez votre réponse au recensement', 'article 9'],
      en: ['Send your census answer'],
    },
  },
  'census-launch': {
    item: {
      reminderId: 'census-open-2025-09-01/census-launch/2025-09-01',
      purpose: 'census-launch',
      subject: {
        id: 'census-open-2025-09-01',
        type: 'census-open',
        title: 'Ouverture du recensement des demandes de formation 2026',
        date: '2025-09-01',
        at: '2025-09-01T09:00:00+02:00',
        article: 'art. 9',
      },
      details: { censusYear: 2025, programmeYear: 2026, dueOn: '2025-10-15' },
    },
    expect: {
      date: 'lundi 1er septembre 2025',
      fr: ['Recensement 2026', 'à lancer', 'mercredi 15 octobre 2025', 'Lancez le recensement', 'article 9'],
      en: ['census 2026', 'Launch the census'],
    },
  },
  'census-retained': {
    item: {
      reminderId: 'census-deadline-2025-10-15/census-retained/2025-10-16',
      purpose: 'census-retained',
      subject: {
        id: 'census-deadline-2025-10-15',
        type: 'census-deadline',
        title: 'Clôture du recensement des demandes de formation 2026',
        date: '2025-10-15',
        at: '2025-10-15T09:00:00+02:00',
        article: 'art. 9',
      },
      details: { censusYear: 2025, programmeYear: 2026, dueOn: '2025-10-15' },
    },
    expect: {
      date: 'mercredi 15 octobre 2025',
      // Sent the day after the close: « Quand » is now, the close day is what happened.
      fr: [
        'Quand : dès maintenant',
        "s'est clos le mercredi 15 octobre 2025",
        "notifiez-lui la liste des projets retenus au titre de l'année 2026",
        'article 9',
      ],
      en: ['Census 2026 closed', 'When: now', 'notify it of the projects retained for the year 2026'],
    },
  },
  'renewal-window': {
    item: {
      reminderId: 'renewal-window-2027-01-01/renewal-window/2027-01-04',
      purpose: 'renewal-window',
      subject: {
        id: 'renewal-window-2027-01-04',
        type: 'renewal-window',
        title: 'Ouverture de la période de renouvellement',
        date: '2027-01-04',
        at: '2027-01-04T09:00:00+01:00',
        article: 'art. 12',
      },
      details: { dueOn: '2027-12-31' },
    },
    expect: {
      date: 'vendredi 31 décembre 2027',
      fr: ['lundi 4 janvier 2027', 'rencontre', 'renouvellement', 'article 12'],
      en: ['renewal meeting'],
    },
  },
  'renewal-followup': {
    item: {
      reminderId: 'expiry-2027-12-31/renewal-followup/2027-03-31',
      purpose: 'renewal-followup',
      subject: {
        id: 'expiry-2027-12-31',
        type: 'expiry',
        title: 'Échéance de la convention',
        date: '2027-12-31',
        at: '2027-12-31T09:00:00+01:00',
        article: 'art. 12',
      },
    },
    expect: {
      date: 'vendredi 31 décembre 2027',
      fr: ["n'a pas encore été enregistrée", 'rencontre de renouvellement', 'article 12'],
      en: ['no renewal meeting has been recorded'],
    },
  },
  event: {
    item: {
      reminderId: 'colloque-ensosp/event/2024-06-04',
      purpose: 'event',
      subject: {
        id: 'colloque-ensosp',
        type: 'event',
        title: 'Colloque transition écologique',
        date: '2024-07-04',
        at: '2024-07-04T09:30:00+02:00',
        place: 'ENSOSP',
      },
    },
    expect: {
      date: 'jeudi 4 juillet 2024 à 9 h 30',
      fr: ['ENSOSP', 'Prévoyez votre participation'],
      en: ['Plan your attendance'],
    },
  },
  'event-undated': {
    item: {
      reminderId: 'soiree-inet/event-undated/2024-04-01',
      purpose: 'event-undated',
      subject: {
        id: 'soiree-inet',
        type: 'event',
        title: "Soirée de l'INET",
        date: '2024-07-01',
        at: '2024-07-01T09:00:00+02:00',
        undated: true,
      },
    },
    expect: {
      date: 'lundi 1er juillet 2024',
      fr: ['date à fixer', 'Fixez une date'],
      en: ['date to be set', 'Agree on a date'],
    },
  },
  'project-sheet': {
    item: {
      reminderId: 'sheet-2025-managers/project-sheet/2025-12-01',
      purpose: 'project-sheet',
      subject: {
        id: 'sheet-2025-managers',
        type: 'project-sheet',
        title: 'Professionnaliser les managers',
        date: '2025-12-15',
        at: '2025-12-15T09:00:00+01:00',
        article: 'art. 9',
      },
      details: { dueOn: '2025-12-15', censusYear: 2025, minParticipants: 15 },
    },
    expect: {
      date: 'lundi 15 décembre 2025',
      fr: [
        // Art. 9's fields, in its words, and whom the sheet goes to.
        "le libellé de l'action",
        "les modalités d'organisation envisagées : lieu, période, présentiel, à distance ou présentiel et à distance",
        "le nombre de participants concernés, avec pour objectif d'aboutir à un groupe d'au moins 15 (hors formations réglementées)",
        'le contexte de la demande',
        'les objectifs poursuivis',
        'Envoyez la fiche projet complète au CNFPT',
        'article 9',
      ],
      en: ['on site, remote or on site and remote', 'at least 15', 'objectives pursued', 'project sheet to the CNFPT'],
    },
  },
  'project-sheet-escalation': {
    item: {
      reminderId: 'escalation-2025-12-22',
      purpose: 'project-sheet-escalation',
      subject: {
        id: 'escalation-2025-12-22',
        type: 'project-sheet-escalation',
        title: 'Fiches projet en retard',
        date: '2025-12-22',
        at: '2025-12-22T09:00:00+01:00',
        article: 'art. 9',
      },
      details: {
        projects: [
          {
            id: 'managers',
            title: 'Professionnaliser les managers',
            dueOn: '2025-12-15',
            responsible: ['Lou Garnier'],
          },
          { id: 'numerique', title: 'Culture numérique', dueOn: '2025-12-15' },
        ],
      },
    },
    expect: {
      date: 'lundi 22 décembre 2025',
      fr: [
        'Professionnaliser les managers',
        'Culture numérique',
        'lundi 15 décembre 2025',
        'Relancez les chefs de projet',
        'article 9',
        'responsable : Lou Garnier',
      ],
      en: ['Contact the project leads', 'responsible: Lou Garnier'],
    },
  },
  'project-sheet-below-minimum': {
    item: {
      reminderId: 'sheet-2025-managers/project-sheet-below-minimum/2025-12-10',
      purpose: 'project-sheet-below-minimum',
      subject: {
        id: 'sheet-2025-managers',
        type: 'project-sheet',
        title: 'Professionnaliser les managers',
        date: '2025-12-10',
        at: '2025-12-10T11:00:00+01:00',
        article: 'art. 9',
      },
      details: {
        censusYear: 2025,
        participants: 9,
        minParticipants: 15,
        projects: [
          {
            id: 'managers',
            title: 'Professionnaliser les managers',
            dueOn: '2025-12-15',
            responsible: ['Lou Garnier'],
          },
        ],
      },
    },
    expect: {
      date: 'mercredi 10 décembre 2025',
      fr: [
        '9 participants',
        'au moins 15',
        'hors formations réglementées',
        'Chef de projet : Lou Garnier',
        'article 9',
      ],
      en: ['9 participants', 'at least 15', 'Project lead: Lou Garnier'],
    },
  },
  'reminder-declined': {
    item: {
      reminderId: 'indicators:annual-review-2025-12-09/reminder-declined/contact-ccvt',
      purpose: 'reminder-declined',
      subject: {
        id: 'annual-review-2025-12-09',
        type: 'annual-review',
        title: 'Réunion annuelle de bilan',
        date: '2025-12-09',
        at: '2025-12-09T14:00:00+01:00',
        article: 'art. 8',
      },
      details: {
        declined: { personName: 'Lou Garnier', purpose: 'indicators', reason: 'Changement de service.' },
      },
    },
    expect: {
      date: 'mardi 9 décembre 2025',
      fr: [
        'Lou Garnier signale que le rappel des indicateurs à transmettre avant la réunion',
        'Motif donné : « Changement de service. »',
        'continue de recevoir ce rappel',
        'Changement de personne',
        'pacte change-person',
        'article 8',
      ],
      en: ['Lou Garnier says that the indicators due before the meeting reminder', 'Reason given', 'change-person'],
    },
  },
  'meeting-followup': {
    item: {
      reminderId: 'pilot-review-2025-06-03/meeting-followup/2025-06-10',
      purpose: 'meeting-followup',
      subject: meetingSubject,
      details: { heldOn: '2025-06-03' },
    },
    expect: {
      date: 'mardi 3 juin 2025',
      // Sent after the meeting: « Quand » is now, the meeting's day is what happened.
      fr: ['Quand : dès maintenant', 'sans son compte rendu', 'Partagez le compte rendu', 'annexe 3'],
      en: ['When: now', 'without its minutes', 'Share the minutes'],
    },
  },
  'tracking-table-late': {
    item: {
      reminderId: 'pilot-review-2025-06-03/tracking-table-late/2025-06-03',
      purpose: 'tracking-table-late',
      subject: meetingSubject,
    },
    expect: {
      date: 'mardi 3 juin 2025',
      fr: [
        'Quand : dès maintenant',
        'tableau de suivi a été signalé en retard',
        'Mettez à jour le tableau de suivi',
        'annexe 3',
      ],
      en: ['When: now', 'tracking table was reported late', 'Update the tracking table'],
    },
  },
  'tracking-table': {
    item: {
      reminderId: 'pilot-review-2025-06-03/tracking-table/axe-2/2025-05-27',
      purpose: 'tracking-table',
      subject: meetingSubject,
      details: {
        axis: {
          id: 'axe-2',
          title: 'Faciliter l’évolution professionnelle des agents',
          pilots: ['Marc Lebreton', 'Hervé Desnos'],
          projects: ['Lutter contre l’illettrisme'],
        },
      },
    },
    expect: {
      date: 'mardi 3 juin 2025',
      fr: [
        'Tableau de suivi à mettre à jour',
        'évolution professionnelle des agents',
        'Marc Lebreton, Hervé Desnos',
        'illettrisme',
        'Restituez vos travaux à vos pilotes',
        'annexe 3',
      ],
      en: ['Tracking table to update', 'Marc Lebreton, Hervé Desnos', 'Report your work to your pilots'],
    },
  },
  notice: {
    item: {
      reminderId: 'notice-2025-03-10/notice',
      purpose: 'notice',
      subject: {
        id: 'notice-2025-03-10',
        type: 'notice',
        title: 'Dénonciation',
        date: '2025-03-10',
        at: '2025-03-10T09:00:00+01:00',
        article: 'art. 12',
      },
      details: { noticeEffectiveOn: '2025-06-10', noticeByParty: 'terre-valserhone' },
    },
    expect: {
      date: 'mardi 10 juin 2025',
      fr: ['Communauté de communes Terre Valserhône a dénoncé la convention', 'sont annulées', 'article 12'],
      en: ['gave notice of termination'],
    },
  },
  dispute: {
    item: {
      reminderId: 'dispute-2025-04-02/dispute',
      purpose: 'dispute',
      subject: {
        id: 'dispute-2025-04-02',
        type: 'dispute',
        title: 'Différend',
        date: '2025-06-02',
        at: '2025-05-26T09:00:00+02:00',
        article: 'art. 14',
      },
      details: { dueOn: '2025-06-02' },
    },
    expect: {
      date: 'lundi 2 juin 2025',
      fr: ['règlement amiable', 'une juridiction peut être saisie à partir du', 'article 14'],
      en: ['amicable settlement', 'a court may be seized from'],
    },
  },
  'meeting-update': {
    item: {
      reminderId: 'pilot-review-2025-06-03/meeting-update/1',
      purpose: 'meeting-update',
      subject: {
        ...meetingSubject,
        at: '2025-06-04T14:00:00+02:00',
        endsAt: '2025-06-04T15:30:00+02:00',
        date: '2025-06-04',
        article: 'art. 13',
      },
      details: { previousAt: '2025-06-03T10:00:00+02:00' },
      invitation: { ...invitation('REQUEST', 1), start: '2025-06-04T14:00:00+02:00', end: '2025-06-04T15:30:00+02:00' },
    },
    expect: {
      date: 'mercredi 4 juin 2025 de 14 h 00 à 15 h 30',
      fr: ['mardi 3 juin 2025 à 10 h 00', 'invitation mise à jour', 'remplace la précédente', 'article 13'],
      en: ['updated invitation', 'replaces the previous one'],
    },
  },
  'meeting-cancel': {
    item: {
      reminderId: 'pilot-review-2025-06-03/meeting-cancel/2',
      purpose: 'meeting-cancel',
      subject: { ...meetingSubject, article: 'art. 12' },
      invitation: invitation('CANCEL', 2),
    },
    expect: {
      date: 'mardi 3 juin 2025 à 10 h 00',
      fr: ['est annulée', 'Retirez-la de votre agenda', 'article 12'],
      en: ['is cancelled'],
    },
  },
};

export const PURPOSES = Object.keys(ITEMS) as MessagePurpose[];

export function messageWith(items: MessageItem[], overrides: Partial<ReminderMessage> = {}): ReminderMessage {
  const first = items[0];
  const day = overrides.day ?? '2025-05-27';
  return {
    agreement: {
      id: 'valserhone-2025',
      title: 'Convention cadre CNFPT – CC Terre Valserhône',
      locale: 'fr',
      timezone: 'Europe/Paris',
      parties: [
        { id: 'cnfpt-ara', name: 'CNFPT – Délégation Auvergne-Rhône-Alpes' },
        { id: 'terre-valserhone', name: 'Communauté de communes Terre Valserhône' },
      ],
      organizer: camille,
    },
    recipient: jean,
    day,
    dueAt: `${day}T09:00:00+02:00`,
    messageId: `<${(first?.reminderId ?? 'x').replace(/[^a-z0-9.-]/gi, '.')}.${day}@valserhone-2025.pacte>`,
    items,
    ...overrides,
  };
}
