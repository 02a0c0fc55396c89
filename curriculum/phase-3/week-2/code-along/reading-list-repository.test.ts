import { describe, it, expect } from 'vitest'
import { type DocumentId, ReadingList, type ReadingListId } from './reading-list.js'
import { InMemoryReadingListRepository } from './reading-list-repository.js'

const now = new Date('2025-08-11T09:00:00Z')
const id = 'list-1' as ReadingListId
const doc = (n: number) => `doc-${n}` as DocumentId

async function seeded(): Promise<InMemoryReadingListRepository> {
  const repo = new InMemoryReadingListRepository()
  const created = ReadingList.create({ id, ownerId: 'ana', title: 'Node internals', now })
  if (!created.ok) throw new Error(created.error)
  expect(await repo.save(created.value)).toEqual({ ok: true, value: { version: 1 } })
  return repo
}

async function load(repo: InMemoryReadingListRepository): Promise<ReadingList> {
  const list = await repo.get(id)
  if (!list) throw new Error('not found')
  return list
}

describe('step 4: a repository loads and saves whole aggregates', () => {
  it('round-trips the aggregate and bumps the version on every save', async () => {
    const repo = await seeded()
    const list = await load(repo)
    list.add(doc(1), now)
    expect(await repo.save(list)).toEqual({ ok: true, value: { version: 2 } })
    const again = await load(repo)
    expect(again.items).toEqual([doc(1)])
    expect(again.version).toBe(2)
  })

  it('does not store changes until save is called', async () => {
    const repo = await seeded()
    const list = await load(repo)
    list.add(doc(1), now)
    expect((await load(repo)).items).toEqual([])
  })

  it('rejects the second of two concurrent saves (optimistic concurrency)', async () => {
    const repo = await seeded()
    const ana = await load(repo)
    const bob = await load(repo)
    ana.add(doc(1), now)
    bob.add(doc(2), now)
    expect((await repo.save(ana)).ok).toBe(true)
    expect(await repo.save(bob)).toEqual({ ok: false, error: 'version-conflict' })
    expect((await load(repo)).items).toEqual([doc(1)])
  })

  it('refuses to create a list whose id already exists', async () => {
    const repo = await seeded()
    const duplicate = ReadingList.create({ id, ownerId: 'bob', title: 'Other', now })
    if (!duplicate.ok) throw new Error(duplicate.error)
    expect(await repo.save(duplicate.value)).toEqual({ ok: false, error: 'version-conflict' })
  })

  it('stores the events of a save in the outbox, and only on success', async () => {
    const repo = await seeded()
    const ana = await load(repo)
    const bob = await load(repo)
    ana.add(doc(1), now)
    bob.add(doc(2), now)
    await repo.save(ana)
    await repo.save(bob) // conflict: bob's DocumentAdded must not leak out
    expect(repo.outbox.map((e) => e.type)).toEqual(['ReadingListCreated', 'DocumentAdded'])
    expect(repo.outbox[1]).toMatchObject({ documentId: doc(1) })
  })
})
