import { afterAll, beforeAll, describe, it, expect } from 'vitest'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { connectPostgres, openDb, type Db } from './db.js'
import { sqlStateOf, withTransaction } from './transaction.js'
import { migrate } from './migrate.js'
import { MIGRATIONS, NEXT_MIGRATION } from './migrations.js'
import { backfillContent } from './backfill.js'
import { dumpSchema, restoreDump, toolMajorVersion, withScratchDatabase } from './dump.js'

let db: Db

beforeAll(async () => {
  db = await openDb('p2w2')
})

afterAll(async () => {
  await db?.close()
})

/** Awaits a promise that must reject and returns what it rejected with. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected the promise to reject')
}

const balances = async () =>
  (await db.query<{ id: number; balance: number }>('SELECT id, balance FROM accounts ORDER BY id')).rows.map((r) => r.balance)

const raiseSerializationFailure = `DO $$ BEGIN RAISE EXCEPTION 'simulated conflict' USING ERRCODE = 'serialization_failure'; END $$`

describe('step 1: transactions are all or nothing', () => {
  beforeAll(async () => {
    await db.exec(`CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL CHECK (balance >= 0));
                   INSERT INTO accounts VALUES (1, 100), (2, 0)`)
  })

  const transfer = (amount: number) => async (tx: Db) => {
    await tx.query('UPDATE accounts SET balance = balance + $1 WHERE id = 2', [amount])
    await tx.query('UPDATE accounts SET balance = balance - $1 WHERE id = 1', [amount])
  }

  it('commits both sides of a transfer together', async () => {
    await withTransaction(db, transfer(30))
    expect(await balances()).toEqual([70, 30])
  })

  it('rolls back the first UPDATE when the second one fails', async () => {
    const error = await failure(withTransaction(db, transfer(500)))
    expect(sqlStateOf(error)).toBe('23514') // balance would go negative
    expect(await balances()).toEqual([70, 30]) // account 2 did not keep the +500
  })

  it('retries the whole function after a serialization failure (40001)', async () => {
    let attempts = 0
    await withTransaction(
      db,
      async (tx) => {
        attempts++
        await transfer(10)(tx)
        if (attempts === 1) await tx.exec(raiseSerializationFailure)
      },
      { isolation: 'SERIALIZABLE' },
    )
    expect(attempts).toBe(2)
    expect(await balances()).toEqual([60, 40]) // applied once, not twice
  })

  it('does not retry an error that would fail again', async () => {
    let attempts = 0
    const error = await failure(
      withTransaction(db, async (tx) => {
        attempts++
        await tx.query('INSERT INTO accounts VALUES (1, 0)')
      }),
    )
    expect(sqlStateOf(error)).toBe('23505')
    expect(attempts).toBe(1)
  })

  it.runIf(process.env.DATABASE_URL)('refuses a lost update under REPEATABLE READ (needs a second connection)', async () => {
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await other.connect()
    try {
      await other.query(`SET search_path TO ${db.schema}`)
      await db.exec('BEGIN ISOLATION LEVEL REPEATABLE READ')
      await db.query('SELECT balance FROM accounts WHERE id = 1') // A's snapshot starts here
      await other.query('BEGIN ISOLATION LEVEL REPEATABLE READ')
      await other.query('SELECT balance FROM accounts WHERE id = 1') // B's snapshot starts here
      await db.query('UPDATE accounts SET balance = balance - 5 WHERE id = 1')
      await db.exec('COMMIT')
      const error = await failure(other.query('UPDATE accounts SET balance = balance - 5 WHERE id = 1'))
      await other.query('ROLLBACK')
      expect(sqlStateOf(error)).toBe('40001') // B must retry on a fresh snapshot
    } finally {
      await other.end()
    }
  })
})

describe('step 2: a migration runner', () => {
  const [init] = MIGRATIONS

  it('applies pending migrations and records them', async () => {
    expect(await migrate(db, [init!])).toEqual(['001_init'])
    const { rows } = await db.query<{ id: string }>('SELECT id FROM schema_migrations')
    expect(rows.map((r) => r.id)).toEqual(['001_init'])
  })

  it('does nothing the second time', async () => {
    expect(await migrate(db, [init!])).toEqual([])
  })

  it('refuses to continue when an applied migration was edited', async () => {
    await expect(migrate(db, [{ ...init!, sql: `${init!.sql} -- edited` }])).rejects.toThrow(
      'Migration 001_init was modified after it was applied',
    )
  })

  it('rolls back a failing migration completely, DDL included', async () => {
    const broken = { id: '001a_broken', sql: 'CREATE TABLE half_done (id int); SELECT 1 / 0;' }
    const error = await failure(migrate(db, [init!, broken]))
    expect(error).toMatchObject({ message: 'Migration 001a_broken failed' })
    expect(sqlStateOf(error.cause)).toBe('22012') // division_by_zero
    const { rows } = await db.query<{ t: string | null }>(`SELECT to_regclass('half_done')::text AS t`)
    expect(rows[0]!.t).toBeNull()
  })
})

describe('step 3: rename a column with expand / contract', () => {
  const upTo = (id: string) => MIGRATIONS.filter((m) => m.id <= id)
  const column = async (name: string) =>
    (
      await db.query<{ is_nullable: string }>(
        `SELECT is_nullable FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'documents' AND column_name = $2`,
        [db.schema, name],
      )
    ).rows[0]

  it('expand: old (body) and new (content) app versions can write side by side', async () => {
    await db.query(`INSERT INTO documents (url, body) SELECT 'https://legacy.example/' || g, 'legacy ' || g FROM generate_series(1, 1200) g`)
    expect(await migrate(db, upTo('002_expand_content'))).toEqual(['002_expand_content'])
    await db.query(`INSERT INTO documents (url, body) VALUES ('https://old-app.example/', 'from old')`)
    await db.query(`INSERT INTO documents (url, content) VALUES ('https://new-app.example/', 'from new')`)
    await db.query(`UPDATE documents SET body = 'edited by old' WHERE url = 'https://new-app.example/'`)
    const { rows } = await db.query<{ url: string; body: string; content: string }>(
      `SELECT url, body, content FROM documents WHERE url LIKE '%app.example/' ORDER BY url`,
    )
    expect(rows).toEqual([
      { url: 'https://new-app.example/', body: 'edited by old', content: 'edited by old' },
      { url: 'https://old-app.example/', body: 'from old', content: 'from old' },
    ])
  })

  it('refuses to validate NOT NULL while legacy rows are still empty, and keeps earlier steps', async () => {
    const error = await failure(migrate(db, upTo('004_content_validate')))
    expect(error).toMatchObject({ message: 'Migration 004_content_validate failed' })
    expect(sqlStateOf(error.cause)).toBe('23514')
    const { rows } = await db.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id')
    expect(rows.map((r) => r.id)).toEqual(['001_init', '002_expand_content', '003_content_check'])
  })

  it('backfills the legacy rows in small batches', async () => {
    expect(await backfillContent(db, 500)).toBe(3) // 1200 rows: 500 + 500 + 200
    const { rows } = await db.query<{ n: number }>('SELECT count(*) AS n FROM documents WHERE content IS NULL')
    expect(rows[0]!.n).toBe(0)
  })

  it('then tightens content to NOT NULL', async () => {
    expect(await migrate(db, upTo('005_content_set_not_null'))).toEqual(['004_content_validate', '005_content_set_not_null'])
    expect(await column('content')).toEqual({ is_nullable: 'NO' })
  })

  it('contract: drops body once no running code uses it', async () => {
    expect(await migrate(db, MIGRATIONS)).toEqual(['006_contract_body'])
    expect(await column('body')).toBeUndefined()
    await db.query(`INSERT INTO documents (url, content) VALUES ('https://after.example/', 'only content now')`)
  })
})

describe('step 4: rehearse the next migration on a restored pg_dump', () => {
  it('restores the dump into a scratch database and migrates it there first', async (ctx) => {
    const url = process.env.DATABASE_URL
    if (!url) return ctx.skip('needs a real PostgreSQL (set DATABASE_URL): PGlite has no pg_dump')
    const { rows } = await db.query<{ major: number }>(`SELECT current_setting('server_version_num')::int / 10000 AS major`)
    const [dumpMajor, restoreMajor] = await Promise.all([toolMajorVersion('pg_dump'), toolMajorVersion('pg_restore')])
    // pg_dump refuses to dump a server newer than itself.
    if (!dumpMajor || !restoreMajor || dumpMajor < rows[0]!.major) return ctx.skip('pg_dump/pg_restore missing or older than the server: install the matching postgresql-client')
    const { rows: role } = await db.query<{ can: boolean }>(
      `SELECT rolcreatedb OR rolsuper AS can FROM pg_roles WHERE rolname = current_user`,
    )
    if (!role[0]?.can) return ctx.skip('the DATABASE_URL role lacks CREATEDB, needed for the scratch restore database')

    const file = join(tmpdir(), `${db.schema}.dump`)
    try {
      await dumpSchema(url, db.schema, file)
      await withScratchDatabase(url, db, async (scratchUrl) => {
        await restoreDump(scratchUrl, file)
        const restored = await connectPostgres(scratchUrl, db.schema)
        try {
          expect(await migrate(restored, [...MIGRATIONS, NEXT_MIGRATION])).toEqual(['007_documents_fetched_at_idx'])
          const count = async (d: Db) => (await d.query<{ n: number }>('SELECT count(*) AS n FROM documents')).rows[0]!.n
          expect(await count(restored)).toBe(await count(db))
        } finally {
          await restored.close()
        }
      })
      // production (our live schema) is untouched until the rehearsal passed
      const { rows: live } = await db.query<{ id: string }>(`SELECT id FROM schema_migrations WHERE id = $1`, [NEXT_MIGRATION.id])
      expect(live).toEqual([])
    } finally {
      await rm(file, { force: true })
    }
  })
})
