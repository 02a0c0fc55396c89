import fc from 'fast-check'
import { describe, it, expect } from 'vitest'
import { decodeCursor, decodeCursorWithAtob, encodeCursor, encodeCursorWithBtoa } from './cursor.js'
import { keysetPage, keysetPageByTimeOnly, readAllPages, type Row } from './keyset-pagination.js'

const cursorArb = fc.record({ sortKey: fc.string({ unit: 'binary' }), id: fc.nat() })

describe('step 3: a round-trip property for cursors', () => {
  it('decode(encode(c)) gives back c, for any Unicode sort key', () => {
    fc.assert(
      fc.property(cursorArb, (cursor) => {
        expect(decodeCursor(encodeCursor(cursor))).toEqual({ ok: true, value: cursor })
      }),
    )
  })

  it('decode never throws on arbitrary client input', () => {
    // No assertion inside: the property fails only if decodeCursor throws.
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.base64String()), (text) => {
        decodeCursor(text)
      }),
    )
    expect(decodeCursor('not base64 json')).toEqual({ ok: false, error: 'invalid-cursor' })
    expect(decodeCursor(Buffer.from('{"sortKey":1,"id":"x"}').toString('base64url'))).toEqual({ ok: false, error: 'invalid-cursor' })
  })

  it('finds, and shrinks, the btoa bug: a character beyond U+00FF', () => {
    const result = fc.check(
      fc.property(cursorArb, (cursor) => {
        expect(decodeCursorWithAtob(encodeCursorWithBtoa(cursor))).toEqual(cursor)
      }),
      { seed: 42 },
    )
    expect(result.failed).toBe(true)
    const [counterexample] = result.counterexample ?? []
    // Shrunk to a tiny input: a short sort key containing one non-Latin-1 character.
    expect(counterexample?.sortKey.length).toBeLessThanOrEqual(2)
    expect([...(counterexample?.sortKey ?? '')].some((ch) => (ch.codePointAt(0) ?? 0) > 0xff)).toBe(true)
  })
})

// Rows sorted by (createdAt, id) with unique ids; few distinct timestamps, so ties are common.
const rowsArb = fc
  .uniqueArray(fc.record({ id: fc.nat({ max: 1000 }), createdAt: fc.integer({ min: 0, max: 3 }) }), { selector: (r) => r.id, maxLength: 30 })
  .map((rows) => [...rows].sort((a, b) => a.createdAt - b.createdAt || a.id - b.id))

describe('step 4: an invariant property for keyset pagination', () => {
  it('walking all pages returns every row exactly once, in order, for any page size', () => {
    fc.assert(
      fc.property(rowsArb, fc.integer({ min: 1, max: 10 }), (rows: Row[], limit) => {
        expect(readAllPages(keysetPage, rows, limit)).toEqual(rows)
      }),
    )
  })

  it('catches "WHERE created_at > $1" skipping rows that share a timestamp', () => {
    const result = fc.check(
      fc.property(rowsArb, fc.integer({ min: 1, max: 10 }), (rows: Row[], limit) => {
        expect(readAllPages(keysetPageByTimeOnly, rows, limit)).toEqual(rows)
      }),
      { seed: 7 },
    )
    expect(result.failed).toBe(true)
    const [rows = [], limit = 0] = result.counterexample ?? []
    // The minimal failing case: two rows with the same createdAt, and a page boundary between them.
    expect(rows).toHaveLength(2)
    expect(rows[0]?.createdAt).toBe(rows[1]?.createdAt)
    expect(limit).toBe(1)
  })
})
