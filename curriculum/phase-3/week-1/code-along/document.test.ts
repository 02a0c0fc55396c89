import { describe, it, expect } from 'vitest'
import { Document, documentId } from './document.js'
import { DocumentUrl } from './document-url.js'
import { Tag } from './tags.js'

function url(input: string): DocumentUrl {
  const result = DocumentUrl.parse(input)
  if (!result.ok) throw new Error(result.error)
  return result.value
}

function newDocument(id: string, title: string): Document {
  const result = Document.create({ id: documentId(id), url: url('https://nodejs.org/en/learn'), title })
  if (!result.ok) throw new Error(result.error)
  return result.value
}

describe('step 3: Document is an entity', () => {
  it('is the same document when the id matches, even if other fields differ', () => {
    expect(newDocument('d1', 'Learn Node').equals(newDocument('d1', 'Another title'))).toBe(true)
    expect(newDocument('d1', 'Learn Node').equals(newDocument('d2', 'Learn Node'))).toBe(false)
  })

  it('keeps its identity while its state changes through behaviour', () => {
    const doc = newDocument('d1', 'Learn Node')
    expect(doc.retitle('  Learn   Node.js ')).toEqual({ ok: true, value: undefined })
    expect(doc.title).toBe('Learn Node.js')
    expect(doc.id).toBe('d1')
  })

  it('guards its rules: a bad title is refused and the old one kept', () => {
    const doc = newDocument('d1', 'Learn Node')
    expect(doc.retitle('   ')).toEqual({ ok: false, error: 'empty-title' })
    expect(doc.retitle('x'.repeat(201))).toEqual({ ok: false, error: 'title-too-long' })
    expect(doc.title).toBe('Learn Node')
  })

  it('delegates the tag rule to the Tags value object', () => {
    const doc = newDocument('d1', 'Learn Node')
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      const t = Tag.parse(name)
      if (t.ok) doc.tag(t.value)
    }
    const extra = Tag.parse('f')
    if (!extra.ok) throw new Error('bad tag')
    expect(doc.tag(extra.value)).toEqual({ ok: false, error: 'too-many-tags' })
    expect(doc.tags.toArray()).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('throws on a malformed id, because that is a bug, not a user error', () => {
    expect(() => documentId('has spaces')).toThrow(/Invalid DocumentId/)
  })
})
