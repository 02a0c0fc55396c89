import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type DocsApi } from './app.js';
import { PostgresDocumentRepository as DocumentRepository } from '@docs-api/adapter-postgres';
import { createTestDatabase, REDIS_URL, uniqueName, type TestDatabase } from '@docs-api/adapter-postgres/testing';

// The API through app.inject, on its own migrated database and its own Redis prefix and channel.
describe('the documents API', () => {
  let database: TestDatabase;
  let app: DocsApi;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await buildApp({ databaseUrl: database.url, redisUrl: REDIS_URL, cacheKeyPrefix: uniqueName('test:'), cacheChannel: uniqueName('test-channel:') });
    await app.ready();
    // 45 rows in one transaction share created_at: the listing must still page through them exactly once.
    await new DocumentRepository(database.db).upsertBatch(
      Array.from({ length: 45 }, (_, i) => ({
        url: `https://docs.example/guide/page-${i}`,
        title: `Guide page ${i}`,
        headings: [{ level: 1, text: `Page ${i}` }],
        body: `Plain words about page ${i}.`,
        links: [],
        status: 200,
      })),
    );
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const post = (payload: object) => app.inject({ method: 'POST', url: '/documents', payload });

  it('creates, reads by id and by slug, replaces and deletes a document', async () => {
    const created = await post({ url: 'https://docs.example/api/Fetch.html', title: 'Fetch', body: 'The fetch API.', headings: [{ level: 1, text: 'Fetch' }] });
    expect(created.statusCode).toBe(201);
    const doc = created.json();
    expect(doc).toMatchObject({ slug: 'api-fetch-html', version: 1, status: 200, links: [], body: 'The fetch API.' });
    expect(created.headers.location).toBe(`/documents/${doc.id}`);

    expect((await app.inject(`/documents/${doc.id}`)).json()).toEqual(doc);
    expect((await app.inject('/documents/by-slug/api-fetch-html')).json()).toEqual(doc);

    const put = await app.inject({ method: 'PUT', url: `/documents/${doc.id}`, payload: { url: doc.url, slug: 'fetch', title: 'Fetch v2', body: 'Changed.' } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ title: 'Fetch v2', slug: 'fetch', version: 2, body: 'Changed.' });
    // Both the id and the new slug give the new version (the cache was invalidated), the old slug is gone.
    expect((await app.inject(`/documents/${doc.id}`)).json()).toMatchObject({ version: 2 });
    expect((await app.inject('/documents/by-slug/fetch')).json()).toMatchObject({ version: 2 });
    expect((await app.inject('/documents/by-slug/api-fetch-html')).statusCode).toBe(404);

    expect((await app.inject({ method: 'DELETE', url: `/documents/${doc.id}` })).statusCode).toBe(204);
    expect((await app.inject(`/documents/${doc.id}`)).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/documents/${doc.id}` })).statusCode).toBe(404);
  });

  it('pages through every document exactly once, newest first, with an opaque cursor', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await app.inject({ url: '/documents', query: { limit: '10', ...(cursor ? { cursor } : {}) } });
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: { id: number }[]; nextCursor: string | null };
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 20);
    const total = Number((await database.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });

  it('searches titles above bodies, with highlighted snippets', async () => {
    await post({ url: 'https://docs.example/kysely-body', title: 'Query builders', body: 'Kysely builds type-safe SQL for Postgres and more.' });
    await post({ url: 'https://docs.example/kysely-title', title: 'Kysely migrations', body: 'How migrations run in order.' });
    const res = await app.inject({ url: '/search', query: { q: 'kysely', limit: '5' } });
    expect(res.statusCode).toBe(200);
    const { items } = res.json() as { items: { slug: string; rank: number; snippet: string }[] };
    expect(items.map((i) => i.slug)).toEqual(['kysely-title', 'kysely-body']);
    expect(items[0]!.rank).toBeGreaterThan(items[1]!.rank);
    expect(items[1]!.snippet).toContain('<mark>Kysely</mark>');
    // websearch syntax: a quoted phrase and an exclusion.
    const phrase = await app.inject({ url: '/search', query: { q: '"type-safe SQL" -migrations' } });
    expect((phrase.json() as { items: { slug: string }[] }).items.map((i) => i.slug)).toEqual(['kysely-body']);
  });

  it.each([
    ['a non-numeric id', 'GET', '/documents/abc', undefined, 400, '/problems/validation-error'],
    ['a limit over 100', 'GET', '/documents?limit=500', undefined, 400, '/problems/validation-error'],
    ['a forged cursor', 'GET', '/documents?cursor=eyJ2Ijo5fQ', undefined, 400, '/problems/invalid-cursor'],
    ['an empty query', 'GET', '/search?q=', undefined, 400, '/problems/validation-error'],
    ['a body without a url', 'POST', '/documents', { title: 't', body: 'b' }, 400, '/problems/validation-error'],
    ['a missing id', 'GET', '/documents/987654', undefined, 404, 'about:blank'],
    ['a missing slug', 'GET', '/documents/by-slug/nope', undefined, 404, 'about:blank'],
    ['an unknown route', 'GET', '/nowhere', undefined, 404, 'about:blank'],
    ['a duplicate url', 'POST', '/documents', { url: 'https://docs.example/guide/page-1', title: 't', body: 'b' }, 409, '/problems/conflict'],
  ] as const)('answers %s with problem+json', async (_name, method, url, payload, status, type) => {
    const res = await app.inject({ method, url, ...(payload ? { payload } : {}) });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body).toMatchObject({ type, status, instance: url });
    expect(typeof body.title).toBe('string');
    expect(typeof body.detail).toBe('string');
  });

  it.each([
    ['a title', 'POST', '/documents', { url: 'https://docs.example/nul-1', title: 'a\0b', body: 'b' }, 'body/title', '/title'],
    ['a body', 'POST', '/documents', { url: 'https://docs.example/nul-2', title: 't', body: 'b\0' }, 'body/body', '/body'],
    ['a heading', 'POST', '/documents', { url: 'https://docs.example/nul-3', title: 't', body: 'b', headings: [{ level: 1, text: '\0' }] }, 'body/headings/0/text', '/headings/0/text'],
    ['a link', 'POST', '/documents', { url: 'https://docs.example/nul-4', title: 't', body: 'b', links: ['https://x.dev/\0'] }, 'body/links/0', '/links/0'],
    ['a replaced document', 'PUT', '/documents/1', { url: 'https://docs.example/guide/page-0', title: 'a\0', body: 'b' }, 'body/title', '/title'],
    ['a slug', 'GET', '/documents/by-slug/a%00b', undefined, 'params/slug', '/slug'],
    ['a search', 'GET', '/search?q=a%00b', undefined, 'querystring/q', '/q'],
  ] as const)('answers a NUL in %s with a 400 naming the field, and stores nothing', async (_name, method, url, payload, field, path) => {
    const before = await database.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const res = await app.inject({ method, url, ...(payload ? { payload } : {}) });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: '/problems/validation-error', status: 400, detail: `${field} must not contain NUL (U+0000)`, errors: [{ path }] });
    const after = await database.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect((await app.inject('/documents/1')).json()).toMatchObject({ version: 1 });
  });

  const long = 'a'.repeat(5000);
  it.each([
    ['a path parameter over 200 characters', `/documents/by-slug/${long}`, 414],
    ['an id of 5,000 digits', `/documents/${'1'.repeat(5000)}`, 414],
    ['a malformed percent-encoding', '/documents/%', 400],
    ['a truncated UTF-8 sequence', '/documents/by-slug/%E0%A4%A', 400],
    ['an unknown route of 5,000 characters', `/nowhere/${long}`, 404],
    ['a query of 5,000 characters', `/search?q=${long}`, 400],
  ])('answers %s with problem+json that does not echo the input', async (_name, url, status) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json() as Record<string, unknown>;
    expect(body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
    expect(res.body.length).toBeLessThan(600);
    expect(res.body).not.toContain('a'.repeat(100));
    expect(res.body).not.toContain('1'.repeat(100));
  });

  it('reads back by slug every slug it accepts (up to 200 characters)', async () => {
    const slug = 'x'.repeat(200);
    expect((await post({ url: 'https://docs.example/long-slug', slug, title: 't', body: 'b' })).statusCode).toBe(201);
    expect((await app.inject(`/documents/by-slug/${slug}`)).json()).toMatchObject({ slug });
  });

  it('answers what Node\'s HTTP parser refuses (a 20 KB URL) with problem+json too', async () => {
    const base = new URL(await app.listen({ host: '127.0.0.1', port: 0 }));
    const socket = connect(Number(base.port), base.hostname);
    socket.write(`GET /documents/${'b'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    let raw = '';
    socket.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    await once(socket, 'close');
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(body!)).toMatchObject({ type: 'about:blank', status: 431, detail: expect.stringContaining('16 KiB') });
    expect(body).not.toContain('bbbb');
  });

  it('takes back what it serves: an imported error page (status 0) survives a GET → PUT round trip', async () => {
    await new DocumentRepository(database.db).upsertBatch([{ url: 'https://docs.example/unreachable', title: '', headings: [], body: '', links: [], status: 0 }]);
    const { id } = (await app.inject('/documents/by-slug/unreachable')).json() as { id: number };
    const doc = (await app.inject(`/documents/${id}`)).json();
    const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...input } = doc;
    const put = await app.inject({ method: 'PUT', url: `/documents/${id}`, payload: input });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ status: 0, version: 2, slug: 'unreachable' });
  });

  it('reports a 409 for a slug taken by another document', async () => {
    const res = await post({ url: 'https://docs.example/other', slug: 'guide-page-1', title: 't', body: 'b' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('slug');
  });

  it('says it is healthy when Postgres and Redis answer', async () => {
    const res = await app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', checks: { database: 'up', cache: 'up' } });
  });
});
