/**
 * The planner benchmark alone (`npm run bench:plan`): B1 of the suite, kept as its own command
 * for quick checks while working on `domain/calendar.ts`. `npm run bench -- --only B1` is the
 * same measure with the report.
 *
 * @module
 */
import { b1Planning } from './b1-planning';
import { table } from './report';

const quick = process.argv.includes('--quick');
const t0 = Date.now();
const result = await b1Planning({
  quick,
  metricsAddress: '', // B1 runs no worker
  log: (m) => console.log(`[B1 ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`),
});
console.log(`\n${table(result.headers, result.rows)}`);
