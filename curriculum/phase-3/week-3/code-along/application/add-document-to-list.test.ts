import { describe, it, expect } from 'vitest'
import { InMemoryDocumentCatalog } from '../adapters/in-memory-document-catalog.js'
import { InMemoryReadingListRepository } from '../adapters/in-memory-reading-list-repository.js'
import { ReadingList, type ReadingListId } from '../domain/reading-list.js'
import { makeAddDocumentToList } from './add-document-to-list.js'

async function setup() {
  const lists = new InMemoryReadingListRepository()
  await lists.save(ReadingList.create('list-1' as ReadingListId, 'Node internals'))
  const catalog = new InMemoryDocumentCatalog(['doc-1', 'doc-2'])
  return { lists, addDocument: makeAddDocumentToList({ lists, catalog }) }
}

describe('step 2: the use case runs against in-memory adapters, no mocks', () => {
  it('adds a catalog document to an existing list and saves it', async () => {
    const { lists, addDocument } = await setup()
    expect(await addDocument({ listId: 'list-1', documentId: 'doc-1' })).toEqual({ ok: true, value: { items: ['doc-1'] } })
    expect((await lists.get('list-1' as ReadingListId))?.toSnapshot().items).toEqual(['doc-1'])
  })

  it.each([
    [{ listId: 'nope', documentId: 'doc-1' }, 'list-not-found'],
    [{ listId: 'list-1', documentId: 'doc-404' }, 'document-not-found'],
  ])('reports %o as %s', async (command, error) => {
    const { addDocument } = await setup()
    expect(await addDocument(command)).toEqual({ ok: false, error })
  })

  it('passes domain rule violations through unchanged', async () => {
    const { addDocument } = await setup()
    await addDocument({ listId: 'list-1', documentId: 'doc-1' })
    expect(await addDocument({ listId: 'list-1', documentId: 'doc-1' })).toEqual({ ok: false, error: 'duplicate-document' })
  })
})
