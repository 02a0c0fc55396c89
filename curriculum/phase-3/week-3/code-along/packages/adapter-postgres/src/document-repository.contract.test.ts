import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentConflictError, ValueRejectedError, type DocumentInput, type DocumentRepository } from '../../../src/application/ports/document-repository.port.js';
import { InMemoryDocumentRepository } from '../../../src/application/testing/in-memory-document-repository.js';
import { PostgresDocumentRepository } from './postgres-document-repository.js';
import { createTestDatabase, type TestDatabase } from './testing/test-database.js';

// The DocumentRepository contract, written once and run against every adapter of the port. An adapter that
// passes it can stand in for any other (Liskov substitution, checked by a test rather than hoped for): that is
// why the use-case tests may trust the in-memory one. The Postgres one runs on a real Postgres (DATABASE_URL),
// else on PGlite; each test starts from an empty table.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

const page = (path: string, more: Partial<DocumentInput> = {}): DocumentInput => ({
  url: `https://x.dev${path}`,
  title: `Page ${path}`,
  headings: [{ level: 1, text: 'Intro' }],
  body: `Some text about ${path}.`,
  links: [],
  status: 200,
  ...more,
});

describe.each([
  ['in-memory', async (): Promise<DocumentRepository> => new InMemoryDocumentRepository()],
  [
    'postgres',
    async (): Promise<DocumentRepository> => {
      await sql`TRUNCATE documents RESTART IDENTITY`.execute(database.db);
      return new PostgresDocumentRepository(database.db);
    },
  ],
])('step 4: the DocumentRepository contract (%s adapter)', (_adapter, emptyRepository) => {
  it('reads back what it creates, at version 1, with the slug derived from the URL', async () => {
    const repository = await emptyRepository();
    const created = await repository.create(page('/docs/Guide/intro.html'));
    expect(created).toMatchObject({ url: 'https://x.dev/docs/Guide/intro.html', slug: 'docs-guide-intro-html', version: 1, headings: [{ level: 1, text: 'Intro' }] });
    expect(await repository.findById(created.id)).toEqual(created);
    expect(await repository.findBySlug('docs-guide-intro-html')).toEqual(created);
    expect(Date.parse(created.createdAt)).not.toBeNaN();
  });

  it('answers null for an unknown id or slug', async () => {
    const repository = await emptyRepository();
    expect([await repository.findById(404), await repository.findBySlug('nope')]).toEqual([null, null]);
  });

  it('gives a URL whose slug another URL holds that slug plus 8 hex characters', async () => {
    const repository = await emptyRepository();
    await repository.create(page('/docs/a'));
    const other = await repository.create({ ...page('/docs/a'), url: 'https://y.dev/docs/a' });
    expect(other.slug).toMatch(/^docs-a-[0-9a-f]{8}$/);
  });

  it('refuses a taken URL or slug with a DocumentConflictError naming the field', async () => {
    const repository = await emptyRepository();
    await repository.create(page('/docs/a', { slug: 'first' }));
    await expect(repository.create(page('/docs/a'))).rejects.toMatchObject({ name: 'DocumentConflictError', field: 'url' });
    await expect(repository.create(page('/docs/b', { slug: 'first' }))).rejects.toBeInstanceOf(DocumentConflictError);
    await expect(repository.create(page('/docs/b', { slug: 'first' }))).rejects.toMatchObject({ field: 'slug' });
  });

  it('updates at version + 1, and the change names the old and the new slug', async () => {
    const repository = await emptyRepository();
    const { id } = await repository.create(page('/docs/a'));
    const result = await repository.update(id, page('/docs/a', { slug: 'renamed', title: 'New title' }));
    expect(result?.document).toMatchObject({ id, slug: 'renamed', title: 'New title', version: 2 });
    expect(result?.change).toEqual({ id, slugs: ['docs-a', 'renamed'], version: 2 });
    expect(await repository.findBySlug('docs-a')).toBeNull();
    expect(await repository.update(404, page('/docs/z'))).toBeNull();
  });

  it('deletes: the change floor is one past the last version, and the document is gone', async () => {
    const repository = await emptyRepository();
    const { id } = await repository.create(page('/docs/a'));
    await repository.update(id, page('/docs/a', { title: 'v2' }));
    expect(await repository.delete(id)).toEqual({ id, slugs: ['docs-a'], version: 3 });
    expect(await repository.findById(id)).toBeNull();
    expect(await repository.delete(id)).toBeNull();
  });

  it('upserts a batch by URL: inserts new ones, bumps changed ones, leaves identical ones alone', async () => {
    const repository = await emptyRepository();
    expect(await repository.upsertBatch([page('/a'), page('/b'), page('/c')])).toEqual({ inserted: 3, updated: 0, unchanged: 0, changes: [] });
    const b = (await repository.findBySlug('b'))!;
    const outcome = await repository.upsertBatch([page('/a'), page('/b', { body: 'changed' }), page('/d')]);
    expect(outcome).toEqual({ inserted: 1, updated: 1, unchanged: 1, changes: [{ id: b.id, slugs: ['b'], version: 2 }] });
    expect((await repository.findBySlug('b'))?.body).toBe('changed');
  });

  it('refuses a batch holding a value it cannot store, and writes none of it', async () => {
    const repository = await emptyRepository();
    await expect(repository.upsertBatch([page('/ok'), page('/huge', { status: 2 ** 31 })])).rejects.toBeInstanceOf(ValueRejectedError);
    expect(await repository.findBySlug('ok')).toBeNull();
  });

  it('searches: a word of the text finds the page with the word marked, title hits first, within the limit', async () => {
    const repository = await emptyRepository();
    await repository.create(page('/body', { title: 'Queries', body: 'Writing migrations with kysely.' }));
    await repository.create(page('/title', { title: 'Kysely in practice', body: 'Typed SQL builders.' }));
    await repository.create(page('/other', { title: 'Caching', body: 'Redis in front of Postgres.' }));
    const hits = await repository.search('kysely', 10);
    expect(hits.map((h) => h.slug)).toEqual(['title', 'body']);
    expect(hits[1]!.snippet).toContain('<mark>kysely</mark>');
    expect(await repository.search('kysely', 1)).toHaveLength(1);
    expect(await repository.search('elasticsearch', 10)).toEqual([]);
  });
});
