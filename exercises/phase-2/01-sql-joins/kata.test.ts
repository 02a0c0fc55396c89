import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTHORS_WITH_BOOK_COUNT, AUTHORS_WITHOUT_BOOKS, BOOK_COUNT_SINCE_YEAR, AUTHOR_STATS } from './kata.js';

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
    CREATE TABLE authors (id int PRIMARY KEY, name text NOT NULL);
    CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors, title text NOT NULL, published_year int NOT NULL);
    CREATE TABLE awards (id int PRIMARY KEY, author_id int NOT NULL REFERENCES authors, name text NOT NULL);
    INSERT INTO authors VALUES (1, 'Ada'), (2, 'Brian'), (3, 'Chen'), (4, 'Dana');
    INSERT INTO books VALUES
      (10, 1, 'Notes on the Engine', 1843),
      (11, 1, 'Poetical Science', 2021),
      (12, 2, 'The C Book', 1978),
      (13, 2, 'Unix: A History', 2019),
      (14, 2, 'Go Programming', 2015),
      (15, NULL, 'Anthology of Bugs', 2020);
    INSERT INTO awards VALUES
      (100, 1, 'Pioneer'), (101, 1, 'Lovelace Medal'), (102, 1, 'Hall of Fame'),
      (103, 3, 'Rising Star');
  `);
}, 30_000);

afterAll(async () => {
  await closeDb();
});

/** Counts come back as strings from node-pg (bigint) and as numbers from PGlite: compare numbers. */
function normalise(rows: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, k.endsWith('_count') ? Number(v) : v])),
  );
}

describe('joins', () => {
  it('AUTHORS_WITH_BOOK_COUNT keeps authors without books, with a count of 0 (not 1)', async () => {
    const { rows } = await query(AUTHORS_WITH_BOOK_COUNT);
    expect(normalise(rows)).toEqual([
      { name: 'Brian', book_count: 3 },
      { name: 'Ada', book_count: 2 },
      { name: 'Chen', book_count: 0 },
      { name: 'Dana', book_count: 0 },
    ]);
  });

  it('AUTHORS_WITHOUT_BOOKS finds them even though one book has a NULL author_id', async () => {
    const { rows } = await query(AUTHORS_WITHOUT_BOOKS);
    expect(rows).toEqual([{ name: 'Chen' }, { name: 'Dana' }]);
  });

  it('BOOK_COUNT_SINCE_YEAR keeps every author: the year filter must not drop authors with 0 matches', async () => {
    const { rows } = await query(BOOK_COUNT_SINCE_YEAR, [2016]);
    expect(normalise(rows)).toEqual([
      { name: 'Ada', book_count: 1 },
      { name: 'Brian', book_count: 1 },
      { name: 'Chen', book_count: 0 },
      { name: 'Dana', book_count: 0 },
    ]);
  });

  it('AUTHOR_STATS does not multiply books by awards (fan-out)', async () => {
    const { rows } = await query(AUTHOR_STATS);
    expect(normalise(rows)).toEqual([
      { name: 'Ada', book_count: 2, award_count: 3 },
      { name: 'Brian', book_count: 3, award_count: 0 },
      { name: 'Chen', book_count: 0, award_count: 1 },
      { name: 'Dana', book_count: 0, award_count: 0 },
    ]);
  });
});
