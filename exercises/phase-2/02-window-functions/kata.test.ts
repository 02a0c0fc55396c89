import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOP_2_PER_CATEGORY, RUNNING_BALANCE, DAYS_SINCE_PREVIOUS_ORDER } from './kata.js';

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
    CREATE TABLE products (id int PRIMARY KEY, category text NOT NULL, name text NOT NULL, revenue int NOT NULL);
    INSERT INTO products VALUES
      (1, 'books', 'Clean Code', 90), (2, 'books', 'DDD', 100), (3, 'books', 'Refactoring', 100),
      (4, 'books', 'SICP', 20),
      (5, 'games', 'Xenon', 50), (6, 'games', 'Zork', 40), (7, 'games', 'Yars', 40),
      (8, 'music', 'Kind of Blue', 70);

    CREATE TABLE entries (id int PRIMARY KEY, account_id int NOT NULL, booked_on date NOT NULL, amount int NOT NULL);
    INSERT INTO entries VALUES
      (1, 1, '2025-07-01', 100),
      (2, 1, '2025-07-02', -30),
      (3, 1, '2025-07-02', -20),
      (4, 1, '2025-07-03', 50),
      (5, 2, '2025-07-02', 500),
      (6, 2, '2025-07-02', 25);

    CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL, ordered_on date NOT NULL);
    INSERT INTO orders VALUES
      (1, 7, '2025-07-01'),
      (2, 8, '2025-07-03'),
      (3, 7, '2025-07-10'),
      (4, 8, '2025-07-04'),
      (5, 7, '2025-07-11');
  `);
}, 30_000);

afterAll(async () => {
  await closeDb();
});

/** Makes bigint/numeric strings from node-pg comparable with PGlite numbers. */
const numbers = (rows: Array<Record<string, unknown>>, ...cols: string[]) =>
  rows.map((r) => ({ ...r, ...Object.fromEntries(cols.map((c) => [c, r[c] === null ? null : Number(r[c])])) }));

describe('window functions', () => {
  it('TOP_2_PER_CATEGORY returns exactly 2 per category, ties broken by name (not 3 with rank())', async () => {
    const { rows } = await query(TOP_2_PER_CATEGORY);
    expect(numbers(rows, 'revenue')).toEqual([
      { category: 'books', name: 'DDD', revenue: 100 },
      { category: 'books', name: 'Refactoring', revenue: 100 },
      { category: 'games', name: 'Xenon', revenue: 50 },
      { category: 'games', name: 'Yars', revenue: 40 },
      { category: 'music', name: 'Kind of Blue', revenue: 70 },
    ]);
  });

  it('RUNNING_BALANCE gives each entry its own balance, also when several share a day', async () => {
    const { rows } = await query(RUNNING_BALANCE);
    expect(numbers(rows, 'balance')).toEqual([
      { account_id: 1, id: 1, balance: 100 },
      { account_id: 1, id: 2, balance: 70 },
      { account_id: 1, id: 3, balance: 50 },
      { account_id: 1, id: 4, balance: 100 },
      { account_id: 2, id: 5, balance: 500 },
      { account_id: 2, id: 6, balance: 525 },
    ]);
  });

  it("DAYS_SINCE_PREVIOUS_ORDER only looks at the same customer's previous order", async () => {
    const { rows } = await query(DAYS_SINCE_PREVIOUS_ORDER);
    expect(numbers(rows, 'days_since_previous')).toEqual([
      { customer_id: 7, id: 1, days_since_previous: null },
      { customer_id: 7, id: 3, days_since_previous: 9 },
      { customer_id: 7, id: 5, days_since_previous: 1 },
      { customer_id: 8, id: 2, days_since_previous: null },
      { customer_id: 8, id: 4, days_since_previous: 1 },
    ]);
  });
});
