import { describe, it, expect } from 'vitest'
import { MAX_LIMIT, parsePaging } from './paging.js'

describe('step 1: unit tests for the pure part, every edge case', () => {
  it.each([
    [{}, { limit: 20, offset: 0 }],
    [{ limit: '5', offset: '10' }, { limit: 5, offset: 10 }],
    [{ limit: '500' }, { limit: MAX_LIMIT, offset: 0 }],
    [{ limit: '1' }, { limit: 1, offset: 0 }],
    [{ offset: '0' }, { limit: 20, offset: 0 }],
  ])('accepts %o as %o', (query, paging) => {
    expect(parsePaging(query)).toEqual({ ok: true, value: paging })
  })

  it.each([
    [{ limit: '0' }, 'invalid-limit'],
    [{ limit: '-3' }, 'invalid-limit'],
    [{ limit: '2.5' }, 'invalid-limit'],
    [{ limit: 'ten' }, 'invalid-limit'],
    [{ limit: '' }, 'invalid-limit'],
    [{ offset: '-1' }, 'invalid-offset'],
    [{ offset: 'x' }, 'invalid-offset'],
  ])('rejects %o with %s', (query, error) => {
    expect(parsePaging(query)).toEqual({ ok: false, error })
  })
})
