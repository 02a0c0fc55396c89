import { err, ok, type Result } from './result.js'

export const DEFAULT_LIMIT = 20
export const MAX_LIMIT = 100

export interface Paging {
  readonly limit: number
  readonly offset: number
}

export type PagingError = 'invalid-limit' | 'invalid-offset'

/** Parses `?limit=&offset=` query strings. Pure, so it gets fast unit tests with every edge case. */
export function parsePaging(query: { readonly limit?: string; readonly offset?: string }): Result<Paging, PagingError> {
  const limit = query.limit === undefined ? DEFAULT_LIMIT : Number(query.limit)
  if (!Number.isInteger(limit) || limit < 1) return err('invalid-limit')
  const offset = query.offset === undefined ? 0 : Number(query.offset)
  if (!Number.isInteger(offset) || offset < 0) return err('invalid-offset')
  return ok({ limit: Math.min(limit, MAX_LIMIT), offset })
}
