// One suite for both engines: PGlite by default, PostgreSQL when TEST_DATABASE_URL is set.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'plugins/**/*.test.ts', 'web/**/*.test.{ts,tsx}', 'workers/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules/**', 'test/e2e/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
