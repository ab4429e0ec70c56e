/**
 * « Mes échéances »: across every agreement a signed-in person may see, what concerns them — what
 * is overdue, what falls due this month, the next meetings, the census to answer, the project
 * sheets to send, the renewal windows open — with filters (agreement, kind of item, period) and
 * counts. Referents and administrators get every item of their agreements; other people the
 * items addressed to them (meetings they attend, their projects' sheets, the census sent to them).
 *
 * Pure: the lifecycles, the user and `now` come in; dates are said in French.
 *
 * @module
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { IdSchema } from '../../domain/field-schemas';
import type { CalendarEntry } from '../../domain/calendar-types';
import type { SheetRecord } from '../../contracts/lifecycle-state';
import { longDate, longDateTime } from '../../client/render/french-dates';
import { actsOnEverything } from '../access/policy';
import { rolesIn, type AccessUser } from '../access/roles';
import { calendarOf } from '../read-model/entry-calendar';
import type { LifecycleEntry } from '../read-model/lifecycle-entry';
import { curly, ITEM_KIND_LABELS, ITEM_KINDS, itemKindOf, PHASE_LABELS, type ItemKind } from './labels';

export const PERIODS = ['all', 'month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = 'quarter';
export const PERIOD_LABELS: Record<Period, string> = {
  all: 'Toute la durée',
  month: 'Ce mois-ci',
  quarter: 'Trois prochains mois',
  year: 'Douze prochains mois',
};

/**
 * The filters, as GET query parameters (`?convention=…&type=…&periode=…`); an empty agreement or
 * type means « all », an empty period the default: the next three months.
 */
export const DashboardQuery = z.strictObject({
  convention: IdSchema.optional().or(z.literal('').transform(() => undefined)),
  type: z
    .enum(ITEM_KINDS)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  periode: z
    .enum(PERIODS)
    .optional()
    .or(z.literal('').transform(() => undefined)),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

export interface DueItem {
  agreementId: string;
  agreementTitle: string;
  kind: ItemKind;
  kindLabel: string;
  title: string;
  /** Local date the item is due or happens. */
  date: string;
  /** Sorting instant (epoch ms). */
  atMs: number;
  /** « mardi 3 juin 2025 à 10 h 00 », or the day alone when no time is claimed. */
  when: string;
  /** Said when the date was moved off a non-business day. */
  moved?: string;
  /** Further words: « en retard », « année 2025 »… */
  detail?: string;
}

export interface DashboardSection {
  id: 'overdue' | 'month' | 'meetings' | 'census' | 'sheets' | 'renewals';
  title: string;
  /** What the count counts, agreed with it (« 1 fiche projet à envoyer », « 2 fiches projet à envoyer »). */
  countLabel: string;
  /** Every matching item (the count) … */
  count: number;
  /** … and those shown (at most {@link SECTION_LIMIT}, the next meetings {@link NEXT_MEETINGS}). */
  items: DueItem[];
  empty: string;
}

export interface DashboardModel {
  today: string;
  filters: { convention?: string; type?: ItemKind; periode: Period };
  /** The agreements the user sees, by title, with their phase in words. */
  agreements: { id: string; title: string; phase: string }[];
  kinds: { value: ItemKind; label: string }[];
  periods: { value: Period; label: string }[];
  sections: DashboardSection[];
  /** Agreements the user sees (before the agreement filter). */
  agreementCount: number;
  /**
   * Referents and administrators: the agreements (after the agreement filter) with deliveries that
   * failed this year, to follow up on their page (`#echecs`).
   */
  failedDeliveries: { agreementId: string; agreementTitle: string; count: number; label: string }[];
}

/** One collator for every comparison: `localeCompare` with a locale builds one per call. */
const FRENCH = new Intl.Collator('fr');

export const SECTION_LIMIT = 50;
export const NEXT_MEETINGS = 10;

/**
 * An item before it is shown: its words (long French dates, through luxon) are only written for
 * the items a section shows, not for every meeting of every agreement an administrator sees.
 */
interface Candidate extends Omit<DueItem, 'when' | 'moved'> {
  section: DashboardSection['id'][];
  words: () => Pick<DueItem, 'when' | 'moved'>;
}

/** The model of « Mes échéances » for `user` at `nowMs`, over the lifecycles they may see. */
export function dashboardModel(
  visible: readonly LifecycleEntry[],
  user: AccessUser,
  nowMs: number,
  query: DashboardQuery = {},
): DashboardModel {
  const periode = query.periode ?? DEFAULT_PERIOD;
  const horizon = horizonOf(periode, nowMs);
  const days = localDays(nowMs, horizon);
  const todayParis = DateTime.fromMillis(nowMs, { zone: 'Europe/Paris' }).toISODate()!;
  const candidates: Candidate[] = [];
  const agreements = visible
    .map((e) => ({ id: e.agreement.id, title: e.agreement.title, phase: PHASE_LABELS[e.view.phase] }))
    .sort((a, b) => FRENCH.compare(a.title, b.title));
  const failedDeliveries: DashboardModel['failedDeliveries'] = [];
  for (const entry of visible) {
    if (query.convention && entry.agreement.id !== query.convention) continue;
    candidates.push(...itemsOf(entry, user, nowMs, days));
    const failed = entry.view.failures.length;
    if (failed > 0 && actsOnEverything(entry.agreement, user)) {
      failedDeliveries.push({
        agreementId: entry.agreement.id,
        agreementTitle: entry.agreement.title,
        count: failed,
        label: failed === 1 ? 'envoi en échec' : 'envois en échec',
      });
    }
  }
  failedDeliveries.sort((a, b) => FRENCH.compare(a.agreementTitle, b.agreementTitle));
  const kept = candidates.filter((c) => (query.type ? c.kind === query.type : true));
  kept.sort((a, b) => a.atMs - b.atMs || FRENCH.compare(a.agreementTitle, b.agreementTitle));
  // What is late, and renewal windows already open, are shown whatever the period.
  const horizonOk = (c: Candidate) =>
    c.section.includes('overdue') || c.section.includes('renewals') || horizon === undefined || c.atMs <= horizon;

  const section = (
    id: DashboardSection['id'],
    title: string,
    [one, many]: readonly [string, string],
    empty: string,
    limit = SECTION_LIMIT,
  ): DashboardSection => {
    const all = kept.filter((c) => c.section.includes(id) && (id === 'month' || horizonOk(c)));
    // French counts 0 and 1 in the singular.
    const countLabel = all.length <= 1 ? one : many;
    return { id, title, countLabel, empty, count: all.length, items: all.slice(0, limit).map(strip) };
  };
  return {
    today: longDate(todayParis),
    filters: {
      ...(query.convention ? { convention: query.convention } : {}),
      ...(query.type ? { type: query.type } : {}),
      periode,
    },
    agreements,
    kinds: ITEM_KINDS.map((value) => ({ value, label: ITEM_KIND_LABELS[value] })),
    periods: PERIODS.map((value) => ({ value, label: PERIOD_LABELS[value] })),
    agreementCount: visible.length,
    failedDeliveries,
    sections: [
      section('overdue', 'En retard', ['en retard', 'en retard'], 'Rien en retard.'),
      section('month', 'À faire ce mois-ci', ['à faire ce mois-ci', 'à faire ce mois-ci'], 'Rien ce mois-ci.'),
      section(
        'meetings',
        'Prochaines réunions',
        ['prochaine réunion', 'prochaines réunions'],
        'Aucune réunion à venir.',
        NEXT_MEETINGS,
      ),
      section(
        'census',
        'Recensements à répondre',
        ['recensement à répondre', 'recensements à répondre'],
        'Aucun recensement en attente de réponse.',
      ),
      section(
        'sheets',
        'Fiches projet à envoyer',
        ['fiche projet à envoyer', 'fiches projet à envoyer'],
        'Aucune fiche projet attendue.',
      ),
      section(
        'renewals',
        'Périodes de renouvellement ouvertes',
        ['période de renouvellement ouverte', 'périodes de renouvellement ouvertes'],
        'Aucune période de renouvellement ouverte.',
      ),
    ],
  };
}

function strip(c: Candidate): DueItem {
  const { section: _section, words, ...item } = c;
  return { ...item, ...words() };
}

/** The last instant the period covers (epoch ms); none for the whole term. */
function horizonOf(periode: Period, nowMs: number): number | undefined {
  if (periode === 'all') return undefined;
  const now = DateTime.fromMillis(nowMs, { zone: 'Europe/Paris' });
  return (periode === 'month' ? now.endOf('month') : now.plus({ months: periode === 'quarter' ? 3 : 12 })).toMillis();
}

/** Today, the end of this month and the day after the period, as local dates of a zone. */
interface LocalDays {
  today: string;
  monthEnd: string;
  /** Absent for the whole term. */
  lastDay?: string;
}

/** {@link LocalDays} per zone, computed once per page (luxon is costly across a thousand agreements). */
function localDays(nowMs: number, horizonMs: number | undefined): (zone: string) => LocalDays {
  const byZone = new Map<string, LocalDays>();
  return (zone) => {
    let d = byZone.get(zone);
    if (!d) {
      const now = DateTime.fromMillis(nowMs, { zone });
      // Past the period (and this month), nothing of the calendar is shown: compared as local
      // dates, the day after the horizon included, so that no entry is parsed for nothing.
      const lastDay =
        horizonMs === undefined ? undefined : DateTime.fromMillis(horizonMs, { zone }).plus({ days: 1 }).toISODate()!;
      d = { today: now.toISODate()!, monthEnd: now.endOf('month').toISODate()!, ...(lastDay ? { lastDay } : {}) };
      byZone.set(zone, d);
    }
    return d;
  };
}

/** Every item of one lifecycle that concerns `user`, tagged with the sections it belongs to. */
function itemsOf(
  entry: LifecycleEntry,
  user: AccessUser,
  nowMs: number,
  days: (zone: string) => LocalDays,
): Candidate[] {
  const { agreement, view } = entry;
  const everything = actsOnEverything(agreement, user);
  const mine = new Set(rolesIn(agreement, user.email).personIds);
  const concerns = (ids: readonly string[]) => everything || ids.some((id) => mine.has(id));
  const zone = agreement.timezone;
  const { today, monthEnd, lastDay } = days(zone);
  const held = new Set(view.meetings.map((m) => m.entryId));
  const answered = new Set(view.census.filter((c) => c.answeredOn).map((c) => c.year));
  const openCensus = view.census.filter((c) => !c.answeredOn && !c.closed);
  const base = { agreementId: agreement.id, agreementTitle: agreement.title };
  const out: Candidate[] = [];
  const thisMonth = (date: string) => date >= today && date <= monthEnd;

  for (const e of calendarOf(entry).entries) {
    if (e.undated) continue;
    // Entries are sorted by date: beyond the period, nothing more to show.
    if (lastDay !== undefined && e.date > lastDay && e.date > monthEnd) break;
    // Before today, only a census deadline still waiting for its answer matters.
    if (e.date < today && e.type !== 'census-deadline') continue;
    const kind = itemKindOf(e.type);
    // A meeting concerns its attendees (the indicators asked before it are an item of their own);
    // anything else, its attendees and whoever is reminded of it.
    const who = kind === 'meeting' ? e.attendees : [...e.attendees, ...e.reminders.flatMap((r) => r.to)];
    if (e.indicatorsDueOn && concerns(indicatorPeople(e))) {
      const atMs = Date.parse(DateTime.fromISO(e.indicatorsDueOn, { zone }).toISO()!);
      if (e.indicatorsDueOn >= today && !held.has(e.id))
        out.push({
          ...base,
          kind: 'indicators',
          kindLabel: ITEM_KIND_LABELS.indicators,
          title: `Indicateurs d’évaluation à fournir avant ${curly(e.title).toLowerCase()}`,
          date: e.indicatorsDueOn,
          atMs,
          words: () => ({ when: longDate(e.indicatorsDueOn!) }),
          ...(e.article ? { detail: e.article } : {}),
          section: thisMonth(e.indicatorsDueOn) ? ['month'] : [],
        });
    }
    if (!concerns(who)) continue;
    const atMs = Date.parse(e.at);
    const done = held.has(e.id) || (e.censusYear !== undefined && answered.has(e.censusYear));
    const sections: DashboardSection['id'][] = [];
    if (!done && thisMonth(e.date)) sections.push('month');
    if (kind === 'meeting' && !done && atMs >= nowMs) sections.push('meetings');
    if (
      e.type === 'census-deadline' &&
      e.date < today &&
      openCensus.some((c) => c.year === e.censusYear && c.openedOn !== undefined)
    )
      sections.push('overdue');
    if (e.type === 'census-deadline' && openCensus.some((c) => c.year === e.censusYear) && e.date >= today)
      sections.push('census');
    if (sections.length === 0) continue;
    out.push({ ...base, ...calendarItem(e, kind, zone), section: sections });
  }

  for (const s of [...view.overdueSheets, ...view.pendingSheets]) {
    if (!concerns(s.leads)) continue;
    const overdue = Date.parse(s.dueAt) < nowMs;
    const sections: DashboardSection['id'][] = ['sheets'];
    if (overdue) sections.push('overdue');
    else if (thisMonth(s.dueOn)) sections.push('month');
    out.push({ ...base, ...sheetItem(s, overdue), section: sections });
  }

  if (view.phase === 'renewal-window' && !view.renewal.meetingHeldOn) {
    const renewalPeople = agreement.people
      .filter((p) => p.roles.includes('referent') || p.roles.includes('signatory'))
      .map((p) => p.id);
    if (concerns(renewalPeople))
      out.push({
        ...base,
        kind: 'renewal',
        kindLabel: ITEM_KIND_LABELS.renewal,
        title: 'Tenir la rencontre préalable au renouvellement',
        date: view.effectiveEnd,
        atMs: Date.parse(DateTime.fromISO(view.effectiveEnd, { zone }).toISO()!),
        words: () => ({ when: `avant le ${longDate(view.effectiveEnd)}` }),
        detail: 'fin de l’accord',
        section: ['renewals'],
      });
  }
  return out;
}

/** The training contacts asked for the art. 8 indicators before a meeting. */
function indicatorPeople(e: CalendarEntry): string[] {
  return e.reminders.filter((r) => r.purpose === 'indicators').flatMap((r) => r.to);
}

function calendarItem(
  e: CalendarEntry,
  kind: ItemKind,
  zone: string,
): Omit<Candidate, 'agreementId' | 'agreementTitle' | 'section'> {
  const timed = kind === 'meeting' || (kind === 'event' && !e.allDay);
  return {
    kind,
    kindLabel: ITEM_KIND_LABELS[kind],
    title: curly(e.title),
    date: e.date,
    atMs: Date.parse(e.at),
    words: () => ({
      when: timed && !e.end ? longDateTime(e.at, zone) : longDate(e.date),
      ...(e.movedFrom
        ? { moved: `déplacée du ${longDate(e.movedFrom)}${e.movedBecause ? ` (${e.movedBecause})` : ''}` }
        : {}),
    }),
    ...(e.censusYear !== undefined ? { detail: `recensement ouvert en ${e.censusYear}` } : {}),
  };
}

function sheetItem(s: SheetRecord, overdue: boolean): Omit<Candidate, 'agreementId' | 'agreementTitle' | 'section'> {
  return {
    kind: 'sheet',
    kindLabel: ITEM_KIND_LABELS.sheet,
    title: `Fiche projet ${s.title}`,
    date: s.dueOn,
    atMs: Date.parse(s.dueAt),
    words: () => ({ when: `attendue le ${longDate(s.dueOn)}` }),
    detail: overdue ? 'en retard' : `recensement ouvert en ${s.censusYear}`,
  };
}

/** The agreements a user sees: every one for an administrator, else those naming their e-mail. */
export function visibleAgreements(
  model: { all(): LifecycleEntry[]; forEmail(email: string): LifecycleEntry[] },
  user: AccessUser,
): LifecycleEntry[] {
  return user.isAdmin ? model.all() : model.forEmail(user.email);
}
