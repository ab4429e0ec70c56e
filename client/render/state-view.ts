/**
 * The readable `pacte show` output: what a coordinator checks on a running lifecycle — its
 * phase, what comes next, project sheets awaited or late, what was recorded (census, meetings,
 * disputes, amendments, renewal), who recorded which operation from where, the last reminders
 * sent and any failed delivery. In French by
 * default, in English on request.
 *
 * The state view carries person ids, not names or addresses (see `workflows/lifecycle-view.ts`):
 * they are shown as they are; only the journal names who recorded an operation.
 *
 * @module
 */
import { curlyApostrophes } from '../../activities/render/typography';
import { DateTime } from 'luxon';
import type { Locale } from '../../domain/agreement';
import type { JournalView, LifecycleView } from '../../contracts/lifecycle-view';
import { windowPhrase } from '../../domain/event-window';
import { longDate, longDateRange } from './french-dates';
import { describeOutcome } from './operation-outcome';

const FR = {
  status: 'statut',
  phase: 'phase',
  version: 'version',
  term: 'du {from} au {to}',
  effectiveEnd: 'fin effective le {date}',
  notice: 'Préavis donné par {party} le {date}',
  predecessor: 'renouvelle {id}',
  next: 'Prochaines échéances',
  nothingAhead: 'aucune échéance à venir',
  moved: 'déplacée du {date}',
  overdue: 'Fiches projet en retard',
  pending: 'Fiches projet attendues',
  submitted: 'Fiches projet reçues',
  due: 'attendue le {date}',
  submittedOn: 'reçue le {date}',
  flagged: 'sous le minimum de participants',
  leads: 'chefs de projet',
  census: 'Recensements',
  opened: 'ouvert le {date}',
  answered: 'réponse le {date}',
  notified: 'projets notifiés le {date}',
  closed: 'clos',
  meetings: 'Réunions tenues',
  heldOn: 'tenue le {date}',
  minutes: 'compte rendu',
  tracking: 'tableau de suivi',
  indicators: 'Indicateurs envoyés',
  indicatorsSent: 'envoyés le {date}',
  disputes: 'Différends',
  disputeBy: 'soulevé par {party} le {date}, juge saisissable à partir du {court}',
  renewal: 'Renouvellement',
  renewalMeeting: 'rencontre tenue le {date}',
  successor: 'succède : {id}',
  amendments: 'Avenants',
  amendment: 'version {version} du {date}',
  journal: 'Opérations enregistrées',
  by: 'par {who}',
  unknownOrigin: 'origine non enregistrée',
  journalTotal: '{n} opération(s) cette année',
  via: { cli: 'CLI', web: 'web', 'email-link': 'lien de l’e-mail' } as Record<string, string>,
  sent: 'Derniers rappels envoyés',
  sentTotal: '{n} envoi(s) au total',
  noneSent: 'aucun rappel envoyé',
  failures: "Échecs d'envoi",
  runs: 'exécution n° {n}',
  statuses: {
    RUNNING: 'en cours',
    COMPLETED: 'terminée',
    TERMINATED: 'arrêtée par un administrateur',
    FAILED: 'en échec',
    CANCELLED: 'annulée',
    TIMED_OUT: 'expirée (délai Temporal)',
    CONTINUED_AS_NEW: 'continuée',
  } as Partial<Record<string, string>>,
};
type Words = typeof FR;
/** The state's words, shared with the web's agreement page. */
export const STATE_WORDS: Record<Locale, Words> = {
  fr: FR,
  en: {
    status: 'status',
    phase: 'phase',
    version: 'version',
    term: 'from {from} to {to}',
    effectiveEnd: 'ends on {date}',
    notice: 'Notice given by {party} on {date}',
    predecessor: 'renews {id}',
    next: 'Next events',
    nothingAhead: 'nothing ahead',
    moved: 'moved from {date}',
    overdue: 'Overdue project sheets',
    pending: 'Project sheets awaited',
    submitted: 'Project sheets received',
    due: 'due on {date}',
    submittedOn: 'received on {date}',
    flagged: 'under the minimum of participants',
    leads: 'project leads',
    census: 'Census',
    opened: 'opened on {date}',
    answered: 'answered on {date}',
    notified: 'projects notified on {date}',
    closed: 'closed',
    meetings: 'Meetings held',
    heldOn: 'held on {date}',
    minutes: 'minutes',
    tracking: 'tracking table',
    indicators: 'Indicators sent',
    indicatorsSent: 'sent on {date}',
    disputes: 'Disputes',
    disputeBy: 'raised by {party} on {date}, court possible from {court}',
    renewal: 'Renewal',
    renewalMeeting: 'meeting held on {date}',
    successor: 'successor: {id}',
    amendments: 'Amendments',
    amendment: 'version {version} of {date}',
    journal: 'Recorded operations',
    by: 'by {who}',
    unknownOrigin: 'origin not recorded',
    journalTotal: '{n} operation(s) this year',
    via: { cli: 'CLI', web: 'web', 'email-link': 'e-mail link' },
    sent: 'Last reminders sent',
    sentTotal: '{n} sent in all',
    noneSent: 'no reminder sent',
    failures: 'Failed deliveries',
    runs: 'run {n}',
    statuses: {
      RUNNING: 'running',
      COMPLETED: 'completed',
      TERMINATED: 'terminated by an administrator',
      FAILED: 'failed',
      CANCELLED: 'cancelled',
      TIMED_OUT: 'timed out',
      CONTINUED_AS_NEW: 'continued as new',
    },
  },
};

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}

/** An instant in its own offset: event times carry the agreement's zone; send times are UTC and say so. */
function at(instant: string, locale: Locale): string {
  const dt = DateTime.fromISO(instant, { setZone: true });
  if (!dt.isValid) return instant;
  const utc = /Z$/i.test(instant) ? ' UTC' : '';
  return `${longDate(dt.toISODate()!, locale)} ${locale === 'fr' ? dt.toFormat("'à' H 'h' mm") : dt.toFormat("'at' HH:mm")}${utc}`;
}

const JOURNAL_SHOWN = 10;

/** Who recorded an operation and from where: the person's name, else the account, and the channel. */
function byline(entry: JournalView, w: Words): string {
  const by = entry.recordedBy;
  if (!by) return w.unknownOrigin;
  const via = w.via[by.via] ?? by.via;
  const who = entry.byName ?? by.personId ?? by.account;
  return who ? `${fill(w.by, { who })} (${via})` : via;
}

export interface StateViewContext {
  workflowId: string;
  /** Temporal execution status, e.g. RUNNING, COMPLETED. */
  status?: string;
  locale?: Locale;
  /** How many reminders sent to list (the latest). */
  lastSent?: number;
}

export function renderStateView(view: LifecycleView, context: StateViewContext): string {
  const locale = context.locale ?? 'fr';
  const w = STATE_WORDS[locale];
  const d = (date: string) => longDate(date, locale);
  const colon = locale === 'fr' ? ' :' : ':';
  const out: string[] = [];

  out.push(`${view.title} (${view.agreementId}) — ${context.workflowId}`);
  const head = [view.kind, `${w.phase} ${view.phase}`];
  if (context.status) head.push(`${w.status} ${w.statuses[context.status] ?? context.status.toLowerCase()}`);
  head.push(`${w.version} ${view.version}`, fill(w.runs, { n: view.runs }));
  out.push(head.join(' · '));
  const term = fill(w.term, { from: d(view.startsOn), to: d(view.endsOn) });
  out.push(
    view.effectiveEnd !== view.endsOn ? `${term} · ${fill(w.effectiveEnd, { date: d(view.effectiveEnd) })}` : term,
  );
  if (view.notice) out.push(fill(w.notice, { party: view.notice.byParty, date: d(view.notice.givenOn) }));
  if (view.predecessorId) out.push(fill(w.predecessor, { id: view.predecessorId }));

  const section = (title: string, lines: string[]) => {
    if (lines.length === 0) return;
    out.push('', `${title}${colon}`, ...lines.map((l) => `  ${l}`));
  };

  out.push('', `${w.next}${colon}`);
  if (view.nextEvents.length === 0) out.push(`  ${w.nothingAhead}`);
  for (const e of view.nextEvents) {
    const moved = e.movedFrom ? ` (${fill(w.moved, { date: d(e.movedFrom) })})` : '';
    // Events as written (calendar rule 11): no invented time, both days, an undated window.
    const when = e.window
      ? `${windowPhrase(e.window, locale)} (${locale === 'fr' ? 'date à fixer' : 'date to be fixed'})`
      : e.end
        ? longDateRange(e.date, e.end, locale)
        : e.allDay
          ? d(e.date)
          : at(e.at, locale);
    out.push(`  ● ${when} — ${e.title}  [${e.type}]${moved}`);
  }

  const sheet = (s: LifecycleView['pendingSheets'][number]) => {
    const parts = [`${s.title} (${s.projectId}, ${s.censusYear})`];
    parts.push(s.submittedOn ? fill(w.submittedOn, { date: d(s.submittedOn) }) : fill(w.due, { date: d(s.dueOn) }));
    if (s.flagged) parts.push(`⚠ ${w.flagged}`);
    if (!s.submittedOn && s.leads.length) parts.push(`${w.leads}: ${s.leads.join(', ')}`);
    return parts.join(' · ');
  };
  section(`⚠ ${w.overdue}`, view.overdueSheets.map(sheet));
  section(w.pending, view.pendingSheets.map(sheet));
  section(w.submitted, view.submittedSheets.map(sheet));

  section(
    w.census,
    view.census.map((c) => {
      const parts = [String(c.year)];
      if (c.openedOn) parts.push(fill(w.opened, { date: d(c.openedOn) }));
      if (c.answeredOn) parts.push(fill(w.answered, { date: d(c.answeredOn) }));
      if (c.projectsNotifiedOn) parts.push(fill(w.notified, { date: d(c.projectsNotifiedOn) }));
      if (c.closed) parts.push(w.closed);
      return parts.join(' · ');
    }),
  );
  section(
    w.meetings,
    view.meetings.map((m) => {
      const parts = [`${m.entryId} [${m.type}]`, fill(w.heldOn, { date: d(m.heldOn) })];
      if (m.trackingTable) parts.push(`${w.tracking}: ${m.trackingTable}`);
      if (m.minutesUrl) parts.push(`${w.minutes}: ${m.minutesUrl}`);
      return parts.join(' · ');
    }),
  );
  section(
    w.indicators,
    (view.indicators ?? []).map((r) =>
      [r.entryId, fill(w.indicatorsSent, { date: d(r.sentOn) }), ...(r.url ? [r.url] : [])].join(' · '),
    ),
  );
  section(
    w.disputes,
    view.disputes.map(
      (x) =>
        `${fill(w.disputeBy, { party: x.byParty, date: d(x.notifiedOn), court: d(x.courtFrom) })}${x.subject ? ` — ${x.subject}` : ''}`,
    ),
  );
  const renewal: string[] = [];
  if (view.renewal.meetingHeldOn) renewal.push(fill(w.renewalMeeting, { date: d(view.renewal.meetingHeldOn) }));
  if (view.renewal.successorId) renewal.push(fill(w.successor, { id: view.renewal.successorId }));
  section(w.renewal, renewal);
  section(
    w.amendments,
    view.amendments.map(
      (a) => `${fill(w.amendment, { version: a.version, date: d(a.recordedOn) })}${a.summary ? ` — ${a.summary}` : ''}`,
    ),
  );

  const journal = view.journal ?? []; // absent from the answers of workers older than the journal
  section(
    w.journal,
    journal
      .slice(-JOURNAL_SHOWN)
      .reverse()
      .map((j) => `${at(j.at, locale)} — ${describeOutcome(j.summary, locale)} — ${byline(j, w)}`),
  );
  if (journal.length > JOURNAL_SHOWN) out.push(`  (${fill(w.journalTotal, { n: journal.length })})`);

  const lastSent = context.lastSent ?? 5;
  out.push('', `${w.sent}${colon}`);
  const total = view.sent.length + (view.pastYears ?? []).reduce((n, y) => n + y.sent, 0);
  if (total === 0) out.push(`  ${w.noneSent}`);
  for (const s of view.sent.slice(-lastSent).reverse())
    out.push(`  ${at(s.sentAt, locale)} → ${s.to} · ${s.purposes.join(', ')}`);
  if (total > Math.min(lastSent, view.sent.length)) out.push(`  (${fill(w.sentTotal, { n: total })})`);
  section(
    `✗ ${w.failures}`,
    view.failures.slice(-10).map((f) => `${f.day} → ${f.to} · ${f.kind} · ${f.reason.split('\n')[0]!.slice(0, 200)}`),
  );
  // What the file and the records wrote, with the one apostrophe the e-mails use.
  return `${curlyApostrophes(out.join('\n'))}\n`;
}
