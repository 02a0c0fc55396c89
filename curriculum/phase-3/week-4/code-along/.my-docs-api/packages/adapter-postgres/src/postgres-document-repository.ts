import type { DocumentInput, DocumentRepository } from '@my-docs-api/application';
import type { DocumentState } from '@my-docs-api/domain';
import { Kysely, PostgresDialect, type Generated } from 'kysely';
import pg from 'pg';

export interface Database {
  documents: { id: Generated<string>; url: string; slug: string; title: string; version: Generated<number> };
}

/** kysely over a pg Pool (it connects lazily). */
export function createDatabase(databaseUrl: string): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl }) }) });
}

const toState = (row: { id: string; url: string; slug: string; title: string; version: number }): DocumentState => ({ ...row, id: Number(row.id) });

/** The DocumentRepository port on Postgres (last week's adapter, its imports now by package name). */
export class PostgresDocumentRepository implements DocumentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(id: number): Promise<DocumentState | null> {
    const row = await this.db.selectFrom('documents').selectAll().where('id', '=', String(id)).executeTakeFirst();
    return row ? toState(row) : null;
  }

  async create(input: DocumentInput): Promise<DocumentState> {
    return toState(await this.db.insertInto('documents').values(input).returningAll().executeTakeFirstOrThrow());
  }
}
