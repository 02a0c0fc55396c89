export interface Row {
  readonly id: number
  readonly createdAt: number
}

export interface After {
  readonly createdAt: number
  readonly id: number
}

/**
 * The next page of `rows` (sorted by createdAt, then id) after `after`. In Postgres:
 * `WHERE (created_at, id) > ($1, $2) ORDER BY created_at, id LIMIT $3` (a row comparison).
 */
export function keysetPage(rows: readonly Row[], after: After | undefined, limit: number): Row[] {
  const isAfter = (r: Row) => after === undefined || r.createdAt > after.createdAt || (r.createdAt === after.createdAt && r.id > after.id)
  return rows.filter(isAfter).slice(0, limit)
}

/** The common bug: `WHERE created_at > $1` alone skips rows that share the last row's timestamp. */
export function keysetPageByTimeOnly(rows: readonly Row[], after: After | undefined, limit: number): Row[] {
  const rest = after === undefined ? rows : rows.filter((r) => r.createdAt > after.createdAt)
  return rest.slice(0, limit)
}

/** Follows cursors until a short page, the way a client walks the API. */
export function readAllPages(page: typeof keysetPage, rows: readonly Row[], limit: number): Row[] {
  const seen: Row[] = []
  let after: After | undefined
  for (let guard = 0; guard <= rows.length; guard++) {
    const next = page(rows, after, limit)
    seen.push(...next)
    const last = next.at(-1)
    if (next.length < limit || last === undefined) break
    after = { createdAt: last.createdAt, id: last.id }
  }
  return seen
}
