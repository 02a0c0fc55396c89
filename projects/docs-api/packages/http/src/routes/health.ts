import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RETRY_AFTER_SECONDS } from '../plugins/problem-details.js';
import { HttpProblem, PROBLEM } from '../problem.js';
import { Health, Problem } from '../schemas.js';

/**
 * Health: 200 `ok` when Postgres and Redis answer, 200 `degraded` when only the cache is missing (the API still
 * serves, uncached), 503 problem+json when Postgres does not answer.
 */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', { schema: { response: { 200: Health, 503: Problem } } }, async () => {
    const cache = app.cache.status;
    try {
      await app.repository.ping();
    } catch (error) {
      app.log.warn({ err: (error as Error).message }, 'health: database unreachable');
      throw new HttpProblem(503, PROBLEM.databaseUnavailable, 'the database is unreachable', { checks: { database: 'down', cache } }, {
        'retry-after': String(RETRY_AFTER_SECONDS),
      });
    }
    return { status: cache === 'up' ? ('ok' as const) : ('degraded' as const), checks: { database: 'up' as const, cache } };
  });
};
