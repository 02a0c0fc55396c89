/**
 * Your docs API starts here. `roadmap verify phase-2` runs this file as
 *
 *   node --import tsx src/cli.ts migrate up          (one migration; `migrate latest` for all)
 *   node --import tsx src/cli.ts import FILE         (the scraper's NDJSON)
 *   node --import tsx src/cli.ts serve --port 0      (prints {"event":"listening","url":"http://127.0.0.1:PORT"})
 *
 * with DATABASE_URL and REDIS_URL set, and holds the result to the contract in README.md. Until this file does
 * something, verify fails and says why.
 *
 * Suggested order (one Saturday each, roughly):
 *   1. kysely + pg: a `documents` table in a migration (kysely's Migrator), `migrate`, and `import` that upserts
 *      by URL in batches, streaming the file line by line;
 *   2. fastify: an app factory (`app.ts`, never listens) and `serve`; GET /documents (cursor pagination),
 *      GET /documents/:id, GET /documents/by-slug/:slug, POST/PUT/DELETE, JSON schemas, problem+json errors;
 *   3. full-text search: a generated tsvector column, a GIN index, GET /search?q=; EXPLAIN your hot queries;
 *   4. cache-aside in Redis for reads, invalidated on every write through a pub/sub channel, plus a small
 *      in-process layer for hot keys;
 *   5. an expand/contract migration (rename a column in three steps) that runs while the API serves;
 *   6. resilience: Redis down → serve from Postgres; Postgres down → 503 with Retry-After, recover by itself.
 */
export {};
