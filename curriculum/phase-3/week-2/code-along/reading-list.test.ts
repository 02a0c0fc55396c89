import { describe, it, expect } from 'vitest'
import { type DocumentId, MAX_ITEMS, ReadingList, type ReadingListId } from './reading-list.js'

const now = new Date('2025-08-11T09:00:00Z')
const later = new Date('2025-08-11T10:00:00Z')
const doc = (n: number) => `doc-${n}` as DocumentId

function newList(): ReadingList {
  const result = ReadingList.create({ id: 'list-1' as ReadingListId, ownerId: 'ana', title: 'Node internals', now })
  if (!result.ok) throw new Error(result.error)
  return result.value
}

describe('step 1: the aggregate root guards its invariants', () => {
  it('adds documents in order', () => {
    const list = newList()
    list.add(doc(1), now)
    list.add(doc(2), now)
    expect(list.items).toEqual([doc(1), doc(2)])
  })

  it('refuses a document that is already in the list', () => {
    const list = newList()
    list.add(doc(1), now)
    expect(list.add(doc(1), now)).toEqual({ ok: false, error: 'duplicate-document' })
    expect(list.items).toEqual([doc(1)])
  })

  it(`refuses the ${MAX_ITEMS + 1}th document`, () => {
    const list = newList()
    for (let n = 1; n <= MAX_ITEMS; n++) expect(list.add(doc(n), now).ok).toBe(true)
    expect(list.add(doc(99), now)).toEqual({ ok: false, error: 'list-full' })
    expect(list.items).toHaveLength(MAX_ITEMS)
  })

  it('does not let callers change items behind its back', () => {
    const list = newList()
    const items = list.items as DocumentId[]
    items.push(doc(1))
    expect(list.items).toEqual([])
  })

  it('refuses an empty title at creation', () => {
    const result = ReadingList.create({ id: 'l' as ReadingListId, ownerId: 'ana', title: '  ', now })
    expect(result).toEqual({ ok: false, error: 'empty-title' })
  })
})

describe('step 2: lifecycle rules, publish freezes the list', () => {
  it('cannot publish an empty list', () => {
    expect(newList().publish(now)).toEqual({ ok: false, error: 'empty-list' })
  })

  it('refuses add and remove once published', () => {
    const list = newList()
    list.add(doc(1), now)
    expect(list.publish(later).ok).toBe(true)
    expect(list.isPublished).toBe(true)
    expect(list.add(doc(2), later)).toEqual({ ok: false, error: 'already-published' })
    expect(list.remove(doc(1), later)).toEqual({ ok: false, error: 'already-published' })
    expect(list.publish(later)).toEqual({ ok: false, error: 'already-published' })
  })

  it('removes only documents that are in the list', () => {
    const list = newList()
    list.add(doc(1), now)
    expect(list.remove(doc(2), now)).toEqual({ ok: false, error: 'not-in-list' })
    expect(list.remove(doc(1), now).ok).toBe(true)
    expect(list.items).toEqual([])
  })
})

describe('step 3: the aggregate records domain events', () => {
  it('records one event per successful change, in order', () => {
    const list = newList()
    list.add(doc(1), now)
    list.add(doc(1), now) // refused: no event
    list.publish(later)
    expect(list.pullEvents().map((e) => e.type)).toEqual(['ReadingListCreated', 'DocumentAdded', 'ReadingListPublished'])
  })

  it('hands events out once', () => {
    const list = newList()
    expect(list.pullEvents()).toHaveLength(1)
    expect(list.pullEvents()).toEqual([])
  })

  it('puts the facts a consumer needs in the event, as ids', () => {
    const list = newList()
    list.pullEvents()
    list.add(doc(1), now)
    list.add(doc(2), now)
    list.pullEvents()
    list.publish(later)
    expect(list.pullEvents()).toEqual([
      { type: 'ReadingListPublished', listId: 'list-1', documentIds: [doc(1), doc(2)], at: later },
    ])
  })

  it('restoring from storage records no events', () => {
    const restored = ReadingList.restore(newList().toSnapshot())
    expect(restored.pullEvents()).toEqual([])
  })
})
