import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  InMemoryCustomerRepository,
  SqlCustomerRepository,
  DuplicateEmailError,
  type Customer,
  type CustomerRepository,
} from './kata.js';

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
    CREATE TABLE customers (
      id text PRIMARY KEY, email text NOT NULL, name text NOT NULL, created_at timestamptz NOT NULL);
    CREATE UNIQUE INDEX customers_email_key ON customers (lower(email));
  `);
}, 30_000);

afterAll(async () => {
  await closeDb();
});

const adapters: Array<[string, () => Promise<CustomerRepository>]> = [
  ['InMemoryCustomerRepository', async () => new InMemoryCustomerRepository()],
  [
    'SqlCustomerRepository',
    async () => {
      await query('DELETE FROM customers');
      return new SqlCustomerRepository(query);
    },
  ],
];

const ada = (): Customer => ({
  id: 'c-1',
  email: 'Ada@Example.com',
  name: 'Ada Lovelace',
  createdAt: new Date('2025-08-02T10:00:00.000Z'),
});

describe.each(adapters)('%s (contract)', (_name, makeRepository) => {
  let repo: CustomerRepository;
  beforeEach(async () => {
    repo = await makeRepository();
  });

  it('findById and findByEmail return null (not undefined) when nothing matches', async () => {
    await expect(repo.findById('nope')).resolves.toBeNull();
    await expect(repo.findByEmail('nobody@example.com')).resolves.toBeNull();
  });

  it('save then findById reads back an equal customer, createdAt as a Date', async () => {
    await repo.save(ada());
    const found = await repo.findById('c-1');
    expect(found).toEqual(ada());
    expect(found?.createdAt).toBeInstanceOf(Date);
  });

  it('findByEmail ignores case', async () => {
    await repo.save(ada());
    await expect(repo.findByEmail('ada@EXAMPLE.com')).resolves.toEqual(ada());
  });

  it('save with an existing id updates email and name instead of failing', async () => {
    await repo.save(ada());
    await repo.save({ ...ada(), name: 'Augusta Ada King', email: 'ada@lovelace.org' });
    await expect(repo.findById('c-1')).resolves.toEqual({ ...ada(), name: 'Augusta Ada King', email: 'ada@lovelace.org' });
    await expect(repo.findByEmail('Ada@Example.com')).resolves.toBeNull();
  });

  it('another customer with the same e-mail (any case) is a DuplicateEmailError, and nothing changes', async () => {
    await repo.save(ada());
    await expect(repo.save({ ...ada(), id: 'c-2', email: 'ADA@example.COM', name: 'Impostor' })).rejects.toBeInstanceOf(
      DuplicateEmailError,
    );
    await expect(repo.findById('c-2')).resolves.toBeNull();
    await expect(repo.findByEmail('ada@example.com')).resolves.toEqual(ada());
  });

  it('a customer may keep its own e-mail when it is saved again', async () => {
    await repo.save(ada());
    await expect(repo.save({ ...ada(), email: 'ADA@example.com' })).resolves.toBeUndefined();
  });

  it('editing the object after save does not change what is stored', async () => {
    const customer = { ...ada() };
    await repo.save(customer);
    customer.name = 'changed after save';
    customer.createdAt.setUTCFullYear(1999);
    await expect(repo.findById('c-1')).resolves.toEqual(ada());
  });

  it('editing an object returned by a find does not change what is stored', async () => {
    await repo.save(ada());
    const found = (await repo.findById('c-1')) as { name: string; createdAt: Date };
    try {
      found.name = 'changed by a caller';
      found.createdAt.setUTCFullYear(1999);
    } catch {
      // frozen objects are fine too
    }
    await expect(repo.findById('c-1')).resolves.toEqual(ada());
  });
});
