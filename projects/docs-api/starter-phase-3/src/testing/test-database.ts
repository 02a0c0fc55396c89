import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { migrate } from '../migrate.js';
import { createDatabase } from '../postgres.js';

/** The server the tests use (trust auth): DATABASE_URL, else the local `test` database. */
export const BASE_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** The Redis the tests share, isolated by key prefix and channel. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** A kysely handle for seeding and asserting (closed by `drop`). */
  readonly db: Kysely<Database>;
  drop(): Promise<void>;
}

/** A random suffix for database names, Redis prefixes and channels, so test files never share state. */
export function uniqueName(prefix: string): string {
  return `${prefix}${randomBytes(6).toString('hex')}`;
}

/** The same server URL pointing at another database, host or port. */
export function withDatabase(url: string, database: string, hostPort?: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (hostPort) u.host = hostPort;
  return u.toString();
}

/** Creates an empty database `docs_api_<random>` for one test file, optionally migrated to the latest. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = uniqueName('docs_api_');
  const admin = new pg.Client({ connectionString: BASE_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(BASE_DATABASE_URL, name);
  const db = createDatabase({ databaseUrl: url, maxConnections: 4 });
  if (options.migrate !== false) await migrate(db, 'latest');
  return {
    name,
    url,
    db,
    async drop() {
      await db.destroy();
      const client = new pg.Client({ connectionString: BASE_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
