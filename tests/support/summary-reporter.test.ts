/**
 * The summary reporter makes vitest exit non-zero when a test was skipped, and counts it: vitest
 * itself run as CI runs it (its CLI, a child process) on fixture files, its exit code and closing
 * line checked.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG = 'tests/support/fixtures/summary-reporter/vitest.config.ts';

function vitest(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', CONFIG, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
    timeout: 90_000,
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

describe('summary reporter', () => {
  it('lets a run where every test ran pass (exit 0)', () => {
    const run = vitest('all-pass');
    expect(run.output).toContain('vitest: 2 passed, 0 failed, 0 skipped');
    expect(run.status, run.output).toBe(0);
  });

  it('fails a run with skipped tests (it.skip, a false runIf): exit 1, counted and named', () => {
    const run = vitest('with-skips');
    expect(run.output).toContain('vitest: 1 passed, 2 failed, 2 skipped (counted as failed)');
    expect(run.output).toContain('skipped: with-skips.fixture.ts > with skips > is skipped');
    expect(run.output).toContain('skipped: with-skips.fixture.ts > conditional suite > needs what is not there');
    expect(run.status, run.output).toBe(1);
  });

  it('does not count the tests a name filter (-t) left out', () => {
    const run = vitest('all-pass', '-t', 'adds');
    expect(run.output).toContain('vitest: 1 passed, 0 failed, 0 skipped');
    expect(run.status, run.output).toBe(0);
  });
});
