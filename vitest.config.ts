import { defineConfig } from 'vitest/config';

// The Temporal native bridge wants real processes (not worker threads), and the servers the
// integration tests start are heavy on a 2-core machine: run test files one at a time.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/cluster/live/**'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
});
