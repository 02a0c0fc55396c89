import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPosts, type Page } from './kata.js';

// --- test database: PostgreSQL when DATABASE_URL is set (CI), else in-memory PGlite; one schema per file ---
type Query = <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<{ rows: R[] }>;
const SCHEMA = `kata_${process.pid}_${Date.now()}`;
let query: Query;
let exec: (sql: string) => Promise<unknown>;
let closeDb: () => Promise<void>;

beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${SCHEMA}` });
    await pool.query(`CREATE SCHEMA ${SCHEMA}`);
    query = async <R,>(sql: string, params?: unknown[]) => ({ rows: (await pool.query(sql, params)).rows as R[] });
    exec = (sql) => pool.query(sql);
    closeDb = async () => {
      await pool.query(`DROP SCHEMA ${SCHEMA} CASCADE`);
      await pool.end();
    };
  } else {
    const lite = new PGlite();
    await lite.exec(`CREATE SCHEMA ${SCHEMA}; SET search_path TO ${SCHEMA}`);
    query = async <R,>(sql: string, params?: unknown[]) => ({ rows: (await lite.query<R>(sql, params)).rows });
    exec = (sql) => lite.exec(sql);
    closeDb = () => lite.close();
  }
  await exec(`
    CREATE TABLE posts (id int PRIMARY KEY, title text NOT NULL, created_at timestamptz NOT NULL);
    CREATE INDEX posts_feed_idx ON posts (created_at DESC, id DESC);
  `);
}, 30_000);

afterAll(async () => {
  await closeDb();
});

/** 22 posts; every 3 consecutive ids share one timestamp. `micros` adds .123456 s to every timestamp. */
async function seed(micros = false): Promise<void> {
  await exec(`
    DELETE FROM posts;
    INSERT INTO posts
      SELECT g, 'post ' || g,
             timestamptz '2025-07-01 12:00:00+00' + (g / 3) * interval '1 minute'
               + ${micros ? "interval '0.123456 second'" : "interval '0'"}
      FROM generate_series(1, 22) g;
  `);
}

async function allPages(limit: number): Promise<{ ids: number[]; pages: Page[] }> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const page: Page = await listPosts(query, { limit, cursor });
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 50);
  return { ids: pages.flatMap((p) => p.items.map((i) => i.id)), pages };
}

// created_at DESC, id DESC: 22, 21 (minute 7), then 20, 19, 18 (minute 6), ...
const NEWEST_FIRST = [22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1];

describe('listPosts', () => {
  it('returns the first page newest first, with createdAt as a Date and a nextCursor', async () => {
    await seed();
    const page = await listPosts(query, { limit: 3 });
    expect(page.items.map((p) => p.id)).toEqual([22, 21, 20]);
    expect(page.items[0]).toEqual({ id: 22, title: 'post 22', createdAt: new Date('2025-07-01T12:07:00Z') });
    expect(typeof page.nextCursor).toBe('string');
  });

  it('walks all pages: every post exactly once, in order, across equal timestamps', async () => {
    await seed();
    const { ids } = await allPages(4);
    expect(ids).toEqual(NEWEST_FIRST);
  });

  it('ends with nextCursor null and no empty extra page when the last page is exactly full', async () => {
    await seed();
    const { pages } = await allPages(11);
    expect(pages.map((p) => p.items.length)).toEqual([11, 11]);
    expect(pages[1]!.nextCursor).toBeNull();
  });

  it('a post inserted between two requests causes no duplicate (OFFSET would show one)', async () => {
    await seed();
    const first = await listPosts(query, { limit: 5 });
    await query(`INSERT INTO posts VALUES (23, 'breaking news', timestamptz '2025-07-01 13:00:00+00')`);
    const second = await listPosts(query, { limit: 5, cursor: first.nextCursor });
    expect(second.items.map((p) => p.id)).toEqual([17, 16, 15, 14, 13]);
  });

  it('works with microsecond timestamps (a JS Date only keeps milliseconds)', async () => {
    await seed(true);
    const { ids } = await allPages(4);
    expect(ids).toEqual(NEWEST_FIRST);
  });

  it.each(['garbage', 'eyJub3QiOiJhIGN1cnNvciJ9', ''])('rejects the undecodable cursor %j', async (cursor) => {
    await seed();
    await expect(listPosts(query, { limit: 5, cursor })).rejects.toThrow(/invalid cursor/i);
  });

  it.each([0, 101, 2.5])('rejects limit %s with RangeError', async (limit) => {
    await expect(listPosts(query, { limit })).rejects.toBeInstanceOf(RangeError);
  });
});
