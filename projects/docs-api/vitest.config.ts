import { defineConfig } from 'vitest/config';

// The docs-api suite runs against the real Postgres and Redis (DATABASE_URL, REDIS_URL, else the local ones).
// Each test file makes its own database and its own Redis key prefix and channel, so files run in parallel with
// each other and with other projects; the timeouts leave room for the seeding, the migration-under-load and
// the outage tests on a 2-core machine.
export default defineConfig({
  test: { name: 'docs-api', include: ['src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
