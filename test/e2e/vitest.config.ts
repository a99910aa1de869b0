// The browser suite: real app, real chromium, one file at a time (one browser is enough and
// the machine has two cores). `npm run test:e2e`; `npm test` runs it after the unit suites.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
