import { defineConfig } from 'vitest/config';

// Every package's tests, without a build: the `source` condition resolves @my-docs-api/* to their src/*.ts.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: { include: ['packages/*/src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
