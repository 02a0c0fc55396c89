import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { transfer, InsufficientFundsError, AccountNotFoundError, type Db, type Session } from './kata.js';

// --- test database: PostgreSQL when DATABASE_URL is set (CI), else in-memory PGlite; one schema per file ---
type Query = <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<{ rows: R[] }>;
const SCHEMA = `kata_${process.pid}_${Date.now()}`;
let query: Query; // outside any transaction, for setup and assertions
let rawConnect: () => Promise<{ query: Query; release: () => void }>;
let closeDb: () => Promise<void>;

beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  if (url) {
    const pool = new pg.Pool({
      connectionString: url,
      max: 5,
      connectionTimeoutMillis: 2000,
      options: `-c search_path=${SCHEMA}`,
    });
    await pool.query(`CREATE SCHEMA ${SCHEMA}`);
    query = async <R,>(sql: string, params?: unknown[]) => ({ rows: (await pool.query(sql, params)).rows as R[] });
    rawConnect = async () => {
      const client = await pool.connect();
      return {
        query: async <R,>(sql: string, params?: unknown[]) => {
          const result = await client.query(sql, params);
          await new Promise((r) => setTimeout(r, 5)); // a slow network: widens every race window
          return { rows: result.rows as R[] };
        },
        release: () => client.release(),
      };
    };
    closeDb = async () => {
      await pool.end(); // first: closing the connections ends any transaction a buggy transfer left open
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA ${SCHEMA} CASCADE`);
      await admin.end();
    };
  } else {
    const lite = new PGlite();
    await lite.exec(`CREATE SCHEMA ${SCHEMA}; SET search_path TO ${SCHEMA}`);
    query = async <R,>(sql: string, params?: unknown[]) => ({ rows: (await lite.query<R>(sql, params)).rows });
    // PGlite has one connection: hand out one session at a time, like a pool of size 1.
    let tail: Promise<void> = Promise.resolve();
    rawConnect = async () => {
      let release!: () => void;
      const previous = tail;
      tail = new Promise<void>((r) => (release = r));
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('pool exhausted: a session was never released')), 2000).unref(),
      );
      await Promise.race([previous, timeout]);
      return { query, release };
    };
    closeDb = () => lite.close();
  }
  await query('CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL)');
}, 30_000);

afterAll(async () => {
  await closeDb();
});

/** Wraps the pool to record sessions that were not released, released twice, or left in a transaction. */
const problems: string[] = [];
let open = 0;
const db: Db = {
  async connect(): Promise<Session> {
    const session = await rawConnect();
    open++;
    let inTransaction = false;
    let released = false;
    return {
      query: async <R,>(sql: string, params?: unknown[]) => {
        if (released) problems.push(`query after release: ${sql}`);
        if (/^\s*(BEGIN|START\s+TRANSACTION)/i.test(sql)) inTransaction = true;
        if (/^\s*(COMMIT|ROLLBACK|END|ABORT)\b/i.test(sql)) inTransaction = false;
        return session.query<R>(sql, params);
      },
      release: () => {
        if (released) return void problems.push('session released twice');
        if (inTransaction) problems.push('session released inside an open transaction (missing COMMIT/ROLLBACK)');
        released = true;
        open--;
        session.release();
      },
    };
  },
};

async function seed(balances: Record<number, number>): Promise<void> {
  await query('DELETE FROM accounts');
  for (const [id, balance] of Object.entries(balances)) {
    await query('INSERT INTO accounts (id, balance) VALUES ($1, $2)', [Number(id), balance]);
  }
}

async function balances(): Promise<Record<number, number>> {
  const { rows } = await query<{ id: number; balance: number }>('SELECT id, balance FROM accounts ORDER BY id');
  return Object.fromEntries(rows.map((r) => [r.id, r.balance]));
}

function expectSessionsClean(): void {
  expect(problems).toEqual([]);
  expect(open).toBe(0);
}

beforeEach(() => {
  problems.length = 0;
});

describe('transfer', () => {
  it('moves the money from one account to the other', async () => {
    await seed({ 1: 100, 2: 0 });
    await transfer(db, 1, 2, 30);
    expect(await balances()).toEqual({ 1: 70, 2: 30 });
    expectSessionsClean();
  });

  it('throws InsufficientFundsError and changes nothing when the balance is too low', async () => {
    await seed({ 1: 20, 2: 0 });
    await expect(transfer(db, 1, 2, 30)).rejects.toBeInstanceOf(InsufficientFundsError);
    expect(await balances()).toEqual({ 1: 20, 2: 0 });
    expectSessionsClean();
  });

  it('throws AccountNotFoundError and rolls back: the source is not debited', async () => {
    await seed({ 1: 100 });
    await expect(transfer(db, 1, 99, 30)).rejects.toBeInstanceOf(AccountNotFoundError);
    expect(await balances()).toEqual({ 1: 100 });
    expectSessionsClean();
  });

  it.each([
    ['a negative amount', 1, 2, -30],
    ['zero', 1, 2, 0],
    ['a fraction of a cent', 1, 2, 10.5],
    ['the same account', 1, 1, 10],
  ])('rejects %s with RangeError before touching the database', async (_label, from, to, amount) => {
    await seed({ 1: 100, 2: 0 });
    await expect(transfer(db, from, to, amount)).rejects.toBeInstanceOf(RangeError);
    expect(await balances()).toEqual({ 1: 100, 2: 0 });
    expectSessionsClean();
  });

  it('10 concurrent transfers of 30 from 100: exactly 3 succeed, nothing is lost or overdrawn', async () => {
    await seed({ 1: 100, 2: 0 });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => transfer(db, 1, 2, 30)));
    const failures = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(failures.every((f) => f.reason instanceof InsufficientFundsError)).toBe(true);
    expect(await balances()).toEqual({ 1: 10, 2: 90 });
    expectSessionsClean();
  }, 5000);

  it('10 concurrent opposite transfers (A→B and B→A) all succeed without deadlock', async () => {
    await seed({ 1: 100, 2: 100 });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? transfer(db, 1, 2, 5) : transfer(db, 2, 1, 5))),
    );
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual(
      [],
    );
    expect(await balances()).toEqual({ 1: 100, 2: 100 });
    expectSessionsClean();
  }, 8000);
});
