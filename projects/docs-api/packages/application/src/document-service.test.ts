import { DomainError, type DocumentChange, type DocumentEvent } from '@docs-api/domain';
import { describe, expect, it } from 'vitest';
import { DocumentService } from './document-service.js';
import { importCrawl } from './import-crawl.js';
import type { CacheKind, DocumentCache } from './ports/document-cache.port.js';
import {
  ValueRejectedError,
  type DocumentInput,
  type DocumentPage,
  type DocumentRepository,
  type DocumentView,
  type SearchHit,
  type UpsertOutcome,
} from './ports/document-repository.port.js';

// The use cases against in-memory implementations of their own ports: what the application promises, with no
// Postgres and no Redis (the adapters' tests cover those against the real services).

const at = new Date('2025-08-16T09:00:00Z');

class MemoryRepository implements DocumentRepository {
  readonly rows = new Map<number, DocumentView>();
  writes = 0;
  #next = 1;
  refuse = new Set<string>();

  async ping(): Promise<void> {}
  async findById(id: number) {
    return this.rows.get(id) ?? null;
  }
  async findBySlug(slug: string) {
    return [...this.rows.values()].find((d) => d.slug === slug) ?? null;
  }
  async listPage(): Promise<DocumentPage> {
    return { items: [], nextCursor: null };
  }
  async search(): Promise<SearchHit[]> {
    return [];
  }
  async create(input: DocumentInput) {
    this.writes++;
    const id = this.#next++;
    const view: DocumentView = { ...input, id, slug: input.slug ?? `doc-${id}`, version: 1, createdAt: at.toISOString(), updatedAt: at.toISOString() };
    this.rows.set(id, view);
    return view;
  }
  async update(id: number, input: DocumentInput) {
    const old = this.rows.get(id);
    if (!old) return null;
    this.writes++;
    const document = { ...old, ...input, slug: input.slug ?? old.slug, version: old.version + 1 };
    this.rows.set(id, document);
    return { document, change: { id, slugs: [...new Set([old.slug, document.slug])], version: document.version } };
  }
  async delete(id: number) {
    const old = this.rows.get(id);
    if (!old) return null;
    this.rows.delete(id);
    return { id, slugs: [old.slug], version: old.version + 1 };
  }
  async upsertBatch(inputs: readonly DocumentInput[]): Promise<UpsertOutcome> {
    if (inputs.some((i) => this.refuse.has(i.url))) throw new ValueRejectedError('refused');
    for (const i of inputs) await this.create(i);
    return { inserted: inputs.length, updated: 0, unchanged: 0, changes: [] };
  }
}

class MemoryCache implements DocumentCache {
  readonly status = 'up' as const;
  readonly entries = new Map<string, DocumentView>();
  readonly invalidated: DocumentChange[] = [];
  async get(kind: CacheKind, key: string) {
    return this.entries.get(`${kind}:${key}`);
  }
  async fill(kind: CacheKind, key: string, document: DocumentView) {
    this.entries.set(`${kind}:${key}`, document);
  }
  async invalidate(change: DocumentChange) {
    this.invalidated.push(change);
    for (const s of change.slugs) this.entries.delete(`slug:${s}`);
    this.entries.delete(`id:${change.id}`);
  }
}

function service() {
  const repository = new MemoryRepository();
  const cache = new MemoryCache();
  const events: DocumentEvent[] = [];
  const documents = new DocumentService({ repository, cache, events: { publish: async (e) => void events.push(...e) }, clock: { now: () => at } });
  return { repository, cache, events, documents };
}

const input: DocumentInput = { url: 'https://x.dev/docs/a', slug: 'docs-a', title: 'A', headings: [], body: 'text', links: [], status: 200 };

describe('DocumentService', () => {
  it('publishes: writes, invalidates, then publishes DocumentPublished stamped by the clock', async () => {
    const { documents, cache, events } = service();
    const view = await documents.create(input);
    expect(cache.invalidated).toEqual([{ id: view.id, slugs: ['docs-a'], version: 1 }]);
    expect(events).toEqual([{ type: 'DocumentPublished', id: view.id, slugs: ['docs-a'], version: 1, at }]);
  });

  it('refuses a document that breaks a domain rule before anything is written', async () => {
    const { documents, repository, events } = service();
    await expect(documents.create({ ...input, slug: 'Not a slug' })).rejects.toThrow(DomainError);
    await expect(documents.create({ ...input, status: 700 })).rejects.toThrow(expect.objectContaining({ code: 'status.range' }));
    expect([repository.writes, events.length]).toEqual([0, 0]);
  });

  it('revises: the event names the old and the new slug and the new version', async () => {
    const { documents, events } = service();
    const { id } = await documents.create(input);
    await documents.update(id, { ...input, slug: 'docs-b' });
    expect(events.at(-1)).toEqual({ type: 'DocumentRevised', id, slugs: ['docs-a', 'docs-b'], version: 2, at });
    expect(await documents.update(999, input)).toBeNull();
  });

  it('deletes: the floor is one past the last version; an unknown id is false', async () => {
    const { documents, cache, events } = service();
    const { id } = await documents.create(input);
    expect(await documents.delete(id)).toBe(true);
    expect(cache.invalidated.at(-1)).toEqual({ id, slugs: ['docs-a'], version: 2 });
    expect(events.at(-1)).toMatchObject({ type: 'DocumentDeleted', version: 2 });
    expect(await documents.delete(id)).toBe(false);
  });

  it('reads cache-aside: a miss fills the cache, a hit never reaches the repository', async () => {
    const { documents, repository, cache } = service();
    const { id } = await documents.create(input);
    expect((await documents.getById(id))?.title).toBe('A');
    expect(cache.entries.has(`id:${id}`)).toBe(true);
    repository.rows.clear();
    expect((await documents.getById(id))?.title).toBe('A');
    expect(await documents.getBySlug('nope')).toBeNull();
  });
});

describe('DocumentService reads', () => {
  it('by slug: a miss fills the slug key, a hit never reaches the repository', async () => {
    const { documents, repository, cache } = service();
    const { id } = await documents.create(input);
    expect((await documents.getBySlug('docs-a'))?.id).toBe(id);
    expect([...cache.entries.keys()]).toEqual(['slug:docs-a']);
    repository.rows.clear();
    expect((await documents.getBySlug('docs-a'))?.id).toBe(id);
  });

  it('a document that is not there is not cached', async () => {
    const { documents, cache } = service();
    expect(await documents.getById(404)).toBeNull();
    expect(await documents.getBySlug('none')).toBeNull();
    expect(cache.entries.size).toBe(0);
  });

  it('lists and searches through the repository, uncached', async () => {
    const { documents, repository, cache } = service();
    const page = { items: [], nextCursor: 'next' };
    const hits = [{ id: 1, slug: 'a', url: 'https://x.dev/a', title: 'A', rank: 0.5, snippet: '<mark>a</mark>' }];
    const calls: unknown[] = [];
    repository.listPage = async (...args) => (calls.push(['list', ...args]), page);
    repository.search = async (...args) => (calls.push(['search', ...args]), hits);
    const cursor = { createdAt: '2026-11-25T01:22:02.602488Z', id: 3 };
    expect(await documents.list(20, cursor)).toBe(page);
    expect(await documents.search('a b', 5)).toBe(hits);
    expect(calls).toEqual([['list', 20, cursor], ['search', 'a b', 5]]);
    expect(cache.entries.size).toBe(0);
  });
});

describe('ValueRejectedError', () => {
  it('is named, for the logs, and keeps its cause', () => {
    const cause = new Error('integer out of range');
    const error = new ValueRejectedError('refused', { cause });
    expect([error.name, error.message, error.cause]).toEqual(['ValueRejectedError', 'refused', cause]);
    expect(String(error)).toBe('ValueRejectedError: refused');
  });
});

describe('importCrawl', () => {
  async function* lines(...l: string[]) {
    yield* l;
  }
  const record = (url: string) => JSON.stringify({ url, status: 200, title: 'T', headings: [], text: 'x', links: [] });

  it('skips malformed lines by number, and a refused record alone', async () => {
    const { repository } = service();
    repository.refuse.add('https://x.dev/bad');
    const summary = await importCrawl(lines(record('https://x.dev/1'), '{oops', '', record('https://x.dev/bad'), record('https://x.dev/2')), repository);
    expect(summary).toMatchObject({ inserted: 2, skipped: 2, skippedLines: [2], rejectedLines: [4] });
  });

  it('replaces NUL in the text and says which lines it cleaned', async () => {
    const { repository } = service();
    const summary = await importCrawl(lines(JSON.stringify({ url: 'https://x.dev/n', status: 200, title: 'a\u0000b', headings: [], text: '', links: [] })), repository);
    expect(summary.cleanedLines).toEqual([1]);
    expect([...repository.rows.values()][0]!.title).toBe('a\uFFFDb');
  });
});
