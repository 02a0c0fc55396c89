import { afterAll, beforeAll, describe, it, expect } from 'vitest'
import { openDb, type Db } from './db.js'
import { createSchema, seed } from './schema.js'
import { explain, planShape } from './explain.js'
import { BY_TITLE, INDEXES, LATEST_FOR_SITE, PAGE_AFTER, RECENT_ERRORS, latestForSite, pageAfter } from './queries.js'

let db: Db

beforeAll(async () => {
  db = await openDb('p2w1')
  await createSchema(db)
})

afterAll(async () => {
  await db?.close()
})

/** Runs a statement that must fail and returns the SQLSTATE code Postgres sent back. */
async function sqlState(sql: string, params: unknown[] = []): Promise<string> {
  try {
    await db.query(sql, params)
  } catch (error) {
    return (error as { code?: string }).code ?? 'no code'
  }
  throw new Error(`expected this statement to fail: ${sql}`)
}

const insertDoc = `INSERT INTO documents (site_id, url, title, status, bytes, fetched_at) VALUES ($1, $2, 'T', $3, 10, now())`

describe('step 1: constraints are the schema’s tests', () => {
  it('accepts a valid site and document', async () => {
    const { rows } = await db.query<{ id: number }>(`INSERT INTO sites (host) VALUES ('docs.example') RETURNING id`)
    await db.query(insertDoc, [rows[0]!.id, 'https://docs.example/', 200])
    expect((await db.query(`SELECT * FROM documents`)).rows).toHaveLength(1)
  })

  it.each([
    ['a duplicate URL', '23505', insertDoc, [1, 'https://docs.example/', 200]], // unique_violation
    ['an unknown site', '23503', insertDoc, [999, 'https://x.example/', 200]], // foreign_key_violation
    ['an impossible HTTP status', '23514', insertDoc, [1, 'https://docs.example/2', 700]], // check_violation
    ['an upper-case host', '23514', `INSERT INTO sites (host) VALUES ('Docs.Example')`, []],
  ])('rejects %s with SQLSTATE %s', async (_name, code, sql, params) => {
    expect(await sqlState(sql, params)).toBe(code)
  })
})

describe('step 2: realistic data and statistics', () => {
  it('seeds 50 sites x 400 documents in one round trip', async () => {
    await db.exec('TRUNCATE sites, documents RESTART IDENTITY')
    await seed(db, 50, 400)
    const { rows } = await db.query<{ docs: number; errors: number; sites: number }>(
      `SELECT count(*) AS docs, count(*) FILTER (WHERE status >= 400) AS errors, count(DISTINCT site_id) AS sites FROM documents`,
    )
    expect(rows[0]).toEqual({ docs: 20_000, errors: 200, sites: 50 })
  })

  it('gives the planner row estimates close to reality after ANALYZE', async () => {
    const plan = await explain(db, `SELECT * FROM documents WHERE site_id = $1`, [7])
    expect(plan.Plan['Plan Rows']).toBeGreaterThan(200)
    expect(plan.Plan['Plan Rows']).toBeLessThan(800) // the truth is 400
  })
})

describe('step 3: read the plan, add the index, read it again', () => {
  let before: unknown[] = []

  it('scans the whole table and sorts it without an index', async () => {
    before = await latestForSite(db, 7, 20)
    const shape = planShape((await explain(db, LATEST_FOR_SITE, [7, 20])).Plan)
    expect(shape).toContain('Seq Scan')
    expect(shape).toContain('Sort')
  })

  it('walks the composite index in order, with no Sort, once it exists', async () => {
    await db.exec(INDEXES.latest)
    const shape = planShape((await explain(db, LATEST_FOR_SITE, [7, 20])).Plan)
    expect(shape).toEqual(['Limit', 'Index Scan using documents_site_fetched_idx'])
  })

  it('returns exactly the same rows as before: an index changes speed, not results', async () => {
    expect(await latestForSite(db, 7, 20)).toEqual(before)
  })

  it('reports actual rows and time with EXPLAIN ANALYZE', async () => {
    const analyzed = await explain(db, LATEST_FOR_SITE, [7, 20], { analyze: true })
    expect(analyzed.Plan['Actual Rows']).toBe(20)
    expect(analyzed['Execution Time']).toBeGreaterThan(0)
  })
})

describe('step 4: expression and partial indexes, keyset pagination', () => {
  it('cannot use a plain index for lower(title), but can use an expression index', async () => {
    expect(planShape((await explain(db, BY_TITLE, ['PAGE 5 OF SITE7.EXAMPLE'])).Plan)).toEqual(['Seq Scan'])
    await db.exec(INDEXES.title)
    const shape = planShape((await explain(db, BY_TITLE, ['PAGE 5 OF SITE7.EXAMPLE'])).Plan)
    expect(shape.some((node) => node.endsWith('using documents_lower_title_idx'))).toBe(true)
    expect((await db.query(BY_TITLE, ['PAGE 5 OF SITE7.EXAMPLE'])).rows).toHaveLength(1)
  })

  it('serves the error dashboard from a small partial index', async () => {
    await db.exec(INDEXES.errors)
    const shape = planShape((await explain(db, RECENT_ERRORS)).Plan)
    expect(shape).toEqual(['Limit', 'Index Scan using documents_errors_idx'])
  })

  it('pages with a (fetched_at, id) cursor: no gaps, no duplicates, no Sort', async () => {
    const first = await latestForSite(db, 7, 10)
    const second = await pageAfter(db, 7, first.at(-1)!, 10)
    expect([...first, ...second]).toEqual(await latestForSite(db, 7, 20))
    const cursor = first.at(-1)!
    const shape = planShape((await explain(db, PAGE_AFTER, [7, cursor.fetched_at, cursor.id, 10])).Plan)
    expect(shape).toEqual(['Limit', 'Index Scan using documents_site_fetched_idx'])
  })
})
