/**
 * A census in words, as its e-mails name it: by the programme year it feeds (« Recensement des
 * demandes de formation 2027 » for the census opened in autumn 2026), while links and operations
 * carry the year it opens (docs/calendar-rules.md). Without the agreement's census, the year as
 * given.
 *
 * @module
 */
import type { Agreement } from '../../domain/agreement';
import { programmeYearOf } from '../../domain/calendar-entries';

/** The programme year the census opening in `year` feeds. */
export function censusProgrammeYear(agreement: Pick<Agreement, 'census'> | undefined, year: number): number {
  return agreement?.census ? programmeYearOf(agreement.census.opensOn, year) : year;
}

export function censusLabel(agreement: Pick<Agreement, 'census'> | undefined, year: number): string {
  return `Recensement des demandes de formation ${censusProgrammeYear(agreement, year)}`;
}
