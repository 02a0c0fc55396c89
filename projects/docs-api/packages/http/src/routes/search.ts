import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Problem, SearchQuery, SearchResults } from '../schemas.js';

/** Full-text search over titles (weighted higher) and bodies, in websearch syntax (`"exact phrase" -word or`). */
export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/search', { schema: { querystring: SearchQuery, response: { 200: SearchResults, 400: Problem, 503: Problem, 500: Problem } } }, async (request) => {
    const { q, limit } = request.query;
    return { query: q, items: await app.documents.search(q, limit) };
  });
};
