// One database per test file is the expensive part, so the steps that need Postgres share this file.
import { afterAll, beforeAll, describe, it, expect } from 'vitest'
import type { ReadingListRepository } from './application/ports/reading-list-repository.port.js'
import { type DocumentId, ReadingList, type ReadingListId } from './domain/reading-list.js'
import { InMemoryDocumentCatalog } from './adapters/in-memory-document-catalog.js'
import { buildApp } from './app.js'
import { openTestDatabase, type TestDatabase } from './test-database.js'
import { InMemoryReadingListRepository } from './adapters/in-memory-reading-list-repository.js'
import { PgReadingListRepository, READING_LISTS_DDL } from './adapters/pg-reading-list-repository.js'

let db: TestDatabase
beforeAll(async () => {
  db = await openTestDatabase()
  await db.sql.query(READING_LISTS_DDL)
})
afterAll(() => db.close())

let n = 0
const freshId = () => `list-${++n}` as ReadingListId

// The contract of the port, written once and run against every adapter. An adapter that passes it
// can replace any other (Liskov substitution, checked by tests).
describe.each([
  ['in-memory', (): ReadingListRepository => new InMemoryReadingListRepository()],
  ['postgres', (): ReadingListRepository => new PgReadingListRepository(db.sql)],
])('step 3: the ReadingListRepository contract (%s adapter)', (_name, makeRepository) => {
  it('returns undefined for an unknown id', async () => {
    expect(await makeRepository().get(freshId())).toBeUndefined()
  })

  it('saves a new list at version 1 and loads it back', async () => {
    const repo = makeRepository()
    const id = freshId()
    const list = ReadingList.create(id, 'Node internals')
    list.add('doc-1' as DocumentId)
    expect(await repo.save(list)).toEqual({ ok: true, value: { version: 1 } })
    expect((await repo.get(id))?.toSnapshot()).toEqual({ id, title: 'Node internals', items: ['doc-1'], publishedAt: null, version: 1 })
  })

  it('rejects a stale save and keeps the winner', async () => {
    const repo = makeRepository()
    const id = freshId()
    await repo.save(ReadingList.create(id, 'Race'))
    const [a, b] = [await repo.get(id), await repo.get(id)]
    a?.add('doc-a' as DocumentId)
    b?.add('doc-b' as DocumentId)
    if (!a || !b) throw new Error('list not found')
    expect(await repo.save(a)).toEqual({ ok: true, value: { version: 2 } })
    expect(await repo.save(b)).toEqual({ ok: false, error: 'version-conflict' })
    expect((await repo.get(id))?.toSnapshot().items).toEqual(['doc-a'])
  })

  it('refuses to create a second list with an existing id', async () => {
    const repo = makeRepository()
    const id = freshId()
    await repo.save(ReadingList.create(id, 'First'))
    expect(await repo.save(ReadingList.create(id, 'Second'))).toEqual({ ok: false, error: 'version-conflict' })
  })
})

describe('step 5: the composition root swaps adapters without touching the core', () => {
  it('serves the same HTTP contract on top of Postgres', async () => {
    const lists = new PgReadingListRepository(db.sql)
    await lists.save(ReadingList.create('http-list' as ReadingListId, 'Node internals'))
    const app = buildApp({ lists, catalog: new InMemoryDocumentCatalog(['doc-1', 'doc-2']) })
    try {
      for (const documentId of ['doc-1', 'doc-2']) {
        const response = await app.inject({ method: 'POST', url: '/reading-lists/http-list/items', payload: { documentId } })
        expect(response.statusCode).toBe(200)
      }
      const { rows } = await db.sql.query<{ items: string[]; version: number }>('SELECT items, version FROM reading_lists WHERE id = $1', [
        'http-list',
      ])
      expect(rows).toEqual([{ items: ['doc-1', 'doc-2'], version: 3 }])
    } finally {
      await app.close()
    }
  })
})
