import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { createDatabase, PostgresDocumentRepository, type Database } from '@docs-api/adapter-postgres';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    repository: PostgresDocumentRepository;
  }
}

export interface PostgresPluginOptions {
  readonly databaseUrl: string;
  /** @default 10 */
  readonly maxConnections?: number;
}

/** Postgres for the app: `app.db` (kysely over a pg Pool) and `app.repository`; the pool ends on close. */
export const postgresPlugin = fp(async (app: FastifyInstance, options: PostgresPluginOptions) => {
  const db = createDatabase({
    databaseUrl: options.databaseUrl,
    ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }),
    onIdleError: (error) => app.log.warn({ err: error.message }, 'postgres: an idle connection failed; the pool replaces it'),
  });
  app.decorate('db', db);
  app.decorate('repository', new PostgresDocumentRepository(db));
  app.addHook('onClose', async () => {
    await db.destroy();
  });
}, { name: 'postgres' });
