/**
 * The `state` query's answer and the Web UI's current details, computed from the lifecycle
 * state and its calendar. Pure.
 *
 * @module
 */
import type { Calendar } from '../domain/calendar-types';
import type { LifecycleState } from '../contracts/lifecycle-state';
import type { LifecycleView } from '../contracts/lifecycle-view';

const UPCOMING = 10;

export function lifecycleView(state: LifecycleState, calendar: Calendar, nowMs: number): LifecycleView {
  const upcoming = calendar.entries.filter((e) => Date.parse(e.at) >= nowMs);
  const pendingSheets = state.sheets.filter((s) => !s.submittedOn);
  const overdueSheets = pendingSheets.filter((s) => Date.parse(s.dueAt) < nowMs);
  const deadlines = [
    ...upcoming.map((e) => Date.parse(e.at)),
    ...pendingSheets.map((s) => Date.parse(s.dueAt)).filter((t) => t >= nowMs),
  ].sort((a, b) => a - b);
  const agreement = state.agreement;
  return {
    agreementId: agreement.id,
    title: agreement.title,
    kind: agreement.kind,
    timezone: agreement.timezone,
    locale: agreement.locale,
    phase: state.phase,
    version: state.version,
    startsOn: agreement.term.startsOn,
    endsOn: agreement.term.endsOn,
    effectiveEnd: calendar.effectiveEnd,
    ...(state.facts.notice ? { notice: state.facts.notice } : {}),
    nextEvents: upcoming.slice(0, UPCOMING).map((e) => ({
      id: e.id,
      type: e.type,
      title: e.title,
      date: e.date,
      at: e.at,
      ...(e.allDay ? { allDay: true as const } : {}),
      ...(e.end ? { end: e.end } : {}),
      ...(e.window ? { window: e.window } : {}),
      ...(e.movedFrom ? { movedFrom: e.movedFrom } : {}),
    })),
    ...(deadlines.length > 0 ? { nextDeadline: new Date(deadlines[0]!).toISOString() } : {}),
    pendingSheets: pendingSheets.filter((s) => !overdueSheets.includes(s)),
    overdueSheets,
    submittedSheets: state.sheets.filter((s) => s.submittedOn),
    census: state.census,
    meetings: state.meetings,
    indicators: state.indicators ?? [],
    declinedReminders: state.declinedReminders ?? [],
    disputes: state.disputes,
    renewal: state.renewal,
    ...(state.predecessorId ? { predecessorId: state.predecessorId } : {}),
    amendments: state.amendments,
    sent: state.sent,
    failures: state.failures,
    pastYears: state.pastYears ?? [],
    journal: (state.journal ?? []).map((entry) => {
      const personId = entry.recordedBy?.personId;
      const name = personId === undefined ? undefined : agreement.people.find((p) => p.id === personId)?.name;
      return name === undefined ? entry : { ...entry, byName: name };
    }),
    runs: state.runs,
  };
}

/** Markdown for the Web UI's "current details" (≤ 20 KB): what an administrator looks for first. */
export function currentDetails(view: LifecycleView): string {
  const lines = [
    `**Phase** : ${view.phase} · version ${view.version} · fin effective ${view.effectiveEnd}`,
    '',
    '**Prochaines échéances**',
    ...(view.nextEvents.length
      ? view.nextEvents.slice(0, 5).map((e) => `- ${e.date} · ${e.title} (${e.type})`)
      : ['- aucune']),
  ];
  if (view.pendingSheets.length || view.overdueSheets.length) {
    lines.push('', '**Fiches projet**');
    for (const s of view.overdueSheets) lines.push(`- ⚠ ${s.title} : attendue le ${s.dueOn} (en retard)`);
    for (const s of view.pendingSheets) lines.push(`- ${s.title} : attendue le ${s.dueOn}`);
  }
  const sent = view.sent.length + view.pastYears.reduce((n, y) => n + y.sent, 0);
  const failed = view.failures.length + view.pastYears.reduce((n, y) => n + y.failures, 0);
  lines.push('', `**Envois** : ${sent} · **échecs** : ${failed}`);
  for (const f of view.failures.slice(-5)) lines.push(`- ✗ ${f.day} → ${f.to} : ${f.reason.slice(0, 160)}`);
  if (view.journal.length) {
    // Who by person id and channel only: names and accounts (e-mails) stay out of the Web UI's details.
    lines.push('', '**Dernières opérations**');
    for (const j of view.journal.slice(-5).reverse())
      lines.push(`- ${j.at.slice(0, 16).replace('T', ' ')} · ${j.operation} (${j.summary.kind}) · ${byline(j)}`);
  }
  return lines.join('\n');
}

const VIA: Record<string, string> = { cli: 'CLI', web: 'web', 'email-link': 'lien de l’e-mail' };

function byline(entry: LifecycleView['journal'][number]): string {
  if (!entry.recordedBy) return 'origine non dite';
  const via = VIA[entry.recordedBy.via] ?? entry.recordedBy.via;
  return entry.recordedBy.personId ? `${entry.recordedBy.personId} · ${via}` : via;
}
