import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
// The port and the domain are still folders of the root package this week: the one import that leaves this
// package by a relative path. Next week they are packages, and these lines become '@my-docs-api/application'
// and '@my-docs-api/domain'.
import {
  DocumentConflictError,
  ValueRejectedError,
  type DocumentInput,
  type DocumentRepository,
  type DocumentView,
  type SearchHit,
  type UpsertOutcome,
} from '../../../src/application/ports/document-repository.port.js';
import { Slug, type DocumentChange, type Heading } from '../../../src/domain/index.js';
import type { Database } from './database.js';

interface Row {
  id: string;
  url: string;
  slug: string;
  title: string;
  headings: Heading[];
  content: string;
  links: string[];
  status: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = ['id', 'url', 'slug', 'title', 'headings', 'content', 'links', 'status', 'version', 'created_at', 'updated_at'] as const;

function toView(row: Row): DocumentView {
  return {
    id: Number(row.id),
    url: row.url,
    slug: row.slug,
    title: row.title,
    headings: row.headings,
    body: row.content,
    links: row.links,
    status: row.status,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function columns(input: DocumentInput) {
  return { title: input.title, headings: JSON.stringify(input.headings), content: input.body, links: JSON.stringify(input.links), status: input.status };
}

/**
 * Postgres's errors in the port's words: a unique violation (23505) is a DocumentConflictError naming the field,
 * a value Postgres cannot hold (SQLSTATE class 22, data exception, or 54, a program limit) a ValueRejectedError.
 * Everything else (Postgres down, a bug) goes up as it is. No use case ever sees a SQLSTATE.
 */
function translated(error: unknown): unknown {
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  if (code === '23505') {
    const field = constraint === 'documents_slug_key' ? 'slug' : 'url';
    return new DocumentConflictError(field, `another document has this ${field}`, { cause: error });
  }
  if (typeof code === 'string' && (code.startsWith('22') || code.startsWith('54'))) {
    return new ValueRejectedError(`Postgres refused a value: ${(error as Error).message}`, { cause: error });
  }
  return error;
}

async function inPortTerms<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw translated(error);
  }
}

/**
 * The DocumentRepository port on Postgres: your monolith's DocumentRepository class, renamed and moved, with
 * its queries unchanged (kysely over pg). It translates rows to DocumentView and Postgres's errors to the port's;
 * it holds no business rule (the domain and the use cases do).
 */
export class PostgresDocumentRepository implements DocumentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async ping(): Promise<void> {
    await sql`SELECT 1`.execute(this.db);
  }

  async findById(id: number): Promise<DocumentView | null> {
    const row = await this.db.selectFrom('documents').select(COLUMNS).where('id', '=', String(id)).executeTakeFirst();
    return row ? toView(row) : null;
  }

  async findBySlug(slug: string): Promise<DocumentView | null> {
    const row = await this.db.selectFrom('documents').select(COLUMNS).where('slug', '=', slug).executeTakeFirst();
    return row ? toView(row) : null;
  }

  async search(q: string, limit: number): Promise<SearchHit[]> {
    const { rows } = await sql<{ id: string; slug: string; url: string; title: string; rank: number; snippet: string }>`
      SELECT id, slug, url, title,
             ts_rank(search, websearch_to_tsquery('english', ${q}))::float8 AS rank,
             ts_headline('english', content, websearch_to_tsquery('english', ${q}), 'StartSel=<mark>, StopSel=</mark>') AS snippet
      FROM documents
      WHERE search @@ websearch_to_tsquery('english', ${q})
      ORDER BY rank DESC, id
      LIMIT ${limit}`.execute(this.db);
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  async create(input: DocumentInput): Promise<DocumentView> {
    return inPortTerms(() =>
      this.db.transaction().execute(async (trx) => {
        const slug = input.slug ?? (await this.#freeSlugs(trx, [input.url])).get(input.url)!;
        const row = await trx
          .insertInto('documents')
          .values({ ...columns(input), url: input.url, slug })
          .returning(COLUMNS)
          .executeTakeFirstOrThrow();
        return toView(row);
      }),
    );
  }

  async update(id: number, input: DocumentInput): Promise<{ document: DocumentView; change: DocumentChange } | null> {
    return inPortTerms(() =>
      this.db.transaction().execute(async (trx) => {
        const old = await trx.selectFrom('documents').select('slug').where('id', '=', String(id)).forUpdate().executeTakeFirst();
        if (!old) return null;
        const row = await trx
          .updateTable('documents')
          .set({
            ...columns(input),
            url: input.url,
            ...(input.slug === undefined ? {} : { slug: input.slug }),
            version: sql<number>`version + 1`,
            updated_at: sql<Date>`now()`,
          })
          .where('id', '=', String(id))
          .returning(COLUMNS)
          .executeTakeFirstOrThrow();
        const document = toView(row);
        return { document, change: { id, slugs: [...new Set([old.slug, document.slug])], version: document.version } };
      }),
    );
  }

  async delete(id: number): Promise<DocumentChange | null> {
    const row = await this.db.deleteFrom('documents').where('id', '=', String(id)).returning(['slug', 'version']).executeTakeFirst();
    return row ? { id, slugs: [row.slug], version: row.version + 1 } : null;
  }

  /** One INSERT ... ON CONFLICT (url) DO UPDATE ... WHERE changed: identical rows are neither written nor returned. */
  async upsertBatch(inputs: readonly DocumentInput[]): Promise<UpsertOutcome> {
    if (inputs.length === 0) return { inserted: 0, updated: 0, unchanged: 0, changes: [] };
    return inPortTerms(() =>
      this.db.transaction().execute(async (trx) => {
        const slugs = await this.#freeSlugs(trx, inputs.filter((i) => i.slug === undefined).map((i) => i.url));
        const rows = await trx
          .insertInto('documents')
          .values(inputs.map((input) => ({ ...columns(input), url: input.url, slug: input.slug ?? slugs.get(input.url)! })))
          .onConflict((oc) =>
            oc
              .column('url')
              .doUpdateSet({
                title: sql`excluded.title`,
                headings: sql`excluded.headings`,
                content: sql`excluded.content`,
                links: sql`excluded.links`,
                status: sql`excluded.status`,
                version: sql`documents.version + 1`,
                updated_at: sql`now()`,
              })
              .where(
                sql<boolean>`(documents.title, documents.headings, documents.content, documents.links, documents.status)
                  IS DISTINCT FROM (excluded.title, excluded.headings, excluded.content, excluded.links, excluded.status)`,
              ),
          )
          // xmax = 0 on a row this statement inserted; an updated row carries the updating transaction's id.
          .returning(['id', 'slug', 'version', sql<boolean>`xmax = 0`.as('inserted')])
          .execute();
        const changes = rows.filter((r) => !r.inserted).map((r) => ({ id: Number(r.id), slugs: [r.slug], version: r.version }));
        return { inserted: rows.length - changes.length, updated: changes.length, unchanged: inputs.length - rows.length, changes };
      }),
    );
  }

  /** A slug for each new URL: the one derived from it, unless another URL holds it; then that plus 8 hex of its SHA-1. */
  async #freeSlugs(trx: Transaction<Database>, urls: readonly string[]): Promise<Map<string, string>> {
    const wanted = new Map(urls.map((url) => [url, Slug.fromUrl(url).value]));
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
      const chosen = holder === undefined || holder === url ? slug : Slug.disambiguated(url, createHash('sha1').update(url).digest('hex')).value;
      owner.set(chosen, url);
      result.set(url, chosen);
    }
    return result;
  }
}
