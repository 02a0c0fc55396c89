import { afterAll, beforeAll, beforeEach, describe, it, expect } from 'vitest'
import { buildApp } from './app.js'
import { DOCUMENTS_DDL, DocumentsRepository } from './documents-repository.js'
import { openTestDatabase, type TestDatabase } from './test-database.js'

// One real database per file (own schema); each test starts from an empty table.
let db: TestDatabase
let documents: DocumentsRepository
beforeAll(async () => {
  db = await openTestDatabase()
  await db.sql.query(DOCUMENTS_DDL)
  documents = new DocumentsRepository(db.sql)
})
afterAll(() => db.close())
beforeEach(async () => {
  await db.sql.query('TRUNCATE documents RESTART IDENTITY')
})

const learn = { url: 'https://nodejs.org/en/learn', title: 'Learn Node.js' }

describe('step 2: the repository against a real Postgres', () => {
  it('inserts and reads back a document with a database-generated id', async () => {
    const inserted = await documents.insert(learn)
    expect(inserted).toEqual({ ok: true, value: { id: 1, ...learn } })
    expect(await documents.findById(1)).toEqual({ id: 1, ...learn })
  })

  it('turns the unique_violation (23505) on url into a duplicate-url result', async () => {
    await documents.insert(learn)
    expect(await documents.insert({ ...learn, title: 'Again' })).toEqual({ ok: false, error: 'duplicate-url' })
  })

  it('pages in id order', async () => {
    for (const n of [1, 2, 3]) await documents.insert({ url: `https://nodejs.org/api/${n}`, title: `Doc ${n}` })
    const page = await documents.list({ limit: 2, offset: 1 })
    expect(page.map((d) => d.title)).toEqual(['Doc 2', 'Doc 3'])
  })
})

describe('step 3: HTTP integration tests with app.inject and the real database', () => {
  const app = () => buildApp({ documents })

  it('creates a document (201) and serves it (200)', async () => {
    const server = app()
    const created = await server.inject({ method: 'POST', url: '/documents', payload: learn })
    expect(created.statusCode).toBe(201)
    const { id } = created.json<{ id: number }>()
    const fetched = await server.inject({ method: 'GET', url: `/documents/${id}` })
    expect(fetched.statusCode).toBe(200)
    expect(fetched.json()).toEqual({ id, ...learn })
    await server.close()
  })

  it.each([
    ['a missing title', { url: 'https://nodejs.org/' }],
    ['a javascript: url', { url: 'javascript:alert(1)', title: 'x' }],
    ['an empty title', { url: 'https://nodejs.org/', title: '' }],
  ])('rejects %s with 400 before touching the database', async (_case, payload) => {
    const server = app()
    expect((await server.inject({ method: 'POST', url: '/documents', payload })).statusCode).toBe(400)
    await server.close()
  })

  it('answers 409 for a duplicate url', async () => {
    const server = app()
    await server.inject({ method: 'POST', url: '/documents', payload: learn })
    const again = await server.inject({ method: 'POST', url: '/documents', payload: learn })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toEqual({ error: 'duplicate-url' })
    await server.close()
  })

  it.each([
    ['/documents/42', 404],
    ['/documents/abc', 400],
    ['/documents/0', 400],
    ['/documents/99999999999', 400], // beyond Postgres integer: would be a 500 without the schema maximum
  ])('GET %s answers %i', async (url, status) => {
    const server = app()
    expect((await server.inject({ method: 'GET', url })).statusCode).toBe(status)
    await server.close()
  })

  it('lists with paging and rejects bad paging with 400', async () => {
    const server = app()
    for (const n of [1, 2, 3]) await documents.insert({ url: `https://nodejs.org/api/${n}`, title: `Doc ${n}` })
    const page = await server.inject({ method: 'GET', url: '/documents?limit=2&offset=2' })
    expect(page.json()).toEqual({ items: [{ id: 3, url: 'https://nodejs.org/api/3', title: 'Doc 3' }], limit: 2, offset: 2 })
    const bad = await server.inject({ method: 'GET', url: '/documents?limit=0' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toEqual({ error: 'invalid-limit' })
    await server.close()
  })
})
