import { afterAll, beforeAll, describe, it, expect } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { Redis } from 'ioredis'
import { openDb, type Db } from './db.js'
import { connectRedis, deleteByPrefix, uniquePrefix } from './redis.js'
import { createSchema } from './schema.js'
import { importNdjson, type ScrapedRecord } from './import.js'
import { DocumentRepository } from './repository.js'
import { buildApp } from './app.js'

let db: Db
let redis: Redis
let app: FastifyInstance
const prefix = uniquePrefix('p2w4')

beforeAll(async () => {
  ;[db, redis] = await Promise.all([openDb('p2w4'), connectRedis()])
  await createSchema(db)
  app = buildApp({ repo: new DocumentRepository(db), redis, cachePrefix: prefix })
})

afterAll(async () => {
  await app?.close()
  await deleteByPrefix(redis, prefix)
  await redis?.quit()
  await db?.close()
})

const record = (n: number, lang: string, extra: Partial<ScrapedRecord> = {}): ScrapedRecord => ({
  url: `https://docs.example/${n}`,
  title: `Page ${n}`,
  status: 200,
  bytes: 1000 + n,
  fetchedAt: '2025-07-10T12:00:00.000Z',
  meta: { lang, tags: n % 2 === 0 ? ['even'] : ['odd'] },
  ...extra,
})
const ndjson = (records: ScrapedRecord[]) => records.map((r) => `${JSON.stringify(r)}\n`)

describe('step 1: documents in JSONB, found by containment', () => {
  it('finds documents whose meta contains a given key/value, using the GIN index', async () => {
    await importNdjson(db, ndjson([record(1, 'en'), record(2, 'pt'), record(3, 'en')]))
    const { rows } = await db.query<{ url: string }>(`SELECT url FROM documents WHERE meta @> $1::jsonb ORDER BY id`, [
      JSON.stringify({ lang: 'en', tags: ['odd'] }),
    ])
    expect(rows.map((r) => r.url)).toEqual(['https://docs.example/1', 'https://docs.example/3'])
    // Three rows are too few for the planner to bother with an index; forbid seq scans to prove it *can* use it.
    await db.exec('BEGIN; SET LOCAL enable_seqscan = off')
    const { rows: plan } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT url FROM documents WHERE meta @> '{"lang":"en"}'`)
    await db.exec('ROLLBACK')
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('documents_meta_idx')
  })

  it('rejects meta that is not a JSON object', async () => {
    const error = await db
      .query(`INSERT INTO documents (url, title, status, bytes, meta, content_hash, fetched_at) VALUES ('u', 't', 200, 1, '[1,2]', 'h', now())`)
      .catch((e: unknown) => e as { code?: string })
    expect(error).toMatchObject({ code: '23514' })
  })
})

describe('step 2: importing the scraper output, idempotently', () => {
  it('reports nothing to do when the same file is imported again', async () => {
    expect(await importNdjson(db, ndjson([record(1, 'en'), record(2, 'pt'), record(3, 'en')]))).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 3,
    })
  })

  it('inserts new pages and updates only the ones whose content changed', async () => {
    const stats = await importNdjson(db, ndjson([record(1, 'en', { title: 'Page 1, edited' }), record(2, 'pt'), record(4, 'en')]))
    expect(stats).toEqual({ inserted: 1, updated: 1, unchanged: 1 })
  })

  it('burns identity values on conflicts, so ids have gaps: never treat them as a count', async () => {
    const { rows } = await db.query<{ id: number }>(`SELECT id FROM documents WHERE url = 'https://docs.example/4'`)
    expect(rows[0]!.id).toBeGreaterThan(4)
  })

  it('keeps the last of two lines for the same URL in one batch', async () => {
    await importNdjson(db, ndjson([record(5, 'en', { title: 'first' }), record(5, 'en', { title: 'second' })]))
    const { rows } = await db.query<{ title: string }>(`SELECT title FROM documents WHERE url = 'https://docs.example/5'`)
    expect(rows).toEqual([{ title: 'second' }])
  })

  it('streams a large file in batches', async () => {
    const many = Array.from({ length: 1_200 }, (_, i) => record(100 + i, i % 3 === 0 ? 'pt' : 'en'))
    expect(await importNdjson(db, ndjson(many), 500)).toEqual({ inserted: 1_200, updated: 0, unchanged: 0 })
  })

  it('names the line of a broken record', async () => {
    await expect(importNdjson(db, ['{"url":"x"}\n', 'not json\n'])).rejects.toThrow('invalid JSON on line 2')
  })
})

describe('step 3: the API on Postgres', () => {
  it('serves one document by id, and 404 for an unknown one', async () => {
    const ok = await app.inject({ method: 'GET', url: '/documents/2' })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ id: 2, url: 'https://docs.example/2', meta: { lang: 'pt' }, fetchedAt: '2025-07-10T12:00:00.000Z' })
    expect((await app.inject({ method: 'GET', url: '/documents/999999' })).statusCode).toBe(404)
  })

  it('pages through a filtered list with a cursor', async () => {
    const first = (await app.inject({ method: 'GET', url: '/documents?lang=pt&limit=2' })).json<{ items: { id: number }[]; next: number }>()
    expect(first.items).toHaveLength(2)
    const second = (await app.inject({ method: 'GET', url: `/documents?lang=pt&limit=2&after=${first.next}` })).json<{ items: { id: number }[] }>()
    expect(second.items[0]!.id).toBeGreaterThan(first.next)
  })

  it.each([
    ['a non-numeric id', 'GET', '/documents/abc', undefined],
    ['an empty title', 'PATCH', '/documents/2', { title: '' }],
    ['an unknown field', 'PATCH', '/documents/2', { title: 'ok', admin: true }],
    ['a limit above 100', 'GET', '/documents?limit=1000', undefined],
  ] as const)('answers 400 to %s', async (_name, method, url, payload) => {
    expect((await app.inject({ method, url, payload })).statusCode).toBe(400)
  })
})

describe('step 4: the cache in front of it', () => {
  it('misses once, then hits', async () => {
    expect((await app.inject({ method: 'GET', url: '/documents/3' })).headers['x-cache']).toBe('miss')
    const hit = await app.inject({ method: 'GET', url: '/documents/3' })
    expect(hit.headers['x-cache']).toBe('hit')
    expect(hit.json()).toMatchObject({ id: 3, title: 'Page 3' })
  })

  it('invalidates on PATCH, so the next read is fresh', async () => {
    const patched = await app.inject({ method: 'PATCH', url: '/documents/3', payload: { title: 'Page 3, renamed' } })
    expect(patched.statusCode).toBe(200)
    const next = await app.inject({ method: 'GET', url: '/documents/3' })
    expect(next.headers['x-cache']).toBe('miss')
    expect(next.json()).toMatchObject({ title: 'Page 3, renamed' })
  })

  it('answers a hot key in under 50 ms at p95', async () => {
    await app.inject({ method: 'GET', url: '/documents/1' })
    const times: number[] = []
    for (let i = 0; i < 100; i++) {
      const started = performance.now()
      const res = await app.inject({ method: 'GET', url: '/documents/1' })
      times.push(performance.now() - started)
      expect(res.headers['x-cache']).toBe('hit')
    }
    expect(times.toSorted((a, b) => a - b)[94]!).toBeLessThan(50)
  })
})
