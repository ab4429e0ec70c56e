/**
 * « Télécharger le calendrier » : the agreement's whole-term calendar as iCalendar, exactly as
 * `pacte plan --ics` writes it (same UIDs as the reminder invitations, so an import updates).
 *
 * @module
 */
import { renderPlanIcs } from '../../client/render/plan-ics';
import { calendarOf } from '../read-model/entry-calendar';
import type { LifecycleEntry } from '../read-model/lifecycle-entry';

export function calendarIcs(entry: LifecycleEntry): string {
  return renderPlanIcs(entry.agreement, calendarOf(entry));
}
