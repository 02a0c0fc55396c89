import { describe, expect, it } from 'vitest';
import { DomainError, type DocumentEvent } from '../domain/index.js';
import { DocumentService } from './document-service.js';
import { DocumentConflictError, type DocumentInput } from './ports/document-repository.port.js';
import { InMemoryDocumentCache } from './testing/in-memory-document-cache.js';
import { InMemoryDocumentRepository } from './testing/in-memory-document-repository.js';

// The use cases on in-memory adapters of their own ports: what the application promises, with no Postgres, no
// Redis and no mock library. Run them with DATABASE_URL and REDIS_URL unset: they must not care.

const at = new Date('2026-12-07T09:00:00Z');

function service() {
  const repository = new InMemoryDocumentRepository({ now: () => at });
  const cache = new InMemoryDocumentCache();
  const published: DocumentEvent[] = [];
  // One log of what happened in which order, across the cache and the publisher.
  const order: string[] = [];
  const invalidate = cache.invalidate.bind(cache);
  cache.invalidate = async (change) => {
    order.push(`invalidate ${change.id}@${change.version}`);
    await invalidate(change);
  };
  const events = {
    async publish(batch: readonly DocumentEvent[]) {
      for (const e of batch) order.push(`publish ${e.type}`);
      published.push(...batch);
    },
  };
  const documents = new DocumentService({ repository, cache, events, clock: { now: () => at } });
  return { repository, cache, published, order, documents };
}

const input: DocumentInput = { url: 'https://x.dev/docs/a', slug: 'docs-a', title: 'A', headings: [], body: 'text', links: [], status: 200 };

describe('step 3: the use cases on in-memory adapters', () => {
  it('publish: writes, invalidates, then publishes DocumentPublished stamped by the clock', async () => {
    const { documents, cache, published, order } = service();
    const view = await documents.publish(input);
    expect(view).toMatchObject({ slug: 'docs-a', version: 1 });
    expect(cache.invalidations).toEqual([{ id: view.id, slugs: ['docs-a'], version: 1 }]);
    expect(published).toEqual([{ type: 'DocumentPublished', id: view.id, slugs: ['docs-a'], version: 1, at }]);
    expect(order).toEqual([`invalidate ${view.id}@1`, 'publish DocumentPublished']);
  });

  it.each([
    ['a slug that is not one', { slug: 'Not a slug' }, 'slug.format'],
    ['a status out of range', { status: 700 }, 'status.range'],
    ['a URL that is not http(s)', { url: 'ftp://x.dev/a' }, 'url.scheme'],
  ])('refuses %s before anything is written', async (_case, change, code) => {
    const { documents, repository, published } = service();
    const error = await documents.publish({ ...input, ...change }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code });
    expect([await repository.findBySlug('docs-a'), published]).toEqual([null, []]);
  });

  it('a write the repository refuses publishes nothing', async () => {
    const { documents, published } = service();
    await documents.publish(input);
    await expect(documents.publish({ ...input, slug: 'other' })).rejects.toBeInstanceOf(DocumentConflictError);
    expect(published).toHaveLength(1);
  });

  it('update: DocumentRevised names the old and the new slug and the new version', async () => {
    const { documents, published } = service();
    const { id } = await documents.publish(input);
    expect(await documents.update(id, { ...input, slug: 'docs-b' })).toMatchObject({ id, slug: 'docs-b', version: 2 });
    expect(published.at(-1)).toEqual({ type: 'DocumentRevised', id, slugs: ['docs-a', 'docs-b'], version: 2, at });
    expect(await documents.update(404, input)).toBeNull();
    expect(published).toHaveLength(2);
  });

  it('delete: the floor is one past the last version; an unknown id is false', async () => {
    const { documents, cache, published } = service();
    const { id } = await documents.publish(input);
    expect(await documents.delete(id)).toBe(true);
    expect(cache.invalidations.at(-1)).toEqual({ id, slugs: ['docs-a'], version: 2 });
    expect(published.at(-1)).toMatchObject({ type: 'DocumentDeleted', id, version: 2 });
    expect(await documents.delete(id)).toBe(false);
  });

  it('reads cache-aside: a miss fills the cache, a hit never reaches the repository', async () => {
    const { documents, repository } = service();
    const { id } = await documents.publish(input);
    expect((await documents.getById(id))?.title).toBe('A');
    expect((await documents.getBySlug('docs-a'))?.title).toBe('A');
    // Behind the service's back: only a cache hit can still answer.
    await repository.delete(id);
    expect((await documents.getById(id))?.title).toBe('A');
    expect((await documents.getBySlug('docs-a'))?.title).toBe('A');
    expect(await documents.getBySlug('nope')).toBeNull();
  });

  it('a write invalidates what the reads cached', async () => {
    const { documents } = service();
    const { id } = await documents.publish(input);
    await documents.getById(id);
    await documents.update(id, { ...input, title: 'A, revised' });
    expect((await documents.getById(id))?.title).toBe('A, revised');
  });
});
