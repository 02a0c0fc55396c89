import { describe, expect, it } from 'vitest';
import type { DocumentChange } from '../domain/index.js';
import { importCrawl } from './import-crawl.js';
import { InMemoryDocumentRepository } from './testing/in-memory-document-repository.js';

async function* lines(...all: string[]): AsyncGenerator<string> {
  yield* all;
}

const record = (path: string, more: Record<string, unknown> = {}) =>
  JSON.stringify({ url: `https://x.dev${path}`, status: 200, title: `T ${path}`, headings: [], text: 'x', links: [], ...more });

describe('step 3: import a crawl, on the in-memory adapter', () => {
  it('imports new pages; a second import of the same crawl changes nothing', async () => {
    const repository = new InMemoryDocumentRepository();
    const crawl = [record('/1'), record('/2'), record('/3')];
    expect(await importCrawl(lines(...crawl), repository)).toEqual({ inserted: 3, updated: 0, unchanged: 0, skippedLines: [], rejectedLines: [] });
    expect(await importCrawl(lines(...crawl), repository)).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
  });

  it('skips the lines that are not a scraper record by number, and blank lines silently', async () => {
    const summary = await importCrawl(lines(record('/1'), '{oops', '', JSON.stringify({ url: 'ftp://x.dev/a' }), record('/2')), new InMemoryDocumentRepository());
    expect(summary).toMatchObject({ inserted: 2, skippedLines: [2, 4] });
  });

  it('skips only the record the store refuses, and goes on', async () => {
    const repository = new InMemoryDocumentRepository();
    const summary = await importCrawl(lines(record('/1'), record('/huge', { status: 2 ** 31 }), record('/2')), repository);
    expect(summary).toMatchObject({ inserted: 2, rejectedLines: [2] });
    expect(await repository.findBySlug('2')).not.toBeNull();
  });

  it('hands the changed documents to onChanges after each batch (the CLI invalidates the cache with them)', async () => {
    const repository = new InMemoryDocumentRepository();
    await importCrawl(lines(record('/1'), record('/2')), repository);
    const seen: (readonly DocumentChange[])[] = [];
    await importCrawl(lines(record('/1', { text: 'new' }), record('/2', { text: 'new' }), record('/3')), repository, {
      batchSize: 2,
      onChanges: async (changes) => void seen.push(changes),
    });
    expect(seen).toEqual([[{ id: 1, slugs: ['1'], version: 2 }, { id: 2, slugs: ['2'], version: 2 }]]);
  });
});
