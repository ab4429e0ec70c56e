/**
 * The `state` query's answer and the Web UI's current details, computed from the lifecycle
 * state and its calendar. Pure.
 *
 * @module
 */
import type { Calendar } from '../domain/calendar-types';
import type { LifecycleState } from '../contracts/lifecycle-state';
import type { LifecycleView, ThreadReminders } from '../contracts/lifecycle-view';
import { nextDeadlineMs } from '../domain/next-deadline';
import { threadOf } from '../domain/reminder-thread';
import type { DueItem } from './due-items';

const UPCOMING = 10;

/**
 * The view; with `pending` (the due items, for the `state` query only: the search attributes
 * and details do not need them), each person's reminders still to come per thread.
 */
export function lifecycleView(
  state: LifecycleState,
  calendar: Calendar,
  nowMs: number,
  pending?: DueItem[],
): LifecycleView {
  const upcoming = calendar.entries.filter((e) => Date.parse(e.at) >= nowMs);
  const pendingSheets = state.sheets.filter((s) => !s.submittedOn);
  const overdueSheets = pendingSheets.filter((s) => Date.parse(s.dueAt) < nowMs);
  const deadline = nextDeadlineMs(
    calendar,
    pendingSheets.map((s) => s.dueAt),
    nowMs,
  );
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
    ...(deadline !== undefined ? { nextDeadline: new Date(deadline).toISOString() } : {}),
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
    ...(state.snoozes ? { snoozes: state.snoozes } : {}),
    ...(pending ? { threads: threadReminders(pending) } : {}),
    runs: state.runs,
  };
}

/** Due items (sorted by instant) grouped by thread and person. */
function threadReminders(pending: DueItem[]): ThreadReminders[] {
  const byThread = new Map<string, ThreadReminders>();
  for (const item of pending) {
    const thread = threadOf(item);
    if (!thread) continue;
    for (const personId of item.to) {
      const key = `${thread}|${personId}`;
      const known = byThread.get(key);
      if (known) known.last = item.at;
      else
        byThread.set(key, {
          thread,
          personId,
          title: item.subject.title,
          next: item.at,
          last: item.at,
          ...(item.details?.dueOn ? { dueOn: item.details.dueOn } : {}),
        });
    }
  }
  return [...byThread.values()];
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
      lines.push(
        `- ${j.at.slice(0, 16).replace('T', ' ')} · ${j.operation} (${j.summary.kind})${inWords(j.summary)} · ${byline(j)}`,
      );
  }
  return lines.join('\n');
}

/** A few words for the operations whose kind alone says too little. */
function inWords(summary: LifecycleView['journal'][number]['summary']): string {
  if (summary.kind !== 'reminders-snoozed') return '';
  return ` : rappels ${summary.thread} de ${summary.personId} reportés au ${summary.until.slice(0, 10)}`;
}

const VIA: Record<string, string> = { cli: 'CLI', web: 'web', 'email-link': 'lien de l’e-mail' };

function byline(entry: LifecycleView['journal'][number]): string {
  if (!entry.recordedBy) return 'origine non dite';
  const via = VIA[entry.recordedBy.via] ?? entry.recordedBy.via;
  return entry.recordedBy.personId ? `${entry.recordedBy.personId} · ${via}` : via;
}
