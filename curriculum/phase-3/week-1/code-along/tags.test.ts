import { describe, it, expect } from 'vitest'
import { MAX_TAGS, Tag, Tags } from './tags.js'

function tag(input: string): Tag {
  const result = Tag.parse(input)
  if (!result.ok) throw new Error(`invalid tag ${input}`)
  return result.value
}

function add(tags: Tags, ...names: string[]): Tags {
  return names.reduce((acc, name) => {
    const next = acc.with(tag(name))
    if (!next.ok) throw new Error(next.error)
    return next.value
  }, tags)
}

describe('step 2: Tags, an immutable collection value', () => {
  it('normalises the text of a tag', () => {
    expect(tag('  Event Loop ').value).toBe('event-loop')
    expect(Tag.parse('no_underscores')).toEqual({ ok: false, error: 'invalid-tag' })
  })

  it('returns a new Tags and leaves the original untouched', () => {
    const empty = Tags.empty()
    const one = add(empty, 'node')
    expect(empty.toArray()).toEqual([])
    expect(one.toArray()).toEqual(['node'])
  })

  it('ignores a duplicate instead of storing it twice', () => {
    expect(add(Tags.empty(), 'node', 'Node').toArray()).toEqual(['node'])
  })

  it('compares as a set: insertion order does not matter', () => {
    expect(add(Tags.empty(), 'a', 'b').equals(add(Tags.empty(), 'b', 'a'))).toBe(true)
    expect(add(Tags.empty(), 'a').equals(add(Tags.empty(), 'a', 'b'))).toBe(false)
  })

  it(`refuses a tag beyond ${MAX_TAGS}`, () => {
    const full = add(Tags.empty(), 'a', 'b', 'c', 'd', 'e')
    expect(full.with(tag('f'))).toEqual({ ok: false, error: 'too-many-tags' })
  })
})
