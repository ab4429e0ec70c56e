/**
 * The pure models of the web pages (web/view-models/, web/exports/tracking-table.ts), on the
 * example agreements as written, with the lifecycle's own view function and a `now` passed in:
 * « Mes échéances » per person and role, filters and counts; the agreement page's timeline (today
 * marked, moved dates and deadlines said in words), plan list, state, deliveries by name.
 */
import { OPERATION_SLUGS } from '../../web/forms/operation-forms';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Agreement } from '../../domain/agreement';
import { planCalendar } from '../../domain/calendar';
import { parseAgreement } from '../../domain/parse-agreement';
import { initialLifecycleState, type LifecycleState } from '../../contracts/lifecycle-state';
import type { JournalView } from '../../contracts/lifecycle-view';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import { lifecycleView } from '../../workflows/lifecycle-view';
import { trackingRows } from '../../web/exports/tracking-table';
import type { LifecycleEntry } from '../../web/read-model/lifecycle-entry';
import { agreementPageModel } from '../../web/view-models/agreement-model';
import { DashboardQuery, dashboardModel } from '../../web/view-models/dashboard-model';
import { readExample } from '../support/placement';

function example(name: string): Agreement {
  const parsed = parseAgreement(readExample(name));
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.agreement;
}

/** A lifecycle entry as the read model would hold it: the lifecycle's own view of `state` at `nowMs`. */
function entryOf(agreement: Agreement, nowMs: number, edit: (s: LifecycleState) => void = () => {}): LifecycleEntry {
  const state = initialLifecycleState({ agreement }, `${agreement.term.startsOn}T00:00:00.000Z`);
  edit(state);
  const calendar = planCalendar(agreement, { ...state.facts, now: new Date(nowMs).toISOString() });
  return {
    workflowId: lifecycleWorkflowId(agreement.id),
    agreement,
    view: lifecycleView(state, calendar, nowMs),
    historyLength: 10,
    loadedAt: nowMs,
  };
}

const paris = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' }).toMillis();
const valserhone = example('convention-cadre-terre-valserhone');
const cot = example('cot-seine-et-marne');
const emailOf = (a: Agreement, id: string) => a.people.find((p) => p.id === id)!.email;
const person = (a: Agreement, id: string) => ({ email: emailOf(a, id), isAdmin: false });

function sheet(projectId: string, dueOn: string, leads: string[]): LifecycleState['sheets'][number] {
  return {
    projectId,
    title: `Projet ${projectId}`,
    censusYear: 2025,
    leads,
    notifiedOn: '2025-10-20',
    dueOn,
    dueAt: DateTime.fromISO(`${dueOn}T18:00`, { zone: 'Europe/Paris' }).toISO()!,
    escalateAt: DateTime.fromISO(`${dueOn}T18:00`, { zone: 'Europe/Paris' }).plus({ days: 7 }).toISO()!,
    reminders: [],
  };
}

// 20 November 2025: census 2025 closed on 15 October unanswered, indicators due before the
// annual review of 9 December, one sheet late and one due this month.
const NOW = paris('2025-11-20T10:00');
const valserhoneEntry = entryOf(valserhone, NOW, (s) => {
  s.census.push({ year: 2025, openedOn: '2025-09-01' });
  s.sheets.push(sheet('late', '2025-11-10', ['formation-terre-valserhone']));
  s.sheets.push(sheet('soon', '2025-11-28', ['ref-terre-valserhone']));
  s.sent.push({
    messageId: '<a@pacte>',
    day: '2025-11-10',
    sentAt: '2025-11-10T08:00:00.000Z',
    to: 'formation-terre-valserhone',
    purposes: ['indicators'],
    reminderIds: [],
  });
  s.sent.push({
    messageId: '<b@pacte>',
    day: '2025-11-10',
    sentAt: '2025-11-10T08:00:00.000Z',
    to: 'ref-cnfpt',
    purposes: ['meeting'],
    reminderIds: [],
  });
  s.failures.push({
    messageId: '<c@pacte>',
    day: '2025-11-12',
    failedAt: '2025-11-12T08:00:00.000Z',
    to: 'sign-cnfpt',
    reminderIds: [],
    kind: 'permanent',
    reason: '550 mailbox unavailable',
  });
});

const titles = (m: ReturnType<typeof dashboardModel>, id: string) =>
  m.sections.find((s) => s.id === id)!.items.map((i) => i.title);
const count = (m: ReturnType<typeof dashboardModel>, id: string) => m.sections.find((s) => s.id === id)!.count;

describe('« Mes échéances »', () => {
  it('gives a referent every item of the agreement: overdue census and sheet, this month, the next meeting', () => {
    const m = dashboardModel([valserhoneEntry], person(valserhone, 'ref-cnfpt'), NOW);
    expect(m.today).toBe('jeudi 20 novembre 2025');
    expect(titles(m, 'overdue')).toEqual([
      'Clôture du recensement des demandes de formation 2026',
      'Fiche projet Projet late',
    ]);
    expect(titles(m, 'month')).toEqual([
      'Indicateurs d’évaluation à fournir avant rencontre annuelle de suivi du partenariat',
      'Fiche projet Projet soon',
    ]);
    expect(titles(m, 'meetings')[0]).toBe('Rencontre annuelle de suivi du partenariat');
    expect(m.sections.find((s) => s.id === 'meetings')!.items[0]!.when).toBe('mardi 9 décembre 2025 à 14 h 00');
    expect(count(m, 'sheets')).toBe(2);
    expect(count(m, 'renewals')).toBe(0);
  });

  it('counts failed deliveries for referents and administrators, linking to the agreement, and not for others', () => {
    const referent = dashboardModel([valserhoneEntry], person(valserhone, 'ref-cnfpt'), NOW);
    expect(referent.failedDeliveries).toEqual([
      { agreementId: valserhone.id, agreementTitle: valserhone.title, count: 1, label: 'envoi en échec' },
    ]);
    const admin = dashboardModel([valserhoneEntry], { email: 'admin@example.org', isAdmin: true }, NOW);
    expect(admin.failedDeliveries.map((f) => f.count)).toEqual([1]);
    const contact = dashboardModel([valserhoneEntry], person(valserhone, 'formation-terre-valserhone'), NOW);
    expect(contact.failedDeliveries).toEqual([]);
    const filtered = dashboardModel([valserhoneEntry], person(valserhone, 'ref-cnfpt'), NOW, {
      convention: 'another-agreement',
    });
    expect(filtered.failedDeliveries).toEqual([]);
  });

  it('says each count in agreement with it: one « fiche projet », two « fiches projet », none in the singular', () => {
    const label = (m: ReturnType<typeof dashboardModel>, id: string) => m.sections.find((s) => s.id === id)!.countLabel;
    const referent = dashboardModel([valserhoneEntry], person(valserhone, 'ref-cnfpt'), NOW);
    expect(count(referent, 'sheets')).toBe(2);
    expect(label(referent, 'sheets')).toBe('fiches projet à envoyer');
    const contact = dashboardModel([valserhoneEntry], person(valserhone, 'formation-terre-valserhone'), NOW);
    expect(count(contact, 'sheets')).toBe(1);
    expect(label(contact, 'sheets')).toBe('fiche projet à envoyer');
    expect(count(contact, 'meetings')).toBe(0);
    expect(label(contact, 'meetings')).toBe('prochaine réunion');
    expect(count(referent, 'meetings')).toBe(1);
    expect(label(referent, 'meetings')).toBe('prochaine réunion');
  });

  it('gives a training contact their own items only: the census, the indicators, their sheet; no meeting', () => {
    const m = dashboardModel([valserhoneEntry], person(valserhone, 'formation-terre-valserhone'), NOW);
    expect(titles(m, 'overdue')).toEqual([
      'Clôture du recensement des demandes de formation 2026',
      'Fiche projet Projet late',
    ]);
    expect(titles(m, 'month')).toEqual([
      'Indicateurs d’évaluation à fournir avant rencontre annuelle de suivi du partenariat',
    ]);
    expect(count(m, 'meetings')).toBe(0);
    expect(titles(m, 'sheets')).toEqual(['Fiche projet Projet late']);
  });

  it('gives a signatory the renewal window once it is open, and a stranger nothing', () => {
    const inWindow = paris('2027-02-10T10:00');
    const entry = entryOf(valserhone, inWindow, (s) => {
      s.phase = 'renewal-window';
    });
    const m = dashboardModel([entry], person(valserhone, 'sign-terre-valserhone'), inWindow);
    expect(titles(m, 'renewals')).toEqual(['Tenir la rencontre préalable au renouvellement']);
    expect(m.sections.find((s) => s.id === 'renewals')!.items[0]!.when).toBe('avant le vendredi 31 décembre 2027');
    const stranger = dashboardModel([entry], { email: 'nobody@example.org', isAdmin: false }, inWindow);
    expect(stranger.sections.every((s) => s.count === 0)).toBe(true);
  });

  it('filters by agreement, kind and period (GET parameters, validated), and counts what it filters', () => {
    const cotNow = paris('2011-10-20T10:00');
    const cotEntry = entryOf(cot, cotNow);
    const admin = { email: 'admin@example.org', isAdmin: true };
    const both = [valserhoneEntry, cotEntry];
    const all = dashboardModel(both, admin, cotNow, DashboardQuery.parse({ periode: 'all' }));
    expect(all.agreementCount).toBe(2);
    expect(new Set(all.sections.flatMap((s) => s.items.map((i) => i.agreementId)))).toEqual(
      new Set([cot.id, valserhone.id]),
    );
    const onlyCot = dashboardModel(both, admin, cotNow, DashboardQuery.parse({ convention: cot.id, periode: 'all' }));
    expect(new Set(onlyCot.sections.flatMap((s) => s.items.map((i) => i.agreementId)))).toEqual(new Set([cot.id]));
    const meetingsOnly = dashboardModel(both, admin, cotNow, DashboardQuery.parse({ type: 'meeting', periode: '' }));
    expect(meetingsOnly.sections.flatMap((s) => s.items).every((i) => i.kind === 'meeting')).toBe(true);
    // The next meetings within this month only, against the whole term.
    const month = dashboardModel([cotEntry], admin, cotNow, DashboardQuery.parse({ periode: 'month' }));
    const whole = dashboardModel([cotEntry], admin, cotNow, DashboardQuery.parse({ periode: 'all' }));
    expect(count(month, 'meetings')).toBeGreaterThan(0);
    expect(count(whole, 'meetings')).toBeGreaterThan(count(month, 'meetings'));
    for (const i of month.sections.find((s) => s.id === 'meetings')!.items) expect(i.date <= '2011-10-31').toBe(true);
    // No period chosen: the next three months.
    const byDefault = dashboardModel([cotEntry], admin, cotNow);
    expect(byDefault.filters.periode).toBe('quarter');
    expect(count(byDefault, 'meetings')).toBeGreaterThan(count(month, 'meetings'));
    expect(count(byDefault, 'meetings')).toBeLessThan(count(whole, 'meetings'));
    for (const i of byDefault.sections.find((s) => s.id === 'meetings')!.items)
      expect(i.date <= '2012-01-20').toBe(true);
    expect(() => DashboardQuery.parse({ periode: 'demain' })).toThrow(/periode/);
    expect(() => DashboardQuery.parse({ convention: 'Jean.Dupont@example.org' })).toThrow(/convention/);
    expect(() => DashboardQuery.parse({ autre: '1' })).toThrow();
  });
});

describe('the agreement page', () => {
  it('draws the whole term month by month, today marked in words, deadlines told apart', () => {
    const m = agreementPageModel(valserhoneEntry, person(valserhone, 'ref-cnfpt'), NOW);
    expect(m.timeline.months.map((x) => x.key)[0]).toBe('2025-01');
    expect(m.timeline.months.at(-1)!.key).toBe('2027-12');
    expect(m.timeline.months).toHaveLength(36);
    const current = m.timeline.months.filter((x) => x.current);
    // The month's first letter only: « Novembre 2025 » (the view's « (mois en cours) » stays lower case).
    expect(current.map((x) => x.label)).toEqual(['Novembre 2025']);
    // Today falls after the late sheet (10th) and before the indicators (24th).
    const before = current[0]!.marks.slice(0, current[0]!.todayIndex).map((x) => x.date);
    expect(before.every((d) => d < '2025-11-20')).toBe(true);
    expect(current[0]!.marks.slice(current[0]!.todayIndex).every((x) => x.date >= '2025-11-20')).toBe(true);
    expect(m.timeline.todayOutside).toBeUndefined();
    const deadlines = m.timeline.months.flatMap((x) => x.marks.filter((k) => k.deadline).map((k) => k.title));
    expect(deadlines).toContain('Clôture du recensement des demandes de formation 2026');
    expect(deadlines).toContain('Fiche projet Projet soon');
    expect(deadlines).not.toContain('Rencontre annuelle de suivi du partenariat');
  });

  it('explains moved dates in the timeline and in the plan list, as `pacte plan` does', () => {
    const m = agreementPageModel(
      entryOf(cot, paris('2011-10-20T10:00')),
      person(cot, 'ref-cg77'),
      paris('2011-10-20T10:00'),
    );
    const moved = m.plan.find((p) => p.id === 'pilot-review-2011-11-01')!;
    expect(moved.moved).toBe('déplacée du mardi 1er novembre 2011 (Toussaint)');
    expect(moved.when).toBe('mercredi 2 novembre 2011 à 10 h 00');
    expect(moved.attendees).toContain('Danièle Mallegol');
    const mark = m.timeline.months.find((x) => x.key === '2011-11')!.marks.find((k) => k.moved)!;
    expect(mark.moved).toBe('déplacée du mardi 1er novembre 2011 (Toussaint)');
  });

  it('says when today is outside the term', () => {
    const later = paris('2030-01-10T10:00');
    const m = agreementPageModel(entryOf(cot, later), person(cot, 'ref-cg77'), later);
    expect(m.timeline.months.some((x) => x.current)).toBe(false);
    expect(m.timeline.todayOutside).toMatch(/après la fin de la durée de l’accord/);
  });

  it('names the recipients of reminders and failures; non-referents see only their own', () => {
    const ref = agreementPageModel(valserhoneEntry, person(valserhone, 'ref-cnfpt'), NOW);
    expect(ref.sent.map((s) => s.to).sort()).toEqual(['Camille Martin', 'Sophie Bernard']);
    expect(ref.failures).toEqual([
      {
        day: 'mercredi 12 novembre 2025',
        to: 'Vincent Fabre',
        kind: 'adresse refusée',
        reason: '550 mailbox unavailable',
      },
    ]);
    const contact = agreementPageModel(valserhoneEntry, person(valserhone, 'formation-terre-valserhone'), NOW);
    expect(contact.sent.map((s) => s.to)).toEqual(['Sophie Bernard']);
    expect(contact.failures).toEqual([]);
    expect(JSON.stringify(ref)).not.toMatch(/@example\.org/);
  });

  it('offers each person the operations they may use, and administrators the Temporal Web UI', () => {
    const ref = agreementPageModel(valserhoneEntry, person(valserhone, 'ref-cnfpt'), NOW, {
      temporalUi: { base: 'http://localhost:8233/', namespace: 'default' },
    });
    expect(ref.actions.map((a) => a.href)).toContain('/conventions/valserhone-2025/operations/amend');
    // Every link leads to an operation page that exists.
    for (const { href } of ref.actions) expect(OPERATION_SLUGS).toContain(href.split('/operations/')[1]);
    expect(ref.temporalUiUrl).toBeUndefined();
    const contact = agreementPageModel(valserhoneEntry, person(valserhone, 'formation-terre-valserhone'), NOW);
    // The training contact also records the art. 8 indicators she is reminded of.
    expect(contact.actions.map((a) => a.label)).toEqual([
      'Répondre au recensement',
      'Envoyer une fiche projet',
      'Enregistrer l’envoi des indicateurs',
    ]);
    const admin = agreementPageModel(valserhoneEntry, { email: 'a@example.org', isAdmin: true }, NOW, {
      temporalUi: { base: 'http://localhost:8233/', namespace: 'default' },
    });
    expect(admin.temporalUiUrl).toBe('http://localhost:8233/namespaces/default/workflows/agreement-valserhone-2025');
    expect(admin.you).toMatch(/administrateur/);
  });
});

describe('the journal of operations', () => {
  it('says in words which reminders a snooze postponed, for whom and until when', () => {
    const snoozed = {
      ...valserhoneEntry,
      view: {
        ...valserhoneEntry.view,
        journal: <JournalView[]>[
          {
            at: '2025-10-01T09:00:00.000+02:00',
            operation: 'snoozeReminders',
            summary: {
              kind: 'reminders-snoozed',
              thread: 'census/2025',
              personId: 'ref-terre-valserhone',
              until: '2025-10-04T09:00:00.000+02:00',
              next: '2025-10-04T09:00:00.000+02:00',
              nextIsLast: false,
            },
            recordedBy: { via: 'email-link', personId: 'ref-terre-valserhone' },
          },
        ],
      },
    };
    const [entry] = agreementPageModel(snoozed, person(valserhone, 'ref-cnfpt'), NOW).journal;
    expect(entry?.operation).toBe(
      'Rappel reporté\u00a0: recensement 2025\u00a0: rappels de Julien Moreau reportés au samedi 4 octobre 2025 — prochain rappel le samedi 4 octobre 2025',
    );
    expect(entry?.by).toMatch(/, par lien d’un courriel$/);
  });

  it('is shown newest first, with who recorded what and from where, never the account', () => {
    const withJournal = {
      ...valserhoneEntry,
      view: {
        ...valserhoneEntry.view,
        journal: <JournalView[]>[
          {
            at: '2025-10-01T09:00:00.000+02:00',
            operation: 'recordCensusAnswer',
            summary: { kind: 'census-answered', year: 2025, answeredOn: '2025-10-01' },
            recordedBy: { via: 'cli', account: 'root' },
          },
          {
            at: '2025-10-02T09:00:00.000+02:00',
            operation: 'recordCensusAnswer',
            summary: { kind: 'census-answered', year: 2026, answeredOn: '2025-10-02' },
            // `PACTE_ACCOUNT` set to the address of one of the agreement's people: named.
            recordedBy: { via: 'cli', account: 'Sophie.Bernard@example.org' },
          },
          {
            at: '2025-11-18T15:30:00.000+01:00',
            operation: 'recordMeeting',
            summary: {
              kind: 'meeting-held',
              entryId: 'annual-review-2025-12-09',
              title: 'Rencontre annuelle',
              date: '2025-12-09',
              heldOn: '2025-11-18',
            },
            recordedBy: { via: 'web', personId: 'ref-cnfpt', account: 'camille.martin@example.org' },
          },
        ],
      },
    };
    const m = agreementPageModel(withJournal, person(valserhone, 'ref-cnfpt'), NOW);
    expect(m.journal).toEqual([
      { at: 'mardi 18 novembre 2025 à 15 h 30', operation: 'Réunion tenue', by: 'Camille Martin, par application web' },
      {
        at: 'jeudi 2 octobre 2025 à 9 h 00',
        operation: 'Réponse au recensement',
        by: 'Sophie Bernard, par ligne de commande',
      },
      { at: 'mercredi 1er octobre 2025 à 9 h 00', operation: 'Réponse au recensement', by: 'par ligne de commande' },
    ]);
    expect(JSON.stringify(m.journal)).not.toContain('@');
    expect(agreementPageModel(valserhoneEntry, person(valserhone, 'ref-cnfpt'), NOW).journal).toEqual([]);
  });
});

describe('the tracking table', () => {
  it('has one row per item of the term, with its owner, due date and status', () => {
    const rows = trackingRows(valserhoneEntry, NOW);
    const review = rows.find((r) => r.item === 'Rencontre annuelle de suivi du partenariat' && r.due === '2025-12-09')!;
    expect(review).toMatchObject({ kind: 'Réunion', owner: 'Camille Martin, Julien Moreau', status: 'à venir' });
    expect(rows.find((r) => r.item === 'Fiche projet Projet late (2025)')).toMatchObject({
      owner: 'Sophie Bernard',
      status: 'en retard',
    });
    const census = rows.find((r) => r.item === 'Clôture du recensement des demandes de formation 2026')!;
    // The training contact answers; after the close, the CNFPT referent notifies the retained projects.
    expect(census).toMatchObject({ owner: 'Sophie Bernard, Camille Martin', status: 'passée' });
    const dates = rows.map((r) => r.due ?? '9999');
    expect(dates).toEqual([...dates].sort());
  });
});
