import { defineConfig } from 'vitest/config';

// The scraper's own suite; the root config runs it as a project once wired in.
export default defineConfig({
  test: { name: 'scraper', include: ['src/**/*.test.ts'], testTimeout: 20_000 },
});
