import { defineConfig } from 'vitest/config';

// The docs-api suite: every package's tests (packages/*/src/**/*.test.ts). The domain's and the application's
// need nothing; the adapters' and the app's run against the real Postgres and Redis (DATABASE_URL, REDIS_URL,
// else the local ones). Each test file makes its own database and its own Redis key prefix and channel, so files
// run in parallel with each other and with other projects; the timeouts leave room for the seeding, the
// migration-under-load and the outage tests on a 2-core machine. The `source` condition resolves
// @docs-api/* to their src, so the tests need no build (serve-binary.test.ts runs the built binary).
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: { name: 'docs-api', include: ['packages/*/src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
