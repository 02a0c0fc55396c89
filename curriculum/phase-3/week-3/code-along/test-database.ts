import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import type { Sql } from './adapters/sql.js'

export interface TestDatabase {
  readonly sql: Sql
  readonly kind: 'postgres' | 'pglite'
  close(): Promise<void>
}

/**
 * A real database for adapter tests: the Postgres at DATABASE_URL when set (CI), else an in-memory
 * PGlite. Each call gets its own schema, so test files can run in parallel and clean up after
 * themselves.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const schema = `kata_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`
  const url = process.env.DATABASE_URL
  if (url) {
    // One Client, not a Pool: SET search_path applies to a single connection.
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query(`CREATE SCHEMA ${schema}`)
    await client.query(`SET search_path TO ${schema}`)
    return {
      kind: 'postgres',
      sql: { query: async <R>(text: string, params?: unknown[]) => ({ rows: (await client.query(text, params)).rows as R[] }) },
      close: async () => {
        await client.query(`DROP SCHEMA ${schema} CASCADE`)
        await client.end()
      },
    }
  }
  const db = new PGlite()
  await db.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema};`)
  return {
    kind: 'pglite',
    sql: { query: async <R>(text: string, params?: unknown[]) => ({ rows: (await db.query<R>(text, params)).rows }) },
    close: () => db.close(),
  }
}
