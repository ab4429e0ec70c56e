/**
 * Who hears of an axis's tracking table (COT, annex 3): its pilots keep it (« Suivi mensuel,
 * tableau de suivi ») and the leads of its projects feed it (« Restitution des travaux au
 * pilote »). Each axis apart: a project lead never hears of another axis's table. Pure.
 *
 * @module
 */
import type { Agreement, Axis, LocalDate } from './agreement';

/** Known person ids only, sorted, without duplicates. */
function known(agreement: Agreement, ids: Iterable<string>): string[] {
  return [...new Set(ids)].filter((id) => agreement.people.some((p) => p.id === id)).sort();
}

/** A project runs in the year of `date` when the file gives no years or lists that one. */
function leadsOn(axis: Axis, date: LocalDate): string[] {
  const year = Number(date.slice(0, 4));
  return axis.projects.filter((p) => p.years === undefined || p.years.includes(year)).flatMap((p) => p.leads);
}

/** The project leads of `axis` whose project runs in the year of `date`. */
export function axisLeads(agreement: Agreement, axis: Axis, date: LocalDate): string[] {
  return known(agreement, leadsOn(axis, date));
}

/** The pilots and project leads of one axis, told that its tracking table is late. */
export function axisTrackingRecipients(agreement: Agreement, axis: Axis, date: LocalDate): string[] {
  return known(agreement, [...axis.pilots, ...leadsOn(axis, date)]);
}

/** No axis named: the pilots alone (people with the role and every axis's pilots), no project lead. */
export function pilotsOnly(agreement: Agreement): string[] {
  const byRole = agreement.people.filter((p) => p.roles.includes('pilot')).map((p) => p.id);
  return known(agreement, [...byRole, ...agreement.axes.flatMap((axis) => axis.pilots)]);
}

/** What a lead's or pilot's message names about an axis: its title, pilots and running projects. */
export function axisDetails(
  agreement: Agreement,
  axis: Axis,
  date: LocalDate,
): { id: string; title: string; pilots: string[]; projects: string[] } {
  const year = Number(date.slice(0, 4));
  const name = (id: string) => agreement.people.find((p) => p.id === id)?.name ?? id;
  return {
    id: axis.id,
    title: axis.title,
    pilots: axis.pilots.map(name),
    projects: axis.projects.filter((p) => p.years === undefined || p.years.includes(year)).map((p) => p.title),
  };
}
