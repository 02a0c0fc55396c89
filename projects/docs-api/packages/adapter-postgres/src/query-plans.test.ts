import { sql, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor, decodeCursor } from '@docs-api/application';
import { PostgresDocumentRepository } from './postgres-document-repository.js';
import { createTestDatabase, type TestDatabase } from './testing/test-database.js';

const ROWS = 20_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

// The hot queries, exactly as the repository builds them, EXPLAINed on a seeded and ANALYZEd table: each must
// use its index (its name appears in the plan) and never scan the whole table.
describe('query plans of the hot queries', () => {
  let database: TestDatabase;
  let repository: PostgresDocumentRepository;

  async function explain(query: CompiledQuery): Promise<{ indexes: string[]; seqScans: string[] }> {
    const { rows } = await database.db.executeQuery<{ 'QUERY PLAN': { Plan: PlanNode }[] }>({
      ...query,
      sql: `EXPLAIN (FORMAT JSON) ${query.sql}`,
    } as CompiledQuery<{ 'QUERY PLAN': { Plan: PlanNode }[] }>);
    const all = nodes(rows[0]!['QUERY PLAN'][0]!.Plan);
    return {
      indexes: all.flatMap((n) => (n['Index Name'] ? [n['Index Name']] : [])),
      seqScans: all.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'] ?? '?'),
    };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    repository = new PostgresDocumentRepository(database.db);
    // Rows a second apart, with common words everywhere and a rare one ("zeppelin") in 1 row in 1000.
    await sql`
      INSERT INTO documents (url, slug, title, headings, content, links, status, created_at, updated_at)
      SELECT 'https://docs.example/p/' || i, 'p-' || i, 'Page ' || i || ' handler stream',
             '[]'::jsonb,
             'Buffer socket promise worker cache ' || CASE WHEN i % 1000 = 0 THEN 'zeppelin ' ELSE '' END || 'parser loop ' || i,
             '[]'::jsonb, 200, now() - make_interval(secs => i), now()
      FROM generate_series(1, ${ROWS}) AS i`.execute(database.db);
    await sql`ANALYZE documents`.execute(database.db);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('finds by slug through documents_slug_key', async () => {
    const plan = await explain(repository.findBySlugQuery('p-12345').compile());
    expect(plan.indexes).toContain('documents_slug_key');
    expect(plan.seqScans).toEqual([]);
  });

  it('reads the first page and a page after a cursor through documents_created_at_id_idx', async () => {
    const first = await repository.listPage(20, null);
    const cursor = decodeCursor(first.nextCursor!)!;
    for (const query of [repository.listPageQuery(21, null), repository.listPageQuery(21, cursor)]) {
      const plan = await explain(query.compile());
      expect(plan.indexes).toContain('documents_created_at_id_idx');
      expect(plan.seqScans).toEqual([]);
    }
    // And a cursor half-way down the table is still one index range, not a scan of the rows before it.
    const { rows } = await sql<{ t: string; id: string }>`
      SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t, id::text AS id
      FROM documents ORDER BY created_at DESC, id DESC OFFSET ${ROWS / 2} LIMIT 1`.execute(database.db);
    const deep = decodeCursor(encodeCursor({ createdAt: rows[0]!.t, id: Number(rows[0]!.id) }))!;
    expect((await explain(repository.listPageQuery(21, deep).compile())).indexes).toContain('documents_created_at_id_idx');
    expect((await repository.listPage(20, deep)).items[0]!.id).toBe(Number(rows[0]!.id) + 1);
  });

  it('runs full-text search through the GIN index documents_search_idx', async () => {
    const plan = await explain(repository.searchQuery('zeppelin', 10).compile(database.db));
    expect(plan.indexes).toContain('documents_search_idx');
    expect(plan.seqScans).toEqual([]);
    const hits = await repository.search('zeppelin', 50);
    expect(hits).toHaveLength(ROWS / 1000);
  });
});
