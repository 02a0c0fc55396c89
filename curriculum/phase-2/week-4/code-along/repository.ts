import type { Db } from './db.js'

export interface DocumentDto {
  id: number
  url: string
  title: string
  status: number
  meta: Record<string, unknown>
  fetchedAt: string
}

const COLUMNS = 'id, url, title, status, meta, fetched_at'

type Row = Omit<DocumentDto, 'fetchedAt'> & { fetched_at: Date }

// Both drivers return timestamptz as a Date; the API speaks ISO 8601 in UTC.
const toDto = ({ fetched_at, ...rest }: Row): DocumentDto => ({ ...rest, fetchedAt: fetched_at.toISOString() })

/** The API's only way into the documents table: SQL stays here, HTTP stays in app.ts. */
export class DocumentRepository {
  readonly #db: Db

  constructor(db: Db) {
    this.#db = db
  }

  async getById(id: number): Promise<DocumentDto | null> {
    const { rows } = await this.#db.query<Row>(`SELECT ${COLUMNS} FROM documents WHERE id = $1`, [id])
    return rows[0] ? toDto(rows[0]) : null
  }

  /** Keyset pagination on id; `meta` filters by JSONB containment (served by the GIN index). */
  async list({ meta = {}, after = 0, limit = 20 }: { meta?: Record<string, unknown>; after?: number; limit?: number }): Promise<DocumentDto[]> {
    const { rows } = await this.#db.query<Row>(
      `SELECT ${COLUMNS} FROM documents WHERE meta @> $1::jsonb AND id > $2 ORDER BY id LIMIT $3`,
      [JSON.stringify(meta), after, limit],
    )
    return rows.map(toDto)
  }

  async updateTitle(id: number, title: string): Promise<DocumentDto | null> {
    const { rows } = await this.#db.query<Row>(
      `UPDATE documents SET title = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, title],
    )
    return rows[0] ? toDto(rows[0]) : null
  }
}
