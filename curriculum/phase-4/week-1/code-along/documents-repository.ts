import type { Paging } from './paging.js'
import { err, ok, type Result } from './result.js'
import type { Sql } from './sql.js'

export const DOCUMENTS_DDL = `CREATE TABLE documents (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  url text NOT NULL UNIQUE,
  title text NOT NULL
)`

export interface DocumentRow {
  readonly id: number
  readonly url: string
  readonly title: string
}

/** Postgres adapter for documents. Tested against a real database, never a mocked driver. */
export class DocumentsRepository {
  constructor(private readonly sql: Sql) {}

  async insert(doc: { url: string; title: string }): Promise<Result<DocumentRow, 'duplicate-url'>> {
    try {
      const { rows } = await this.sql.query<DocumentRow>(
        'INSERT INTO documents (url, title) VALUES ($1, $2) RETURNING id, url, title',
        [doc.url, doc.title],
      )
      const row = rows[0]
      if (!row) throw new Error('INSERT ... RETURNING returned no row')
      return ok(row)
    } catch (error) {
      // 23505 = unique_violation. Only a real Postgres raises it: a mock would return whatever
      // the test author imagined, so this branch is exactly what integration tests are for.
      if (isPgError(error) && error.code === '23505') return err('duplicate-url')
      throw error
    }
  }

  async findById(id: number): Promise<DocumentRow | undefined> {
    const { rows } = await this.sql.query<DocumentRow>('SELECT id, url, title FROM documents WHERE id = $1', [id])
    return rows[0]
  }

  async list({ limit, offset }: Paging): Promise<DocumentRow[]> {
    const { rows } = await this.sql.query<DocumentRow>('SELECT id, url, title FROM documents ORDER BY id LIMIT $1 OFFSET $2', [
      limit,
      offset,
    ])
    return rows
  }
}

function isPgError(error: unknown): error is { code: string } {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
}
