/**
 * Prints one plain closing line, `vitest: N passed, N failed, N skipped`, that any CI log reader
 * understands, after vitest's own summary, and fails the run when a test was skipped.
 *
 * A skipped test is a check that did not happen: `it.skip`, `it.todo`, a `describe.runIf(…)` or
 * `skipIf(…)` whose condition was false, `ctx.skip()` in a test. vitest counts these as neither
 * passed nor failed and exits 0; this reporter sets a failing exit code (`process.exitCode`, which
 * vitest's CLI exits with) and names them. The only tests not counted are those a name filter
 * (`-t`) left out, since the run was not asked for them.
 */
import type { Reporter, TestCase, TestModule, Vitest } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  private namePattern: RegExp | undefined;

  onInit(vitest: Vitest): void {
    const pattern = vitest.config.testNamePattern;
    this.namePattern = pattern === undefined ? undefined : new RegExp(pattern);
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    const skipped: TestCase[] = [];
    for (const module of testModules) {
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failedHere++;
        else if (!this.namePattern || this.namePattern.test(test.fullName)) skipped.push(test);
      }
      // A file whose set-up failed (e.g. a server that did not start) fails, even if no test ran.
      if (module.state() === 'failed' && failedHere === 0) failedHere = 1;
      failed += failedHere;
    }
    if (skipped.length > 0) {
      console.log(`\nvitest: skipped tests fail the run (a check that did not happen):`);
      for (const test of skipped) console.log(`  skipped: ${test.module.relativeModuleId} > ${test.fullName}`);
      process.exitCode = 1;
    }
    console.log(
      `\nvitest: ${passed} passed, ${failed + skipped.length} failed, ${skipped.length} skipped${skipped.length > 0 ? ' (counted as failed)' : ''}`,
    );
  }
}
