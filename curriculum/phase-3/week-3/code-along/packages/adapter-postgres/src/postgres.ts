import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';

export interface PostgresOptions {
  readonly databaseUrl: string;
  /** @default 10 */
  readonly maxConnections?: number;
}

/** kysely over a pg Pool that connects lazily: the API starts while Postgres is down and answers 503 until it is back. */
export function createDatabase(options: PostgresOptions): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.maxConnections ?? 10, connectionTimeoutMillis: 2_000 });
  // An idle client whose server went away emits 'error' on the pool; without a listener Node would crash.
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
