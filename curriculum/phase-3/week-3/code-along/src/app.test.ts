import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../packages/adapter-postgres/src/testing/test-database.js';
import { buildApp } from './app.js';
import type { DocumentEvent } from './domain/index.js';
import { InMemoryDocumentCache } from './application/testing/in-memory-document-cache.js';

// The composition root end to end, the fastify/demo way: app.inject against a real, migrated database (the
// Postgres at DATABASE_URL, else PGlite), the Postgres adapter created by the app itself. Only the cache, the
// publisher and the clock are handed in, so the test can watch them.

const at = new Date('2026-12-07T09:00:00Z');
let database: TestDatabase;
let app: FastifyInstance;
const published: DocumentEvent[] = [];
const cache = new InMemoryDocumentCache();

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ databaseUrl: database.url, cache, clock: { now: () => at }, events: { publish: async (e) => void published.push(...e) } });
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

const body = { url: 'https://x.dev/docs/hexagon', title: 'Ports and adapters', body: 'The application talks to kysely through a port.' };

describe('step 5: the composition root wires the Postgres adapter to the use cases', () => {
  it('publishes, reads, revises and deletes a document over HTTP, on Postgres', async () => {
    const created = await app.inject({ method: 'POST', url: '/documents', payload: body });
    expect(created.statusCode).toBe(201);
    const { id, slug, version } = created.json<{ id: number; slug: string; version: number }>();
    expect([created.headers.location, slug, version]).toEqual([`/documents/${id}`, 'docs-hexagon', 1]);
    expect(published).toEqual([{ type: 'DocumentPublished', id, slugs: ['docs-hexagon'], version: 1, at }]);

    expect((await app.inject({ url: `/documents/${id}` })).json()).toMatchObject({ id, title: 'Ports and adapters' });
    expect((await app.inject({ url: '/documents/by-slug/docs-hexagon' })).json()).toMatchObject({ id });
    expect(await database.db.selectFrom('documents').select(['slug', 'version']).execute()).toEqual([{ slug: 'docs-hexagon', version: 1 }]);

    const revised = await app.inject({ method: 'PUT', url: `/documents/${id}`, payload: { ...body, slug: 'hexagon' } });
    expect(revised.json()).toMatchObject({ slug: 'hexagon', version: 2 });
    expect(published.at(-1)).toEqual({ type: 'DocumentRevised', id, slugs: ['docs-hexagon', 'hexagon'], version: 2, at });

    const hits = (await app.inject({ url: '/search?q=kysely' })).json<{ items: { id: number }[] }>();
    expect(hits.items.map((h) => h.id)).toEqual([id]);

    expect((await app.inject({ method: 'DELETE', url: `/documents/${id}` })).statusCode).toBe(204);
    expect((await app.inject({ url: `/documents/${id}` })).statusCode).toBe(404);
    expect(cache.invalidations.at(-1)).toEqual({ id, slugs: ['hexagon'], version: 3 });
  });

  it('turns a broken rule into 400 and a taken URL into 409, as problem+json', async () => {
    const bad = await app.inject({ method: 'POST', url: '/documents', payload: { ...body, url: 'https://x.dev/docs/bad', slug: 'Not A Slug' } });
    expect([bad.statusCode, bad.headers['content-type'], bad.json().code]).toEqual([400, 'application/problem+json; charset=utf-8', 'slug.format']);
    await app.inject({ method: 'POST', url: '/documents', payload: { ...body, url: 'https://x.dev/docs/taken' } });
    const taken = await app.inject({ method: 'POST', url: '/documents', payload: { ...body, url: 'https://x.dev/docs/taken' } });
    expect([taken.statusCode, taken.json().field]).toEqual([409, 'url']);
  });

  it('answers /health from the repository port and the cache status', async () => {
    expect((await app.inject({ url: '/health' })).json()).toEqual({ status: 'ok', checks: { database: 'up', cache: 'up' } });
  });
});
