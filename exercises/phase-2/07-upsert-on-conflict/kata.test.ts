import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { upsertProduct, markProcessed } from './kata.js';

// --- test database: PostgreSQL when DATABASE_URL is set (CI), else in-memory PGlite; one schema per file ---
type Query = <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<{ rows: R[] }>;
const SCHEMA = `kata_${process.pid}_${Date.now()}`;
let query: Query;
let exec: (sql: string) => Promise<unknown>;
let closeDb: () => Promise<void>;

beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 5, options: `-c search_path=${SCHEMA}` });
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
    CREATE TABLE products (
      sku text PRIMARY KEY, name text NOT NULL, price_cents int NOT NULL, updated_at timestamptz NOT NULL);
    CREATE TABLE processed_events (event_id text PRIMARY KEY, processed_at timestamptz NOT NULL DEFAULT now());
  `);
}, 30_000);

afterAll(async () => {
  await closeDb();
});

beforeEach(async () => {
  await exec('DELETE FROM products; DELETE FROM processed_events;');
});

const at = (minute: number) => new Date(Date.UTC(2025, 6, 1, 12, minute));

async function row(sku: string) {
  const { rows } = await query<{ name: string; price_cents: number; updated_at: Date }>(
    'SELECT name, price_cents, updated_at FROM products WHERE sku = $1',
    [sku],
  );
  return rows[0];
}

describe('upsertProduct', () => {
  it("inserts a new product and returns 'inserted'", async () => {
    await expect(upsertProduct(query, { sku: 'KB-1', name: 'Keyboard', priceCents: 4999, updatedAt: at(0) })).resolves.toBe(
      'inserted',
    );
    expect(await row('KB-1')).toEqual({ name: 'Keyboard', price_cents: 4999, updated_at: at(0) });
  });

  it("updates with newer data and returns 'updated'", async () => {
    await upsertProduct(query, { sku: 'KB-1', name: 'Keyboard', priceCents: 4999, updatedAt: at(0) });
    await expect(
      upsertProduct(query, { sku: 'KB-1', name: 'Keyboard v2', priceCents: 3999, updatedAt: at(5) }),
    ).resolves.toBe('updated');
    expect(await row('KB-1')).toEqual({ name: 'Keyboard v2', price_cents: 3999, updated_at: at(5) });
  });

  it.each([
    ['older', 3],
    ['equally old', 5],
  ])("skips %s data (an out-of-order message) and returns 'skipped'", async (_label, minute) => {
    await upsertProduct(query, { sku: 'KB-1', name: 'Keyboard v2', priceCents: 3999, updatedAt: at(5) });
    await expect(
      upsertProduct(query, { sku: 'KB-1', name: 'stale', priceCents: 1, updatedAt: at(minute) }),
    ).resolves.toBe('skipped');
    expect(await row('KB-1')).toEqual({ name: 'Keyboard v2', price_cents: 3999, updated_at: at(5) });
  });

  it('10 concurrent upserts of the same new SKU: no errors, one insert, newest data wins', async () => {
    const minutes = [3, 9, 1, 7, 0, 8, 2, 6, 4, 5];
    const outcomes = await Promise.all(
      minutes.map((m) => upsertProduct(query, { sku: 'HOT-1', name: `v${m}`, priceCents: 100 + m, updatedAt: at(m) })),
    );
    expect(outcomes.filter((o) => o === 'inserted')).toHaveLength(1);
    expect(await row('HOT-1')).toEqual({ name: 'v9', price_cents: 109, updated_at: at(9) });
  });
});

describe('markProcessed', () => {
  it('returns true the first time and false for duplicates', async () => {
    await expect(markProcessed(query, 'evt-1')).resolves.toBe(true);
    await expect(markProcessed(query, 'evt-1')).resolves.toBe(false);
    await expect(markProcessed(query, 'evt-2')).resolves.toBe(true);
  });

  it('returns true exactly once for 5 concurrent deliveries of the same message', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => markProcessed(query, 'evt-9')));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
