import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant (stryker.config.mjs): the domain's and the application's, which
// need no service, so a mutant costs milliseconds and the mutation gate needs no Postgres or Redis.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: { name: 'docs-api-mutation', include: ['packages/{domain,application}/src/**/*.test.ts'] },
});
