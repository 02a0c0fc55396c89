import { defineConfig } from 'vitest/config';

// The docs-api suite: every package's tests (packages/*/src/**/*.test.ts). The domain's and the application's
// need nothing; the adapters' and the app's run against the real Postgres and Redis (DATABASE_URL, REDIS_URL,
// else the local ones). Each test file makes its own database and its own Redis key prefix and channel, so files
// run in parallel with each other and with other projects; the timeouts leave room for the seeding, the
// migration-under-load and the outage tests on a 2-core machine. The `source` condition resolves
// @docs-api/* to their src, so the tests need no build (serve-binary.test.ts runs the built binary).
//
// The coverage gate (`npm run test:coverage`, part of `npm run ci`): vitest reads `coverage` only from the root
// config of a run, so it applies when this folder is the root (`vitest run --coverage` here), not in the
// repository's `vitest run`, which runs this file as one of its projects without coverage. Thresholds are the
// gate: a drop below them exits 1. Excluded: the tests and the testing/ helpers the tests start services with.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    name: 'docs-api',
    include: ['packages/*/src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts'],
      exclude: ['packages/*/src/**/*.test.ts', 'packages/*/src/testing/**'],
      reporter: ['text-summary', 'json-summary', 'html'],
      reportsDirectory: 'coverage',
      thresholds: { lines: 85, branches: 85 },
    },
  },
});
