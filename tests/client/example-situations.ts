/**
 * Where the server's "now" falls in each example for the CLI test (operations-cli.test.ts), and
 * the dates its operations take from Terre Valserhône's shifted plan. Shared with
 * example-placement.test.ts, which proves these placements exist on any date.
 */
import { activeAfterFirst, ENDED, firstEntry, RUNNING, type Placed, type Situation } from '../support/placement';

export const VALSERHONE_FILE = 'convention-cadre-terre-valserhone.yaml';
export const COT_FILE = 'cot-seine-et-marne.yaml';

export const SITUATIONS: Record<string, Situation> = {
  [VALSERHONE_FILE]: activeAfterFirst('annual-review'),
  'schema-cooperation-cdg-bretagne.yaml': RUNNING,
  [COT_FILE]: ENDED,
  'plan-action-vaucluse.yaml': ENDED,
};

/** The operations' dates: the first annual review (recorded as held), the first census (answered when it opened). */
export function valserhoneDates(placed: Placed): {
  review: { id: string; date: string };
  census: { year: number; opensOn: string; years: number[] };
} {
  const review = firstEntry(placed, 'annual-review');
  const opens = placed.calendar.entries.filter((e) => e.type === 'census-open');
  return {
    review: { id: review.id, date: review.date },
    census: { year: opens[0]!.censusYear!, opensOn: opens[0]!.date, years: opens.map((e) => e.censusYear!) },
  };
}
