import type { ReadingListRepository } from '../application/ports/reading-list-repository.port.js'
import { type DocumentId, ReadingList, type ReadingListId } from '../domain/reading-list.js'
import { err, ok, type Result } from '../domain/result.js'
import type { Sql } from './sql.js'

export const READING_LISTS_DDL = `CREATE TABLE reading_lists (
  id text PRIMARY KEY,
  title text NOT NULL,
  items text[] NOT NULL,
  published_at timestamptz,
  version integer NOT NULL
)`

interface Row {
  id: string
  title: string
  items: string[]
  published_at: Date | null
  version: number
}

/** Driven adapter: translates between the aggregate and rows. No business rule lives here. */
export class PgReadingListRepository implements ReadingListRepository {
  constructor(private readonly sql: Sql) {}

  async get(id: ReadingListId): Promise<ReadingList | undefined> {
    const { rows } = await this.sql.query<Row>('SELECT * FROM reading_lists WHERE id = $1', [id])
    const row = rows[0]
    if (!row) return undefined
    return ReadingList.restore({
      id: row.id as ReadingListId,
      title: row.title,
      items: row.items as DocumentId[],
      publishedAt: row.published_at,
      version: row.version,
    })
  }

  async save(list: ReadingList): Promise<Result<{ version: number }, 'version-conflict'>> {
    const s = list.toSnapshot()
    // A new aggregate (version 0) is an INSERT that must not overwrite; an existing one is an
    // UPDATE guarded by the version we loaded. No row back means someone else saved first.
    const { rows } =
      s.version === 0
        ? await this.sql.query<{ version: number }>(
            `INSERT INTO reading_lists (id, title, items, published_at, version) VALUES ($1, $2, $3, $4, 1)
             ON CONFLICT (id) DO NOTHING RETURNING version`,
            [s.id, s.title, s.items, s.publishedAt],
          )
        : await this.sql.query<{ version: number }>(
            `UPDATE reading_lists SET title = $2, items = $3, published_at = $4, version = version + 1
             WHERE id = $1 AND version = $5 RETURNING version`,
            [s.id, s.title, s.items, s.publishedAt, s.version],
          )
    const saved = rows[0]
    return saved ? ok({ version: saved.version }) : err('version-conflict')
  }
}
