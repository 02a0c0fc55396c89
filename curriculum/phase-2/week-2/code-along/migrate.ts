import { createHash } from 'node:crypto'
import type { Db } from './db.js'

export interface Migration {
  /** Sortable and unique, e.g. '002_expand_content'. Never rename one that has been applied. */
  readonly id: string
  readonly sql: string
  /**
   * false for statements Postgres refuses to run in a transaction, such as CREATE INDEX CONCURRENTLY.
   * Such a migration must be a single statement. @default true
   */
  readonly transactional?: boolean
}

const LOCK_KEY = 4_242_001 // any constant: all deployers must agree on it

function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex')
}

/**
 * Applies pending migrations in id order and returns the ids it applied. Like Prisma Migrate's
 * `migrate deploy`, it records each applied migration with a checksum and refuses to continue if an
 * applied migration's file was edited afterwards. An advisory lock keeps two deploys from migrating
 * at the same time; each transactional migration commits or rolls back as a whole.
 */
export async function migrate(db: Db, migrations: readonly Migration[]): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`)
  await db.query('SELECT pg_advisory_lock($1)', [LOCK_KEY])
  try {
    const { rows } = await db.query<{ id: string; checksum: string }>('SELECT id, checksum FROM schema_migrations')
    const applied = new Map(rows.map((row) => [row.id, row.checksum]))
    const sorted = [...migrations].sort((a, b) => a.id.localeCompare(b.id))
    const done: string[] = []
    for (const migration of sorted) {
      const sum = checksum(migration.sql)
      const recorded = applied.get(migration.id)
      if (recorded !== undefined) {
        if (recorded !== sum) throw new Error(`Migration ${migration.id} was modified after it was applied`)
        continue
      }
      await apply(db, migration, sum)
      done.push(migration.id)
    }
    return done
  } finally {
    await db.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY])
  }
}

async function apply(db: Db, migration: Migration, sum: string): Promise<void> {
  const record = () => db.query('INSERT INTO schema_migrations (id, checksum) VALUES ($1, $2)', [migration.id, sum])
  try {
    if (migration.transactional === false) {
      await db.query(migration.sql)
      await record()
      return
    }
    await db.exec('BEGIN')
    try {
      // Never queue behind a long-running query while holding up everyone queued behind us:
      // give up after 5 s and retry the deploy later instead.
      await db.exec(`SET LOCAL lock_timeout = '5s'`)
      await db.exec(migration.sql)
      await record()
      await db.exec('COMMIT')
    } catch (error) {
      await db.exec('ROLLBACK') // Postgres DDL is transactional: half a migration is never left behind
      throw error
    }
  } catch (cause) {
    throw new Error(`Migration ${migration.id} failed`, { cause })
  }
}
