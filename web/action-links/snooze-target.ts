/**
 * Where a « me le rappeler dans 3 jours » link stands (issue 16): open while its thread still
 * has a reminder for the link's person; done (« rappel reporté au … ») once snoozed with this
 * link, that is since the e-mail it came in was due (a later e-mail's link offers a new snooze);
 * gone when the thread is done or has no reminder left; refused when the thread's reminders go
 * to others only. Pure: reads the lifecycle's `state` answer (`threads`, `snoozes`).
 *
 * @module
 */
import type { ActionLinkClaims } from '../../contracts/action-link';
import type { LifecycleView } from '../../contracts/lifecycle-view';
import type { Agreement, Person } from '../../domain/agreement';
import { censusLabel } from './census-label';
import { parseThread, snoozeUntil, SNOOZE_DAYS, type ThreadRef } from '../../domain/reminder-thread';
import type { Target } from './target';

/** The thread in words, as the page's heading names it. */
function labelOf(ref: ThreadRef, title: string, agreement: Pick<Agreement, 'census'>): string {
  switch (ref.kind) {
    case 'census':
      return censusLabel(agreement, ref.year);
    case 'sheet':
      return `Fiche projet «\u00a0${title}\u00a0»`;
    case 'indicators':
      return `Indicateurs de la réunion «\u00a0${title}\u00a0»`;
    case 'followup':
      return `Suivi de la réunion «\u00a0${title}\u00a0»`;
  }
}

export function snoozeTarget(
  claims: ActionLinkClaims,
  view: LifecycleView,
  person: Person,
  nowMs: number,
  agreement: Pick<Agreement, 'census'>,
): Target {
  const ref = parseThread(claims.item);
  if (!ref) return { kind: 'gone' };
  const threads = (view.threads ?? []).filter((t) => t.thread === claims.item);
  const mine = threads.find((t) => t.personId === person.id);
  if (!mine) return threads.length > 0 ? { kind: 'refused' } : { kind: 'gone' };
  const item = {
    label: labelOf(ref, mine.title, agreement),
    snooze: {
      thread: claims.item,
      next: mine.next,
      last: mine.last,
      ...(mine.dueOn ? { dueOn: mine.dueOn } : {}),
      until: snoozeUntil(nowMs, SNOOZE_DAYS.link, view.timezone),
    },
  };
  const snoozed = (view.snoozes ?? [])
    .filter((s) => s.thread === claims.item && s.personId === person.id && Date.parse(s.at) >= claims.iat * 1000)
    .at(-1);
  if (snoozed)
    return {
      kind: 'done',
      person,
      item,
      on: snoozed.at.slice(0, 10),
      snoozed: { until: snoozed.until, next: mine.next, nextIsLast: mine.next === mine.last },
    };
  return { kind: 'open', person, item, operation: 'snoozeReminders' };
}
