/**
 * The choices a form offers, read from the agreement as the lifecycle holds it and from its state:
 * its parties, its people, its census years, the project sheets still awaited, the meeting
 * occurrences already past and not yet recorded. Offering only what the lifecycle can accept
 * spares people most refusals; the lifecycle's validator still judges every value.
 *
 * Pure: the planner and the agreement only.
 *
 * @module
 */
import { censusProgrammeYear } from '../action-links/census-label';
import type { Agreement } from '../../domain/agreement';
import { planCalendar } from '../../domain/calendar';
import type { LifecycleView } from '../../contracts/lifecycle-view';
import { longDate } from '../../client/render/french-dates';
import type { FieldOption } from './form-types';

/** What the forms of one agreement are built from. */
export interface FormContext {
  agreement: Agreement;
  /** The lifecycle's state when it could be read: narrows sheets and meetings to what is open. */
  view?: Pick<LifecycleView, 'pendingSheets' | 'overdueSheets' | 'meetings' | 'census' | 'indicators'> &
    Partial<Pick<LifecycleView, 'submittedSheets'>>;
  /** Today in the agreement's zone (`YYYY-MM-DD`): no date after it is offered. */
  today: string;
}

/** How many past meeting occurrences the select lists, most recent first. */
const PAST_MEETINGS_SHOWN = 24;

export function partyChoices({ agreement }: FormContext): FieldOption[] {
  return agreement.parties.map((p) => ({ value: p.id, label: p.name }));
}

/** The agreement's axes (COT): whose tracking table is late. */
export function axisChoices({ agreement }: FormContext): FieldOption[] {
  return agreement.axes.map((axis) => ({ value: axis.id, label: axis.title }));
}

export function personChoices({ agreement }: FormContext): FieldOption[] {
  const partyName = new Map(agreement.parties.map((p) => [p.id, p.name]));
  return agreement.people.map((p) => ({ value: p.id, label: `${p.name} (${partyName.get(p.party) ?? p.party})` }));
}

/** The years the agreement's census runs, as the planner lists them. */
export function censusYearChoices({ agreement }: FormContext): FieldOption[] {
  if (!agreement.census) return [];
  const years = planCalendar(agreement)
    .entries.filter((e) => e.type === 'census-open' && e.censusYear !== undefined)
    .map((e) => e.censusYear!);
  // The year the form sends first (typing it selects the option), then the programme year the e-mails name.
  return [...new Set(years)].map((y) => ({
    value: String(y),
    label: `${y} (demandes de formation ${censusProgrammeYear(agreement, y)})`,
  }));
}

/** The sheets awaited (pending or late); without a state, every project the agreement names. */
export function sheetProjectChoices({ agreement, view }: FormContext): FieldOption[] {
  if (view) {
    return [...view.overdueSheets, ...view.pendingSheets].map((s) => ({
      value: s.projectId,
      label: `${s.title} (recensement ouvert en ${s.censusYear}, attendue le ${longDate(s.dueOn)})`,
    }));
  }
  return agreement.axes.flatMap((a) => a.projects).map((p) => ({ value: p.id, label: p.title }));
}

/** Meeting occurrences on or before today that are not recorded yet, the latest first. */
export function meetingOccurrenceChoices({ agreement, view, today }: FormContext): FieldOption[] {
  const types = new Set(Object.keys(agreement.meetings));
  const recorded = new Set((view?.meetings ?? []).map((m) => m.entryId));
  return planCalendar(agreement)
    .entries.filter((e) => types.has(e.type) && e.date <= today && !recorded.has(e.id))
    .reverse()
    .slice(0, PAST_MEETINGS_SHOWN)
    .map((e) => ({ value: e.id, label: `${e.title} du ${longDate(e.date)}` }));
}

/** Meeting occurrences whose art. 8 indicators are due and not recorded yet, the nearest due first. */
export function indicatorsChoices({ agreement, view, today }: FormContext): FieldOption[] {
  const recorded = new Set((view?.indicators ?? []).map((r) => r.entryId));
  const open = planCalendar(agreement).entries.filter((e) => e.indicatorsDueOn !== undefined && !recorded.has(e.id));
  // The ones already due (latest first), then the next one ahead.
  const due = open.filter((e) => e.indicatorsDueOn! <= today).reverse();
  const ahead = open.filter((e) => e.indicatorsDueOn! > today).slice(0, 1);
  return [...ahead, ...due].slice(0, PAST_MEETINGS_SHOWN).map((e) => ({
    value: e.id,
    label: `${e.title} du ${longDate(e.date)} (attendus le ${longDate(e.indicatorsDueOn!)})`,
  }));
}
