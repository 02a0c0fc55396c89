import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'

/** The small slice of a Postgres client this code-along needs; both drivers below fit it. */
export interface Db {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[] }>
  /** Runs several `;`-separated statements (no parameters). */
  exec(sql: string): Promise<void>
  readonly schema: string
  close(): Promise<void>
}

/**
 * Connects to DATABASE_URL when it is set (CI, or your local Postgres), else starts an in-memory
 * PGlite (Postgres compiled to WebAssembly). Either way all tables live in a fresh, uniquely named
 * schema, so parallel test files never see each other's tables; close() drops it.
 */
export async function openDb(prefix: string): Promise<Db> {
  const schema = `${prefix}_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`
  const url = process.env.DATABASE_URL
  if (url) return connectPostgres(url, schema, { create: true })
  const lite = new PGlite()
  await lite.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`)
  return {
    schema,
    query: async <R>(sql: string, params?: readonly unknown[]) => ({ rows: (await lite.query<R>(sql, params as unknown[])).rows }),
    exec: async (sql) => {
      await lite.exec(sql)
    },
    close: () => lite.close(),
  }
}

/**
 * One node-postgres connection whose search_path is `schema`. With `create: true` the schema is
 * created now and dropped by close(); otherwise it must exist and is left alone.
 */
export async function connectPostgres(url: string, schema: string, { create = false } = {}): Promise<Db> {
  // node-postgres returns int8 (bigint, count(*)) as a string because it can exceed 2^53;
  // our ids and counts never will, so parse them as numbers, as PGlite does.
  const types = new pg.TypeOverrides()
  types.setTypeParser(20, (value: string) => Number(value))
  const client = new pg.Client({ connectionString: url, types })
  await client.connect()
  await client.query(`${create ? `CREATE SCHEMA ${schema}; ` : ''}SET search_path TO ${schema}`)
  return {
    schema,
    query: async <R>(sql: string, params?: readonly unknown[]) => ({ rows: (await client.query(sql, params as unknown[])).rows as R[] }),
    exec: async (sql) => {
      await client.query(sql)
    },
    close: async () => {
      if (create) await client.query(`DROP SCHEMA ${schema} CASCADE`)
      await client.end()
    },
  }
}
