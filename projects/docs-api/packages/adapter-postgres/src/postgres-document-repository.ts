import { createHash } from 'node:crypto';
import {
  encodeCursor,
  ValueRejectedError,
  type DocumentInput,
  type DocumentPage,
  type DocumentRepository,
  type DocumentView,
  type PageCursor,
  type SearchHit,
  type UpsertOutcome,
} from '@docs-api/application';
import { Slug, type DocumentChange, type Heading } from '@docs-api/domain';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './database.js';

/** The column that holds the text: `body` before the expand/contract rename, `content` once it exists. */
export type TextColumn = 'body' | 'content';

const UNDEFINED_COLUMN = '42703';

/** SQLSTATE classes that mean "this value cannot be stored" (22: data exception, 54: a program limit, such as an
 * index row too large), as opposed to the database being unreachable or a bug: one bad record, not a bad import. */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('54'));
}

function slugFromUrl(url: string): string {
  return Slug.fromUrl(url).value;
}

/** The default slug plus 8 hex characters of the URL's SHA-1: deterministic across imports. */
function disambiguatedSlug(url: string): string {
  return Slug.disambiguated(url, createHash('sha1').update(url).digest('hex')).value;
}

interface Row {
  id: string;
  url: string;
  slug: string;
  title: string;
  headings: Heading[];
  text: string;
  links: string[];
  status: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

function toView(row: Row): DocumentView {
  return {
    id: Number(row.id),
    url: row.url,
    slug: row.slug,
    title: row.title,
    headings: row.headings,
    body: row.text,
    links: row.links,
    status: row.status,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * The DocumentRepository port on Postgres: the documents table's queries. It names the text column it learned from the catalog (`content` when it exists,
 * else `body`) and learns again when Postgres says a column it named is gone, then retries once: the same code runs
 * before, during and after the body → content expand/contract, with migrations applied under its feet.
 */
export class PostgresDocumentRepository implements DocumentRepository {
  #textColumn: TextColumn | undefined;

  constructor(private readonly db: Kysely<Database>) {}

  /** One round trip to Postgres; throws when it is unreachable. */
  async ping(): Promise<void> {
    await sql`SELECT 1`.execute(this.db);
  }

  async findById(id: number): Promise<DocumentView | null> {
    return this.#withTextColumn(async (column) => {
      const row = await this.#selectDocument(this.db, column).where('id', '=', String(id)).executeTakeFirst();
      return row ? toView(row) : null;
    });
  }

  async findBySlug(slug: string): Promise<DocumentView | null> {
    return this.#withTextColumn(async (column) => {
      const row = await this.findBySlugQuery(slug, column).executeTakeFirst();
      return row ? toView(row) : null;
    });
  }

  /** The query behind `findBySlug`, for EXPLAIN in the index tests. */
  findBySlugQuery(slug: string, column: TextColumn = 'content') {
    return this.#selectDocument(this.db, column).where('slug', '=', slug);
  }

  /** A page of the listing, newest first (ties broken by id), after `cursor` when given. */
  async listPage(limit: number, cursor: PageCursor | null): Promise<DocumentPage> {
    const rows = await this.listPageQuery(limit + 1, cursor).execute();
    const items = rows.slice(0, limit);
    const last = rows.length > limit ? items.at(-1) : undefined;
    return {
      items: items.map(({ cursor_at: _cursorAt, ...row }) => ({
        id: Number(row.id),
        url: row.url,
        slug: row.slug,
        title: row.title,
        status: row.status,
        version: row.version,
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
      })),
      nextCursor: last ? encodeCursor({ createdAt: last.cursor_at, id: Number(last.id) }) : null,
    };
  }

  /** The query behind `listPage` (a keyset page: one range of `documents_created_at_id_idx`). */
  listPageQuery(limit: number, cursor: PageCursor | null) {
    let query = this.db
      .selectFrom('documents')
      .select(['id', 'url', 'slug', 'title', 'status', 'version', 'created_at', 'updated_at'])
      // The key at full precision: a JS Date would drop the microseconds and repeat or skip rows.
      .select(sql<string>`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursor_at'))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
    if (cursor) {
      query = query.where(sql<boolean>`(created_at, id) < (${cursor.createdAt}::timestamptz, ${String(cursor.id)}::bigint)`);
    }
    return query;
  }

  /** Full-text search: websearch syntax, ranked by ts_rank, with a highlighted snippet of the best matches. */
  async search(q: string, limit: number): Promise<SearchHit[]> {
    return this.#withTextColumn(async (column) => {
      const { rows } = await this.searchQuery(q, limit, column).execute(this.db);
      return rows.map((r) => ({ id: Number(r.id), slug: r.slug, url: r.url, title: r.title, rank: r.rank, snippet: r.snippet }));
    });
  }

  /** The query behind `search`: ranks with the GIN index, then builds snippets for the page only (ts_headline is costly). */
  searchQuery(q: string, limit: number, column: TextColumn = 'content') {
    return sql<{ id: string; slug: string; url: string; title: string; rank: number; snippet: string }>`
      SELECT hit.id, hit.slug, hit.url, hit.title, hit.rank,
             ts_headline('english', hit.text, websearch_to_tsquery('english', ${q}),
                         'MaxFragments=2, MinWords=5, MaxWords=20, StartSel=<mark>, StopSel=</mark>') AS snippet
      FROM (
        SELECT id, slug, url, title, ${sql.ref(column)} AS text,
               ts_rank(search, websearch_to_tsquery('english', ${q}))::float8 AS rank
        FROM documents
        WHERE search @@ websearch_to_tsquery('english', ${q})
        ORDER BY rank DESC, id
        LIMIT ${limit}
      ) AS hit
      ORDER BY hit.rank DESC, hit.id`;
  }

  /** Inserts a document; a unique violation (url or slug) comes back as pg's error (code 23505). */
  async create(input: DocumentInput): Promise<DocumentView> {
    return this.#withTextColumn((column) =>
      this.db.transaction().execute(async (trx) => {
        const slug = input.slug ?? (await this.#freeSlugs(trx, [input.url])).get(input.url)!;
        const row = await trx
          .insertInto('documents')
          .values({ ...this.#columns(input, column), url: input.url, slug })
          .returning(this.#documentColumns(column))
          .executeTakeFirstOrThrow();
        return toView(row as Row);
      }),
    );
  }

  /** Replaces a document and bumps its version; null when there is no such id. */
  async update(id: number, input: DocumentInput): Promise<{ document: DocumentView; change: DocumentChange } | null> {
    return this.#withTextColumn((column) =>
      this.db.transaction().execute(async (trx) => {
        const old = await trx.selectFrom('documents').select(['slug']).where('id', '=', String(id)).forUpdate().executeTakeFirst();
        if (!old) return null;
        const row = await trx
          .updateTable('documents')
          .set({
            ...this.#columns(input, column),
            url: input.url,
            ...(input.slug === undefined ? {} : { slug: input.slug }),
            version: sql<number>`version + 1`,
            updated_at: sql<Date>`now()`,
          })
          .where('id', '=', String(id))
          .returning(this.#documentColumns(column))
          .executeTakeFirstOrThrow();
        const document = toView(row as Row);
        return { document, change: { id, slugs: [...new Set([old.slug, document.slug])], version: document.version } };
      }),
    );
  }

  /** Deletes a document; null when there is no such id. */
  async delete(id: number): Promise<DocumentChange | null> {
    const row = await this.db.deleteFrom('documents').where('id', '=', String(id)).returning(['slug', 'version']).executeTakeFirst();
    return row ? { id, slugs: [row.slug], version: row.version + 1 } : null;
  }

  /**
   * Upserts a batch keyed by URL in one transaction: new URLs are inserted (with a free slug), changed ones get
   * the new fields and version + 1, identical ones are left alone (the update's WHERE filters them out, so they
   * are neither written nor returned). URLs must be distinct within a batch.
   */
  async upsertBatch(inputs: readonly DocumentInput[]): Promise<UpsertOutcome> {
    if (inputs.length === 0) return { inserted: 0, updated: 0, unchanged: 0, changes: [] };
    try {
      return await this.#upsertBatch(inputs);
    } catch (error) {
      if (isDataError(error)) throw new ValueRejectedError(`Postgres refused a value of the batch: ${(error as Error).message}`, { cause: error });
      throw error;
    }
  }

  #upsertBatch(inputs: readonly DocumentInput[]): Promise<UpsertOutcome> {
    return this.#withTextColumn((column) =>
      this.db.transaction().execute(async (trx) => {
        const slugs = await this.#freeSlugs(trx, inputs.filter((i) => i.slug === undefined).map((i) => i.url));
        const ref = (name: string) => sql.ref(name);
        const rows = await trx
          .insertInto('documents')
          .values(inputs.map((input) => ({ ...this.#columns(input, column), url: input.url, slug: input.slug ?? slugs.get(input.url)! })))
          .onConflict((oc) =>
            oc
              .column('url')
              .doUpdateSet({
                title: sql`excluded.title`,
                headings: sql`excluded.headings`,
                [column]: sql`${ref(`excluded.${column}`)}`,
                links: sql`excluded.links`,
                status: sql`excluded.status`,
                version: sql`documents.version + 1`,
                updated_at: sql`now()`,
              })
              .where(
                sql<boolean>`(documents.title, documents.headings, ${ref(`documents.${column}`)}, documents.links, documents.status)
                  IS DISTINCT FROM (excluded.title, excluded.headings, ${ref(`excluded.${column}`)}, excluded.links, excluded.status)`,
              ),
          )
          .returning(['id', 'slug', 'version', sql<boolean>`xmax = 0`.as('inserted')])
          .execute();
        const inserted = rows.filter((r) => r.inserted).length;
        const changes = rows.filter((r) => !r.inserted).map((r) => ({ id: Number(r.id), slugs: [r.slug], version: r.version }));
        return { inserted, updated: changes.length, unchanged: inputs.length - rows.length, changes };
      }),
    );
  }

  /** The text column in use (after learning it from the catalog if needed). */
  async textColumn(): Promise<TextColumn> {
    if (this.#textColumn === undefined) {
      const { rows } = await sql<{ column_name: string }>`
        SELECT column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'documents' AND column_name IN ('body', 'content')`.execute(this.db);
      this.#textColumn = rows.some((r) => r.column_name === 'content') ? 'content' : 'body';
    }
    return this.#textColumn;
  }

  async #withTextColumn<T>(run: (column: TextColumn) => Promise<T>): Promise<T> {
    const column = await this.textColumn();
    try {
      return await run(column);
    } catch (error) {
      if ((error as { code?: unknown }).code !== UNDEFINED_COLUMN) throw error;
      // A migration dropped or renamed a column since we looked: look again, and retry if the answer changed.
      this.#textColumn = undefined;
      const again = await this.textColumn();
      if (again === column) throw error;
      return run(again);
    }
  }

  #columns(input: DocumentInput, column: TextColumn) {
    return {
      title: input.title,
      headings: JSON.stringify(input.headings),
      links: JSON.stringify(input.links),
      status: input.status,
      [column]: input.body,
    };
  }

  #documentColumns(column: TextColumn) {
    return [
      'id',
      'url',
      'slug',
      'title',
      'headings',
      sql<string>`${sql.ref(column)}`.as('text'),
      'links',
      'status',
      'version',
      'created_at',
      'updated_at',
    ] as const;
  }

  #selectDocument(db: Kysely<Database> | Transaction<Database>, column: TextColumn) {
    return db.selectFrom('documents').select(this.#documentColumns(column));
  }

  /**
   * Picks a slug for each new URL: `slugFromUrl(url)` unless another URL holds it (in the table or earlier in
   * this batch), then `disambiguatedSlug(url)`. URLs already in the table keep theirs (the upsert never changes it).
   */
  async #freeSlugs(trx: Transaction<Database>, urls: readonly string[]): Promise<Map<string, string>> {
    const wanted = new Map(urls.map((url) => [url, slugFromUrl(url)]));
    const result = new Map<string, string>();
    if (wanted.size === 0) return result;
    const taken = await trx
      .selectFrom('documents')
      .select(['url', 'slug'])
      .where('slug', 'in', [...new Set(wanted.values())])
      .execute();
    const owner = new Map(taken.map((r) => [r.slug, r.url]));
    for (const [url, slug] of wanted) {
      const holder = owner.get(slug);
      const chosen = holder === undefined || holder === url ? slug : disambiguatedSlug(url);
      owner.set(chosen, url);
      result.set(url, chosen);
    }
    return result;
  }
}
