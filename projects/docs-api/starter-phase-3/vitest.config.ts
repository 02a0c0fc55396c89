import { defineConfig } from 'vitest/config';

// The tests need the Postgres and Redis of DATABASE_URL / REDIS_URL (default: the local ones); each file makes
// its own database and Redis key prefix. Keep them green through the whole refactor: they are its safety net.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
