import { afterEach, describe, it, expect } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { InMemoryDocumentCatalog } from '../in-memory-document-catalog.js'
import { InMemoryReadingListRepository } from '../in-memory-reading-list-repository.js'
import { ReadingList, type ReadingListId } from '../../domain/reading-list.js'
import { buildApp } from '../../app.js'

let app: FastifyInstance
afterEach(() => app.close())

async function appWithOneList(): Promise<FastifyInstance> {
  const lists = new InMemoryReadingListRepository()
  await lists.save(ReadingList.create('list-1' as ReadingListId, 'Node internals'))
  app = buildApp({ lists, catalog: new InMemoryDocumentCatalog(['doc-1']) })
  return app
}

const add = (documentId: unknown, listId = 'list-1') =>
  app.inject({ method: 'POST', url: `/reading-lists/${listId}/items`, payload: { documentId } })

describe('step 4: the HTTP adapter translates, the use case decides', () => {
  it('answers 200 with the items', async () => {
    await appWithOneList()
    const response = await add('doc-1')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ items: ['doc-1'] })
  })

  it.each([
    ['list-1', 'doc-404', 422, 'document-not-found'],
    ['nope', 'doc-1', 404, 'list-not-found'],
  ])('maps list %s + document %s to %i %s', async (listId, documentId, status, error) => {
    await appWithOneList()
    const response = await add(documentId, listId)
    expect(response.statusCode).toBe(status)
    expect(response.json()).toEqual({ error })
  })

  it('maps a domain rule violation to 409', async () => {
    await appWithOneList()
    await add('doc-1')
    const response = await add('doc-1')
    expect(response.statusCode).toBe(409)
    expect(response.json()).toEqual({ error: 'duplicate-document' })
  })

  it('rejects a body without documentId before the use case runs', async () => {
    await appWithOneList()
    const response = await app.inject({ method: 'POST', url: '/reading-lists/list-1/items', payload: {} })
    expect(response.statusCode).toBe(400)
  })
})
