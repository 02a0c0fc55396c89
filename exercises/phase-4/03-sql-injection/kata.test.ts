import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchUsers, InvalidSearchError, type SearchOptions } from './kata.js';

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
    CREATE TABLE users (
      id int PRIMARY KEY, name text NOT NULL, email text NOT NULL,
      password_hash text NOT NULL, created_at timestamptz NOT NULL);
    INSERT INTO users VALUES
      (1, 'Ada', 'ada@example.com', 'scrypt$secret-1', '2025-01-05'),
      (2, 'Alan', 'alan@example.com', 'scrypt$secret-2', '2025-01-02'),
      (3, 'Adam', 'adam@example.com', 'scrypt$secret-3', '2025-01-04'),
      (4, 'O''Brien', 'obrien@example.com', 'scrypt$secret-4', '2025-01-01'),
      (5, 'Grace', 'grace@example.com', 'scrypt$secret-5', '2025-01-03'),
      (6, '100% Pure', 'pure@example.com', 'scrypt$secret-6', '2025-01-06');
  `);
}, 30_000);

afterAll(async () => {
  await closeDb();
});

const names = async (options: SearchOptions) => (await searchUsers(query, options)).map((u) => u.name);

async function usersTableIntact(): Promise<number> {
  const { rows } = await query<{ n: number | string }>('SELECT count(*) AS n FROM users');
  return Number(rows[0]?.n);
}

describe('searchUsers: it still works', () => {
  it('finds names by case-insensitive prefix, ordered by id by default', async () => {
    await expect(names({ namePrefix: 'ad' })).resolves.toEqual(['Ada', 'Adam']);
  });

  it('returns everyone (up to the limit) without a prefix', async () => {
    await expect(names({})).resolves.toEqual(['Ada', 'Alan', 'Adam', "O'Brien", 'Grace', '100% Pure']);
  });

  it('sorts by an allowed column and direction', async () => {
    await expect(names({ sortBy: 'created_at', direction: 'desc', limit: 3 })).resolves.toEqual(['100% Pure', 'Ada', 'Adam']);
    await expect(names({ sortBy: 'name', limit: 2 })).resolves.toEqual(['100% Pure', 'Ada']);
  });

  it("finds a name with a quote in it (O'Brien)", async () => {
    await expect(names({ namePrefix: "o'b" })).resolves.toEqual(["O'Brien"]);
  });

  it('returns only id, name and email — never password_hash', async () => {
    const [first] = await searchUsers(query, { namePrefix: 'Ada' });
    expect(first).toEqual({ id: 1, name: 'Ada', email: 'ada@example.com' });
  });
});

describe('searchUsers: injection', () => {
  it("the payload ' OR '1'='1 finds nothing", async () => {
    await expect(names({ namePrefix: "' OR '1'='1" })).resolves.toEqual([]);
  });

  it("the payload x'; DROP TABLE users; -- finds nothing and drops nothing", async () => {
    await expect(names({ namePrefix: "x'; DROP TABLE users; --" })).resolves.toEqual([]);
    await expect(usersTableIntact()).resolves.toBe(6);
  });

  it.each([
    'password_hash',
    'name; DROP TABLE users',
    '(SELECT password_hash FROM users WHERE id = 1)',
    'CASE WHEN 1=1 THEN name ELSE email END',
    '',
  ])('rejects sortBy %j with InvalidSearchError', async (sortBy) => {
    await expect(searchUsers(query, { sortBy })).rejects.toBeInstanceOf(InvalidSearchError);
    await expect(usersTableIntact()).resolves.toBe(6);
  });

  it.each(['DESC; DROP TABLE users', 'descending', 'ASC NULLS FIRST'])(
    'rejects direction %j with InvalidSearchError',
    async (direction) => {
      await expect(searchUsers(query, { direction })).rejects.toBeInstanceOf(InvalidSearchError);
    },
  );

  it.each([0, 101, 2.5, Number.NaN])('rejects limit %s with InvalidSearchError', async (limit) => {
    await expect(searchUsers(query, { limit })).rejects.toBeInstanceOf(InvalidSearchError);
  });
});

describe('searchUsers: LIKE wildcards in user input are literal', () => {
  it.each([
    ['%', []],
    ['_', []],
    ['A_a', []],
    ['100%', ['100% Pure']],
  ])('prefix %j matches %j', async (namePrefix, expected) => {
    await expect(names({ namePrefix })).resolves.toEqual(expected);
  });
});
