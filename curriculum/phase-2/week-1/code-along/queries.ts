import type { Db } from './db.js'

export interface DocRow {
  id: number
  url: string
  fetched_at: Date
}

/** The API's hottest query: the latest documents of one site. */
export const LATEST_FOR_SITE = `
  SELECT id, url, fetched_at FROM documents
  WHERE site_id = $1
  ORDER BY fetched_at DESC, id DESC
  LIMIT $2`

/**
 * The next page after the last row the client saw (keyset pagination). Unlike OFFSET, which reads
 * and throws away every skipped row, this starts right after the cursor in the index.
 */
export const PAGE_AFTER = `
  SELECT id, url, fetched_at FROM documents
  WHERE site_id = $1 AND (fetched_at, id) < ($2, $3)
  ORDER BY fetched_at DESC, id DESC
  LIMIT $4`

export async function latestForSite(db: Db, siteId: number, limit: number): Promise<DocRow[]> {
  return (await db.query<DocRow>(LATEST_FOR_SITE, [siteId, limit])).rows
}

export async function pageAfter(db: Db, siteId: number, after: DocRow, limit: number): Promise<DocRow[]> {
  return (await db.query<DocRow>(PAGE_AFTER, [siteId, after.fetched_at, after.id, limit])).rows
}

/** Case-insensitive title lookup: needs an expression index on lower(title). */
export const BY_TITLE = `SELECT id, title FROM documents WHERE lower(title) = lower($1)`

/** The error dashboard: few rows match, so a small partial index fits it exactly. */
export const RECENT_ERRORS = `
  SELECT id, url, status FROM documents
  WHERE status >= 400
  ORDER BY fetched_at DESC
  LIMIT 50`

/** Each index targets one query above. */
export const INDEXES = {
  latest: `CREATE INDEX documents_site_fetched_idx ON documents (site_id, fetched_at DESC, id DESC)`,
  title: `CREATE INDEX documents_lower_title_idx ON documents (lower(title))`,
  errors: `CREATE INDEX documents_errors_idx ON documents (fetched_at DESC) WHERE status >= 400`,
} as const
