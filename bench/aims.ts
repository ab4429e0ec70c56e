/**
 * What each benchmark aims for, as data: a benchmark returns its measured ratios with their aims,
 * the report shows them, and `npm run bench -- --check` exits 1 when one falls short, so that a
 * full run guards against regressions (CI's quick run measures too few to judge, so `--check`
 * refuses `--quick`).
 *
 * @module
 */

export interface Aim {
  /** What is measured, in words (`B4 Seine-et-Marne: actions / minimum`). */
  what: string;
  measured: number;
  /** The bound the measure must meet. */
  aim: number;
  /** `at-least`: measured ≥ aim (a throughput ratio); `at-most`: measured ≤ aim (a cost). */
  direction: 'at-least' | 'at-most';
}

export function isMet(aim: Aim): boolean {
  if (!Number.isFinite(aim.measured)) return false;
  return aim.direction === 'at-least' ? aim.measured >= aim.aim : aim.measured <= aim.aim;
}

/** One line per aim: `met` or `NOT met`, the measure and its bound. */
export function describeAim(aim: Aim): string {
  const bound = `${aim.direction === 'at-least' ? '≥' : '≤'} ${aim.aim}`;
  const figure = Number.isFinite(aim.measured) ? aim.measured.toFixed(2) : 'not measured';
  return `${isMet(aim) ? 'met' : 'NOT met'} ${aim.what}: ${figure} (aim ${bound})`;
}

/** The aims that fall short, and the aims expected but absent from the results (a benchmark that failed). */
export function shortfalls(aims: Aim[], failedBenchmarks: string[]): string[] {
  return [
    ...aims.filter((aim) => !isMet(aim)).map(describeAim),
    ...failedBenchmarks.map((id) => `NOT met ${id}: the benchmark failed, nothing to compare`),
  ];
}
