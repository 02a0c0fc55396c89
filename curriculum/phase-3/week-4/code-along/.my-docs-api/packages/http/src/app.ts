import { createDatabase, PostgresDocumentRepository } from '@my-docs-api/adapter-postgres';
import { RedisDocumentCache } from '@my-docs-api/adapter-redis';
import { DocumentService, type EventPublisher } from '@my-docs-api/application';
import { DomainError } from '@my-docs-api/domain';
import Fastify, { type FastifyInstance } from 'fastify';

export interface AppOptions {
  readonly databaseUrl: string;
  readonly redisUrl: string;
}

/**
 * The composition root: the only package that imports adapters (only-http-imports-adapters). It creates them
 * from the configuration, closes them with the app, and hands them to the use cases as ports.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify();
  const db = createDatabase(options.databaseUrl);
  const cache = new RedisDocumentCache(options.redisUrl);
  app.addHook('onClose', async () => {
    await cache.close();
    await db.destroy();
  });
  const events: EventPublisher = {
    async publish(batch) {
      for (const e of batch) app.log.debug({ event: e.type, id: e.id }, 'document event');
    },
  };
  const documents = new DocumentService({ repository: new PostgresDocumentRepository(db), cache, events, clock: { now: () => new Date() } });

  app.setErrorHandler((error: unknown, _request, reply) => {
    if (error instanceof DomainError) return reply.code(400).send({ title: 'Bad Request', status: 400, detail: error.message, code: error.code });
    return reply.code(500).send({ title: 'Internal Server Error', status: 500 });
  });
  app.get<{ Params: { id: string } }>('/documents/:id', async (request, reply) => {
    const document = await documents.getById(Number(request.params.id));
    return document ?? reply.code(404).send({ title: 'Not Found', status: 404 });
  });
  app.post<{ Body: { url: string; slug: string; title: string } }>('/documents', async (request, reply) => {
    return reply.code(201).send(await documents.publish(request.body));
  });
  return app;
}
