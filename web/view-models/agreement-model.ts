/**
 * The page of one agreement: its calendar as a picture (a month-by-month timeline of the whole
 * term, today marked, moved dates and deadlines said in words and drawn with a pattern, never by
 * colour alone) and as a list (what `pacte plan` prints, moved dates explained), its state (what
 * `pacte show` prints), the reminders sent and the failed deliveries (names, not ids), the
 * amendments and the journal of operations.
 *
 * Pure: the lifecycle entry, the user and `now` come in; the words are French, the dates too.
 *
 * @module
 */
import { DateTime } from 'luxon';
import type { Agreement } from '../../domain/agreement';
import type { CalendarEntry } from '../../domain/calendar-types';
import type { MessagePurpose } from '../../contracts/reminder-message';
import { longDate, longDateTime } from '../../client/render/french-dates';
import { describeOutcome } from '../../client/render/operation-outcome';
import { frenchSpacing } from './french-spacing';
import { withNames } from './outcome-names';
import { entryWhen, purposeText } from '../../client/render/plan-table';
import { fill, STATE_WORDS } from '../../client/render/state-view';
import { windowPhrase } from '../../domain/event-window';
import { actsOnEverything, canAct, type AgreementAction } from '../access/policy';
import { rolesIn, type AccessUser } from '../access/roles';
import { calendarOf } from '../read-model/entry-calendar';
import type { LifecycleEntry } from '../read-model/lifecycle-entry';
import { COLON, curly, ITEM_KIND_LABELS, itemKindOf, KIND_LABELS, PHASE_LABELS, ROLE_LABELS } from './labels';

export interface TimelineMark {
  date: string;
  /** « mar. 3 » */
  day: string;
  dateText: string;
  title: string;
  kindLabel: string;
  /** A date something must be done by (census closing, sheet, indicators, end of the agreement). */
  deadline: boolean;
  /** « déplacée du samedi 1er novembre 2025 (Toussaint) » */
  moved?: string;
  past: boolean;
  /** « tenue le … » for a meeting recorded as held. */
  done?: string;
}

export interface TimelineMonth {
  key: string;
  label: string;
  current: boolean;
  /** Marks in date order; `today` is where « aujourd’hui » falls among them. */
  marks: TimelineMark[];
  todayIndex?: number;
}

export interface PlanItem {
  id: string;
  when: string;
  title: string;
  kindLabel: string;
  article?: string;
  moved?: string;
  place?: string;
  attendees: string;
  reminders: { when: string; who: string; purpose?: string }[];
  status: string;
}

export interface AgreementPageModel {
  id: string;
  workflowId: string;
  title: string;
  kindLabel: string;
  parties: string[];
  term: string;
  phase: string;
  version: number;
  effectiveEnd?: string;
  notice?: string;
  predecessor?: string;
  /** « Vous êtes : référent (…) » or « Vous consultez en tant qu’administrateur ». */
  you: string;
  today: string;
  timeline: { months: TimelineMonth[]; todayOutside?: string };
  undated: string[];
  plan: PlanItem[];
  state: { title: string; lines: string[] }[];
  sent: { at: string; to: string; purposes: string }[];
  sentTotal: number;
  /** Says whose deliveries are listed (all of them, or the user's own). */
  deliveriesScope: string;
  failures: { day: string; to: string; kind: string; reason: string }[];
  amendments: string[];
  journal: { at: string; operation: string; by: string }[];
  actions: { href: string; label: string }[];
  exports: { ics: string; xlsx: string };
  temporalUiUrl?: string;
}

export interface AgreementPageOptions {
  /** Base of the Temporal Web UI, for administrators' link to the lifecycle. */
  temporalUi?: { base: string; namespace: string };
  /** How many of the latest reminders sent to list. */
  lastSent?: number;
}

const W = STATE_WORDS.fr;

const PURPOSE_LABELS: Record<MessagePurpose, string> = {
  meeting: 'réunion',
  indicators: 'indicateurs',
  'census-open': 'ouverture du recensement',
  'census-deadline': 'clôture du recensement',
  'renewal-window': 'période de renouvellement',
  'renewal-followup': 'relance renouvellement',
  event: 'événement',
  'event-undated': 'date à fixer',
  'project-sheet': 'fiche projet',
  'project-sheet-escalation': 'fiches en retard',
  notice: 'préavis',
  dispute: 'différend',
  'meeting-update': 'réunion modifiée',
  'meeting-cancel': 'réunion annulée',
  'census-launch': 'lancement du recensement',
  'census-retained': 'projets retenus à notifier',
  'meeting-followup': 'suivi de réunion',
  'project-sheet-below-minimum': 'fiche sous le seuil',
  'tracking-table-late': 'tableau de suivi en retard',
  'tracking-table': 'tableau de suivi à mettre à jour',
  'reminder-declined': 'rappel qui ne concerne plus',
};

const OPERATION_LABELS: Record<string, string> = {
  recordCensusAnswer: 'Réponse au recensement',
  notifyRetainedProjects: 'Projets retenus notifiés',
  submitProjectSheet: 'Fiche projet reçue',
  recordMeeting: 'Réunion tenue',
  amendAgreement: 'Avenant',
  giveNotice: 'Préavis donné',
  recordRenewalMeeting: 'Rencontre de renouvellement tenue',
  renewAgreement: 'Renouvellement',
  recordDispute: 'Différend notifié',
  changePerson: 'Changement de personne',
  snoozeReminders: 'Rappel reporté',
  recordIndicators: 'Indicateurs envoyés',
  declineReminder: 'Rappel qui ne concerne plus une personne',
};
const VIA_LABELS: Record<string, string> = {
  cli: 'ligne de commande',
  web: 'application web',
  'email-link': 'lien d’un courriel',
};

const DEADLINE_TYPES = new Set(['census-deadline', 'expiry']);

/** Where the operation forms are (built by the operations pages, `/conventions/:id/operations/…`). */
export function operationPath(agreementId: string, op: string): string {
  return `/conventions/${encodeURIComponent(agreementId)}/operations/${op}`;
}

export function agreementPageModel(
  entry: LifecycleEntry,
  user: AccessUser,
  nowMs: number,
  options: AgreementPageOptions = {},
): AgreementPageModel {
  const { agreement, view } = entry;
  const zone = agreement.timezone;
  const now = DateTime.fromMillis(nowMs, { zone });
  const today = now.toISODate()!;
  const names = new Map(agreement.people.map((p) => [p.id, p.name]));
  const who = (ids: readonly string[]) => ids.map((id) => names.get(id) ?? id).join(', ');
  const partyName = (id: string) => agreement.parties.find((p) => p.id === id)?.name ?? id;
  const everything = actsOnEverything(agreement, user);
  const roles = rolesIn(agreement, user.email);
  const mine = new Set(roles.personIds);
  const calendar = calendarOf(entry);
  const held = new Map(view.meetings.map((m) => [m.entryId, m]));
  const shared = sharedParts(entry, today, () => ({
    timeline: timeline(agreement, calendar.entries, view, today, held),
    plan: calendar.entries.map((e) => planItem(e, zone, who, held)),
    state: stateSections(entry, who, partyName),
  }));

  const you =
    roles.personIds.length > 0
      ? `Vous êtes${COLON} ${roles.roles
          .map((r) =>
            r === 'referent' && roles.referentOf.length
              ? `${ROLE_LABELS[r]} (${roles.referentOf.map(partyName).join(', ')})`
              : ROLE_LABELS[r],
          )
          .join(', ')}`
      : 'Vous consultez cette convention en tant qu’administrateur.';

  const delivered = everything ? view.sent : view.sent.filter((s) => mine.has(s.to));
  const failed = everything ? view.failures : view.failures.filter((f) => mine.has(f.to));
  const lastSent = options.lastSent ?? 30;

  return {
    id: agreement.id,
    workflowId: entry.workflowId,
    title: agreement.title,
    kindLabel: KIND_LABELS[agreement.kind],
    parties: agreement.parties.map((p) => p.name),
    term: fill(W.term, { from: longDate(view.startsOn), to: longDate(view.endsOn) }),
    phase: PHASE_LABELS[view.phase],
    version: view.version,
    ...(view.effectiveEnd !== view.endsOn
      ? { effectiveEnd: fill(W.effectiveEnd, { date: longDate(view.effectiveEnd) }) }
      : {}),
    ...(view.notice
      ? { notice: fill(W.notice, { party: partyName(view.notice.byParty), date: longDate(view.notice.givenOn) }) }
      : {}),
    ...(view.predecessorId ? { predecessor: fill(W.predecessor, { id: view.predecessorId }) } : {}),
    you,
    today: longDate(today),
    timeline: shared.timeline,
    undated: calendar.entries
      .filter((e) => e.undated)
      .map((e) => `${e.title}${COLON} ${e.window ? windowPhrase(e.window, 'fr') : 'date à fixer'} (date à fixer)`),
    // The status only depends on now: set on the shared rows at each request.
    plan: shared.plan.map((p, i) =>
      p.status === '' ? { ...p, status: Date.parse(calendar.entries[i]!.at) < nowMs ? 'passée' : 'à venir' } : p,
    ),
    state: shared.state,
    sent: delivered
      .slice(-lastSent)
      .reverse()
      .map((s) => ({
        at: longDateTime(s.sentAt, zone),
        to: who([s.to]),
        purposes: s.purposes.map((p) => PURPOSE_LABELS[p] ?? p).join(', '),
      })),
    sentTotal: everything ? view.sent.length + view.pastYears.reduce((n, y) => n + y.sent, 0) : delivered.length,
    deliveriesScope: everything
      ? 'Tous les rappels de la convention.'
      : 'Les rappels qui vous ont été adressés (les référents voient tous les envois).',
    failures: failed
      .slice(-20)
      .reverse()
      .map((f) => ({
        day: longDate(f.day),
        to: who([f.to]),
        kind: f.kind === 'permanent' ? 'adresse refusée' : 'tentatives épuisées',
        reason: f.reason.split('\n')[0]!.slice(0, 200),
      })),
    amendments: view.amendments.map(
      (a) =>
        `${fill(W.amendment, { version: a.version, date: longDate(a.recordedOn) })}${a.summary ? ` — ${a.summary}` : ''}`,
    ),
    journal: journalOf(view, zone, who, agreement),
    actions: actionsFor(agreement, user, view, calendar.entries, today),
    exports: {
      ics: `/conventions/${encodeURIComponent(agreement.id)}/calendrier.ics`,
      xlsx: `/conventions/${encodeURIComponent(agreement.id)}/suivi.xlsx`,
    },
    ...(user.isAdmin && options.temporalUi
      ? {
          temporalUiUrl: `${options.temporalUi.base.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(options.temporalUi.namespace)}/workflows/${encodeURIComponent(entry.workflowId)}`,
        }
      : {}),
  };
}

interface SharedParts {
  timeline: AgreementPageModel['timeline'];
  plan: PlanItem[];
  state: AgreementPageModel['state'];
}

/**
 * What every person who sees the agreement sees alike, written once per state read and day: the
 * timeline and the plan are a few hundred long dates (luxon), the bulk of the page's time.
 */
const shared = new WeakMap<LifecycleEntry, { today: string; parts: SharedParts }>();

function sharedParts(entry: LifecycleEntry, today: string, build: () => SharedParts): SharedParts {
  const known = shared.get(entry);
  if (known?.today === today) return known.parts;
  const parts = build();
  shared.set(entry, { today, parts });
  return parts;
}

function timeline(
  agreement: Agreement,
  entries: readonly CalendarEntry[],
  view: LifecycleEntry['view'],
  today: string,
  held: Map<string, { heldOn: string }>,
): AgreementPageModel['timeline'] {
  const marks: TimelineMark[] = [];
  const mark = (date: string, title: string, kindLabel: string, deadline: boolean, extra: Partial<TimelineMark> = {}) =>
    marks.push({
      date,
      day: DateTime.fromISO(date).setLocale('fr').toFormat('ccc d'),
      dateText: longDate(date),
      title,
      kindLabel,
      deadline,
      past: date < today,
      ...extra,
    });
  for (const e of entries) {
    if (e.undated) continue;
    const h = held.get(e.id);
    mark(e.date, curly(e.title), ITEM_KIND_LABELS[itemKindOf(e.type)], DEADLINE_TYPES.has(e.type), {
      ...(e.movedFrom
        ? { moved: `déplacée du ${longDate(e.movedFrom)}${e.movedBecause ? ` (${e.movedBecause})` : ''}` }
        : {}),
      ...(h ? { done: fill(W.heldOn, { date: longDate(h.heldOn) }) } : {}),
    });
    if (e.indicatorsDueOn)
      mark(e.indicatorsDueOn, `Indicateurs à fournir (${curly(e.title)})`, ITEM_KIND_LABELS.indicators, true);
  }
  for (const s of [...view.overdueSheets, ...view.pendingSheets, ...view.submittedSheets])
    mark(s.dueOn, `Fiche projet ${s.title}`, ITEM_KIND_LABELS.sheet, true, {
      ...(s.submittedOn ? { done: fill(W.submittedOn, { date: longDate(s.submittedOn) }) } : {}),
    });
  marks.sort((a, b) => a.date.localeCompare(b.date));

  const first = DateTime.fromISO(agreement.term.startsOn).startOf('month');
  const last = DateTime.fromISO(view.effectiveEnd).startOf('month');
  const months: TimelineMonth[] = [];
  for (let m = first; m <= last; m = m.plus({ months: 1 })) {
    const key = m.toFormat('yyyy-MM');
    const own = marks.filter((x) => x.date.startsWith(key));
    const current = today.startsWith(key);
    const month = m.setLocale('fr').toFormat('LLLL yyyy');
    // « Juin 2026 »: the month's first letter only (CSS `capitalize` would take « (Mois En Cours) » too).
    const label = month.charAt(0).toUpperCase() + month.slice(1);
    months.push({
      key,
      label,
      current,
      marks: own,
      ...(current ? { todayIndex: own.filter((x) => x.date < today).length } : {}),
    });
  }
  const inside = months.some((m) => m.current);
  return {
    months,
    ...(inside
      ? {}
      : {
          todayOutside: `Aujourd’hui (${longDate(today)}) est ${today < agreement.term.startsOn ? 'avant le début' : 'après la fin'} de la durée de l’accord.`,
        }),
  };
}

function planItem(
  e: CalendarEntry,
  zone: string,
  who: (ids: readonly string[]) => string,
  held: Map<string, { heldOn: string }>,
): PlanItem {
  const h = held.get(e.id);
  return {
    id: e.id,
    when: entryWhen(e, 'fr', zone),
    title: curly(e.title),
    kindLabel: ITEM_KIND_LABELS[itemKindOf(e.type)],
    ...(e.article ? { article: e.article } : {}),
    ...(e.movedFrom
      ? { moved: `déplacée du ${longDate(e.movedFrom)}${e.movedBecause ? ` (${e.movedBecause})` : ''}` }
      : {}),
    ...(e.place ? { place: e.place } : {}),
    attendees: who(e.attendees),
    reminders: e.reminders.map((r) => {
      const purpose = purposeText(r.purpose, 'fr');
      return { when: longDateTime(r.at, zone), who: who(r.to), ...(purpose ? { purpose } : {}) };
    }),
    status: h ? fill(W.heldOn, { date: longDate(h.heldOn) }) : '',
  };
}

function stateSections(
  entry: LifecycleEntry,
  who: (ids: readonly string[]) => string,
  partyName: (id: string) => string,
): AgreementPageModel['state'] {
  const { view } = entry;
  const d = longDate;
  const titles = new Map(calendarOf(entry).entries.map((e) => [e.id, e.title]));
  const sheet = (s: LifecycleEntry['view']['pendingSheets'][number]) => {
    const parts = [`${s.title} (${s.censusYear})`];
    parts.push(s.submittedOn ? fill(W.submittedOn, { date: d(s.submittedOn) }) : fill(W.due, { date: d(s.dueOn) }));
    if (s.flagged) parts.push(`⚠ ${W.flagged}`);
    if (!s.submittedOn && s.leads.length) parts.push(`${W.leads}${COLON} ${who(s.leads)}`);
    return parts.join(' · ');
  };
  const renewal: string[] = [];
  if (view.renewal.meetingHeldOn) renewal.push(fill(W.renewalMeeting, { date: d(view.renewal.meetingHeldOn) }));
  if (view.renewal.successorId) renewal.push(fill(W.successor, { id: view.renewal.successorId }));
  const sections = [
    { title: `⚠ ${W.overdue}`, lines: view.overdueSheets.map(sheet) },
    { title: W.pending, lines: view.pendingSheets.map(sheet) },
    { title: W.submitted, lines: view.submittedSheets.map(sheet) },
    {
      title: W.census,
      lines: view.census.map((c) => {
        const parts = [String(c.year)];
        if (c.openedOn) parts.push(fill(W.opened, { date: d(c.openedOn) }));
        if (c.answeredOn) parts.push(fill(W.answered, { date: d(c.answeredOn) }));
        if (c.projectsNotifiedOn) parts.push(fill(W.notified, { date: d(c.projectsNotifiedOn) }));
        if (c.closed) parts.push(W.closed);
        return parts.join(' · ');
      }),
    },
    {
      title: W.meetings,
      lines: view.meetings.map((m) => {
        const title = titles.get(m.entryId) ?? m.type;
        const parts = [title, fill(W.heldOn, { date: d(m.heldOn) })];
        if (m.trackingTable) parts.push(`${W.tracking}${COLON} ${TRACKING[m.trackingTable]}`);
        if (m.minutesUrl) parts.push(`${W.minutes}${COLON} ${m.minutesUrl}`);
        return parts.join(' · ');
      }),
    },
    {
      title: W.indicators,
      lines: (view.indicators ?? []).map((r) =>
        [
          `${titles.get(r.entryId) ?? r.entryId}`,
          fill(W.indicatorsSent, { date: d(r.sentOn) }),
          ...(r.url ? [r.url] : []),
        ].join(' · '),
      ),
    },
    {
      title: W.disputes,
      lines: view.disputes.map(
        (x) =>
          `${fill(W.disputeBy, { party: partyName(x.byParty), date: d(x.notifiedOn), court: d(x.courtFrom) })}${x.subject ? ` — ${x.subject}` : ''}`,
      ),
    },
    { title: W.renewal, lines: renewal },
  ];
  return sections.filter((s) => s.lines.length > 0);
}

const TRACKING = { 'up-to-date': 'à jour', late: 'en retard', 'not-applicable': 'sans objet' } as const;

/** The journal of operations, newest first (empty for lifecycles started before it existed). */
function journalOf(
  view: LifecycleEntry['view'],
  zone: string,
  who: (ids: readonly string[]) => string,
  agreement: Agreement,
): AgreementPageModel['journal'] {
  const nameOfAccount = (account: string) =>
    agreement.people.find((p) => p.email.toLowerCase() === account.trim().toLowerCase())?.name;
  return (view.journal ?? [])
    .slice()
    .reverse()
    .map((j) => {
      const by = j.recordedBy;
      // The name the lifecycle gave, else the agreement's; never the account (it may be an address),
      // but the name of the person whose address it is (`PACTE_ACCOUNT` set to it for `pacte`).
      const person =
        j.byName ?? (by?.personId ? who([by.personId]) : by?.account ? nameOfAccount(by.account) : undefined);
      const via = by?.via ? (VIA_LABELS[by.via] ?? by.via) : undefined;
      return {
        at: longDateTime(j.at, zone),
        operation:
          (OPERATION_LABELS[j.operation] ?? j.operation) +
          // A snooze's label alone does not say which reminders, for whom, until when.
          (j.summary.kind === 'reminders-snoozed'
            ? `${COLON} ${frenchSpacing(describeOutcome(withNames(j.summary, agreement), 'fr'))}`
            : ''),
        by: [person, via ? `par ${via}` : undefined].filter(Boolean).join(', ') || 'non précisé',
      };
    });
}

/** Links to the operation forms the user may use (each form checks again on the server). */
function actionsFor(
  agreement: Agreement,
  user: AccessUser,
  view: LifecycleEntry['view'],
  entries: readonly CalendarEntry[],
  today: string,
): AgreementPageModel['actions'] {
  const can = (a: AgreementAction) => canAct(agreement, user, a);
  const out: AgreementPageModel['actions'] = [];
  const add = (op: string, label: string) => out.push({ href: operationPath(agreement.id, op), label });
  const held = new Set(view.meetings.map((m) => m.entryId));
  const meetingTypes = new Set(Object.keys(agreement.meetings));
  const pastMeetings = entries.filter((e) => meetingTypes.has(e.type) && e.date <= today && !held.has(e.id));
  // The slugs are the operation pages' (web/forms/operation-forms.ts), as `pacte` names them.
  if (pastMeetings.some((e) => can({ op: 'meeting-held', entryId: e.id })))
    add('meeting-held', 'Enregistrer une réunion tenue');
  const open = view.census.filter((c) => !c.answeredOn && !c.closed);
  if (open.some((c) => can({ op: 'census-answer', year: c.year }))) add('census-answer', 'Répondre au recensement');
  const sheets = [...view.overdueSheets, ...view.pendingSheets];
  if (sheets.some((s) => can({ op: 'submit-sheet', projectId: s.projectId, leads: s.leads })))
    add('submit-sheet', 'Envoyer une fiche projet');
  const indicatorsDue = entries.filter(
    (e) => e.indicatorsDueOn !== undefined && !(view.indicators ?? []).some((r) => r.entryId === e.id),
  );
  if (indicatorsDue.some((e) => can({ op: 'indicators-sent', entryId: e.id })))
    add('indicators-sent', 'Enregistrer l’envoi des indicateurs');
  if (can({ op: 'amend' })) {
    add('retain-projects', 'Notifier les projets retenus');
    add('amend', 'Enregistrer un avenant');
    add('change-person', 'Remplacer ou retirer une personne');
    add('renewal-meeting', 'Enregistrer la rencontre de renouvellement');
    add('renew', 'Renouveler');
    add('give-notice', 'Donner un préavis');
    add('dispute', 'Notifier un différend');
  }
  return out;
}
