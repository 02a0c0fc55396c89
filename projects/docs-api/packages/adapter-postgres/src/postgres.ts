import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';

export interface PostgresOptions {
  readonly databaseUrl: string;
  /** @default 10 */
  readonly maxConnections?: number;
  /** Called with errors of idle connections (Postgres restarted, network cut); the pool drops those clients. */
  readonly onIdleError?: (error: Error) => void;
}

/** How busy a database's pg Pool is, read at the moment of asking (a metrics scrape). */
export interface PoolStats {
  /** Clients open, idle or checked out. */
  readonly total: number;
  readonly idle: number;
  /** Queries waiting for a client because all `max` are checked out. */
  readonly waiting: number;
  /** The pool's size (`maxConnections`). */
  readonly max: number;
}

// kysely keeps its dialect's pool to itself; the pool of each database this module opened, for poolStats.
const pools = new WeakMap<Kysely<Database>, { readonly pool: pg.Pool; readonly max: number }>();

/**
 * The pool counts of a database opened by createDatabase (undefined for any other kysely instance). It reads
 * pg's own counters, so it costs nothing until someone asks.
 */
export function poolStats(db: Kysely<Database>): PoolStats | undefined {
  const opened = pools.get(db);
  if (!opened) return undefined;
  const { pool, max } = opened;
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max };
}

/**
 * Opens a kysely instance over a pg Pool. The pool connects lazily, so an API started while Postgres is down
 * still starts and answers 503 until Postgres is back; a broken client is dropped and replaced on the next query.
 */
export function createDatabase(options: PostgresOptions): Kysely<Database> {
  const max = options.maxConnections ?? 10;
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max,
    // Fail fast when Postgres is unreachable: a request waits at most this long for a connection, then 503.
    connectionTimeoutMillis: 2_000,
    idleTimeoutMillis: 10_000,
    query_timeout: 10_000,
  });
  // An idle client whose server went away emits 'error' on the pool; without a listener Node would crash.
  pool.on('error', (error) => options.onIdleError?.(error));
  // A checked-out client whose socket dies emits 'error' on itself too (after failing its query), and nobody
  // listens there while kysely holds it: without this, a Postgres restart mid-query crashes the process. The
  // pool drops the client on release (it is no longer queryable).
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, { pool, max });
  return db;
}

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/**
 * True when an error means "Postgres is unreachable or going away" (so: 503, try again later) rather than a bad
 * query: socket errors, pg's connection timeouts, SQLSTATE class 08 and the shutdown / too-many-connections codes.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (CONNECTION_ERROR_CODES.has(code)) return true;
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300') return true;
  }
  return /Connection terminated|timeout exceeded when trying to connect|Query read timeout|connect ECONNREFUSED|Client has encountered a connection error/i.test(
    error.message,
  );
}
