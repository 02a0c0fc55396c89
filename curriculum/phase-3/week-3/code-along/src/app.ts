import Fastify, { type FastifyInstance } from 'fastify';
// In your project this is `from '@my-docs-api/adapter-postgres'`: npm links the workspace package into
// node_modules. This code-along folder is not an installed workspace, so it names the file.
import { createDatabase, PostgresDocumentRepository } from '../packages/adapter-postgres/src/index.js';
import { DocumentService } from './application/document-service.js';
import type { Clock } from './application/ports/clock.port.js';
import type { DocumentCache } from './application/ports/document-cache.port.js';
import { DocumentConflictError } from './application/ports/document-repository.port.js';
import type { EventPublisher } from './application/ports/event-publisher.port.js';
import { DomainError } from './domain/index.js';
import { documentRoutes } from './document-routes.js';
import { logEventPublisher, systemClock } from './event-log.js';

export interface AppOptions {
  readonly databaseUrl: string;
  /** The cache adapter. @default none (status `disabled`: every read goes to Postgres) */
  readonly cache?: DocumentCache;
  /** @default one debug line of the log per event */
  readonly events?: EventPublisher;
  /** @default the system clock */
  readonly clock?: Clock;
  /** fastify's logger option. @default false */
  readonly logger?: boolean;
}

/** What a missing cache adapter is: your RedisDocumentCache behaves like this without REDIS_URL. */
const noCache: DocumentCache = { status: 'disabled', get: async () => undefined, fill: async () => {}, invalidate: async () => {} };

/**
 * The composition root: the one file that knows which adapter fills which port. It creates the Postgres adapter
 * from the configuration (and closes its pool with the app), takes the others from the options, hands all four
 * to the use cases, and mounts the HTTP adapter on them. It never listens (server.ts does); tests call inject.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false });
  const db = createDatabase({ databaseUrl: options.databaseUrl });
  app.addHook('onClose', async () => {
    await db.destroy();
  });
  const repository = new PostgresDocumentRepository(db);
  const cache = options.cache ?? noCache;
  const documents = new DocumentService({
    repository,
    cache,
    events: options.events ?? logEventPublisher(app.log),
    clock: options.clock ?? systemClock,
  });

  // The port's errors, in HTTP's words (your project's problem-details plugin does the same with TypeBox).
  app.setErrorHandler((error: unknown, _request, reply) => {
    const problem = (status: number, title: string, detail: string, extra: object = {}) =>
      reply.code(status).type('application/problem+json').send({ type: 'about:blank', title, status, detail, ...extra });
    if (error instanceof DomainError) return problem(400, 'Bad Request', error.message, { code: error.code });
    if (error instanceof DocumentConflictError) return problem(409, 'Conflict', error.message, { field: error.field });
    const { validation, message } = error as { validation?: unknown; message?: string };
    if (validation) return problem(400, 'Bad Request', message ?? 'invalid request');
    app.log.error({ err: error }, 'request failed');
    return problem(500, 'Internal Server Error', 'the request failed');
  });

  app.get('/health', async (_request, reply) => {
    try {
      await repository.ping();
    } catch {
      return reply.code(503).send({ status: 'down', checks: { database: 'down', cache: cache.status } });
    }
    return { status: cache.status === 'up' ? 'ok' : 'degraded', checks: { database: 'up', cache: cache.status } };
  });
  await app.register(documentRoutes, { documents });
  return app;
}
