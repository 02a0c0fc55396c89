import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type DocsApi } from './app.js';
import { PostgresDocumentRepository as DocumentRepository } from '@docs-api/adapter-postgres';
import { migrate } from '@docs-api/adapter-postgres';
import { createTestDatabase, type TestDatabase } from '@docs-api/adapter-postgres/testing';

const SEEDED = 200;

// The body → content rename under load: one API instance (started on the schema before the change, so it
// writes `body`) serves a steady loop of reads and writes over HTTP while the expand, switch and contract
// migrations are applied one by one. Not one request may fail, and nothing written during the change is lost.
describe('expand/contract of body → content under load', () => {
  let database: TestDatabase;
  let app: DocsApi;
  let base: string;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    await migrate(database.db, 'up'); // 0001 only: the table with `body`.
    await new DocumentRepository(database.db).upsertBatch(
      Array.from({ length: SEEDED }, (_, i) => ({
        url: `https://docs.example/seed/${i + 1}`,
        title: `Seed ${i + 1}`,
        headings: [],
        body: `seed body ${i + 1} about streams`,
        links: [],
        status: 200,
      })),
    );
    app = await buildApp({ databaseUrl: database.url });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('applies the three steps with zero failed requests', async () => {
    const failures: string[] = [];
    const written = new Map<number, string>();
    let requests = 0;
    let running = true;
    let serial = 0;
    let finished = 0;
    const waiters: { count: number; resolve: () => void }[] = [];
    /** Resolves once `n` more requests have finished: each step runs under load, however fast the machine. */
    const afterRequests = (n: number): Promise<void> => new Promise((resolve) => waiters.push({ count: finished + n, resolve }));

    const check = async (label: string, call: () => Promise<Response>, ok: (res: Response) => Promise<boolean>): Promise<void> => {
      requests += 1;
      try {
        const res = await call();
        if (!(await ok(res))) failures.push(`${label}: ${res.status}`);
      } catch (error) {
        failures.push(`${label}: ${(error as Error).message}`);
      }
      finished += 1;
      for (const w of waiters.filter((w) => finished >= w.count)) waiters.splice(waiters.indexOf(w), 1), w.resolve();
    };
    const json = { 'content-type': 'application/json' };

    const worker = async (w: number): Promise<void> => {
      while (running) {
        const id = 1 + Math.floor(Math.random() * SEEDED);
        const n = ++serial;
        switch (n % 6) {
          case 0:
            await check('get by id', () => fetch(`${base}/documents/${id}`), async (r) => r.status === 200 && ((await r.json()) as { body: string }).body.length > 0);
            break;
          case 1:
            await check('get by slug', () => fetch(`${base}/documents/by-slug/seed-${id}`), async (r) => r.status === 200 && ((await r.json()) as { body: string }).body.startsWith('seed body'));
            break;
          case 2:
            await check('search', () => fetch(`${base}/search?q=streams&limit=5`), async (r) => r.status === 200 && ((await r.json()) as { items: unknown[] }).items.length === 5);
            break;
          case 3:
            await check('list', () => fetch(`${base}/documents?limit=10`), async (r) => r.status === 200);
            break;
          case 4: {
            const body = `written by worker ${w} as request ${n}`;
            await check(
              'create',
              () => fetch(`${base}/documents`, { method: 'POST', headers: json, body: JSON.stringify({ url: `https://docs.example/new/${n}`, title: `New ${n}`, body }) }),
              async (r) => {
                if (r.status !== 201) return false;
                written.set(((await r.json()) as { id: number }).id, body);
                return true;
              },
            );
            break;
          }
          default: {
            const body = `seed body ${id} about streams, updated by request ${n}`;
            await check(
              'update',
              () => fetch(`${base}/documents/${id}`, { method: 'PUT', headers: json, body: JSON.stringify({ url: `https://docs.example/seed/${id}`, title: `Seed ${id}`, body }) }),
              async (r) => r.status === 200 && ((await r.json()) as { body: string }).body === body,
            );
          }
        }
      }
    };

    const workers = [1, 2, 3, 4].map(worker);
    const steps: string[] = [];
    for (let step = 0; step < 3; step++) {
      await afterRequests(100);
      const [result] = await migrate(database.db, 'up');
      steps.push(`${result!.migrationName} at request ${requests}`);
    }
    await afterRequests(100);
    running = false;
    await Promise.all(workers);

    console.info(`expand/contract: ${requests} requests, ${failures.length} failed; ${steps.join(', ')}`);
    expect(steps.map((s) => s.split(' ')[0])).toEqual(['0002_expand_content', '0003_switch_to_content', '0004_contract_body']);
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(200);

    // The contracted schema, and every document written during the change readable with its text.
    const { rows } = await sql<{ column_name: string }>`
      SELECT column_name FROM information_schema.columns WHERE table_name = 'documents' AND table_catalog = current_database()`.execute(database.db);
    const columns = rows.map((r) => r.column_name);
    expect(columns).toContain('content');
    expect(columns).not.toContain('body');
    expect(written.size).toBeGreaterThan(20);
    for (const [id, body] of written) {
      const res = await fetch(`${base}/documents/${id}`);
      expect(((await res.json()) as { body: string }).body).toBe(body);
    }
    const search = await fetch(`${base}/search?q=${encodeURIComponent('"written by worker"')}&limit=50`);
    expect(((await search.json()) as { items: unknown[] }).items.length).toBe(Math.min(50, written.size));
  });
});
