import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../database.js';
import { migrateToLatest } from '../migrations.js';
import { createDatabase } from '../postgres.js';

export interface TestDatabase {
  /** Where the adapter under test connects: a database of its own, migrated to the latest. */
  readonly url: string;
  /** `postgres` (DATABASE_URL's server) or `pglite` (in memory, served over the Postgres protocol). */
  readonly kind: 'postgres' | 'pglite';
  /** A kysely handle for seeding and asserting (closed by `drop`). */
  readonly db: Kysely<Database>;
  drop(): Promise<void>;
}

/**
 * A real Postgres for one test file. With DATABASE_URL (CI; trust auth): a new database `docs_api_<random>` on
 * that server, dropped WITH (FORCE) afterwards, so test files run in parallel. Without it: PGlite (Postgres
 * compiled to WebAssembly) in memory, served by pglite-socket on a free port, so the adapter talks to it with
 * the very same pg Pool it uses in production. Your project's helper, moved here from src/testing, needs only
 * the first branch (its tests always have a Postgres).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL;
  return base ? onServer(base) : inPglite();
}

async function onServer(base: string): Promise<TestDatabase> {
  const name = `docs_api_${randomBytes(6).toString('hex')}`;
  await asAdmin(base, `CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = createDatabase({ databaseUrl: url.toString(), maxConnections: 4 });
  await migrateToLatest(db);
  return {
    url: url.toString(),
    kind: 'postgres',
    db,
    async drop() {
      await db.destroy();
      await asAdmin(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function asAdmin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function inPglite(): Promise<TestDatabase> {
  const lite = await PGlite.create();
  // Port 0: the OS picks a free one. Connections share the one PGlite; their queries are queued, not parallel.
  const server = new PGLiteSocketServer({ db: lite, host: '127.0.0.1', port: 0, maxConnections: 16 });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  const db = createDatabase({ databaseUrl: url, maxConnections: 4 });
  await migrateToLatest(db);
  return {
    url,
    kind: 'pglite',
    db,
    async drop() {
      await db.destroy();
      await server.stop();
      await lite.close();
    },
  };
}
