import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDEXES, findSeqScans } from './kata.js';

// --- test database: PostgreSQL when DATABASE_URL is set (CI), else in-memory PGlite; one schema per file ---
type Query = <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<{ rows: R[] }>;
const SCHEMA = `kata_${process.pid}_${Date.now()}`;
let query: Query;
let exec: (sql: string) => Promise<unknown>;
let closeDb: () => Promise<void>;

const Q1 = 'SELECT id FROM users WHERE lower(email) = lower($1)';
const Q2 = 'SELECT id, total FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 10';

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
      id int PRIMARY KEY, email text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
    INSERT INTO users (id, email) SELECT g, 'User' || g || '@Example.com' FROM generate_series(1, 20000) g;
    CREATE TABLE orders (
      id int PRIMARY KEY, customer_id int NOT NULL, status text NOT NULL,
      created_at timestamptz NOT NULL, total int NOT NULL);
    INSERT INTO orders
      SELECT g, (g % 2000) + 1, CASE WHEN g % 100 = 0 THEN 'pending' ELSE 'shipped' END,
             timestamptz '2025-01-01' + g * interval '1 minute', g % 500
      FROM generate_series(1, 50000) g;
  `);
  for (const statement of INDEXES) await exec(statement);
  await exec('ANALYZE');
}, 30_000);

afterAll(async () => {
  await closeDb();
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

async function explain(sql: string, params: unknown[]): Promise<unknown> {
  const { rows } = await query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
  const plan = rows[0]?.['QUERY PLAN'];
  return typeof plan === 'string' ? JSON.parse(plan) : plan;
}

function nodes(explainJson: unknown): PlanNode[] {
  const out: PlanNode[] = [];
  const walk = (node: PlanNode) => {
    out.push(node);
    node.Plans?.forEach(walk);
  };
  walk((explainJson as Array<{ Plan: PlanNode }>)[0]!.Plan);
  return out;
}

const summary = (plan: unknown) => nodes(plan).map((n) => n['Node Type'] + (n['Relation Name'] ? ` on ${n['Relation Name']}` : ''));

describe('indexes', () => {
  it('Q1 (lower(email) lookup) uses an index, not a Seq Scan on users', async () => {
    const plan = await explain(Q1, ['user42@EXAMPLE.com']);
    expect(summary(plan)).not.toContain('Seq Scan on users');
    expect(nodes(plan).some((n) => n['Index Cond']?.includes('lower(email)'))).toBe(true);
    const { rows } = await query(Q1, ['user42@EXAMPLE.com']);
    expect(rows).toEqual([{ id: 42 }]);
  });

  it("Q2 (a customer's latest orders) uses an index and needs no Sort node", async () => {
    const plan = await explain(Q2, [42]);
    expect(summary(plan)).not.toContain('Seq Scan on orders');
    expect(summary(plan)).not.toContain('Sort');
    const { rows } = await query<{ id: number }>(Q2, [42]);
    expect(rows.map((r) => r.id)).toEqual([48041, 46041, 44041, 42041, 40041, 38041, 36041, 34041, 32041, 30041]);
  });

  it('creates no more than two indexes besides the primary keys', async () => {
    const { rows } = await query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexname NOT LIKE '%_pkey'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(2);
  });
});

describe('findSeqScans', () => {
  it('finds every Seq Scan in a nested join plan, depth-first', async () => {
    const plan = await explain(
      `SELECT u.email, sum(o.total) FROM users u JOIN orders o ON o.customer_id = u.id
       WHERE o.status = 'pending' AND u.created_at > now() - interval '1 day' GROUP BY u.email`,
      [],
    );
    const expected = nodes(plan)
      .filter((n) => n['Node Type'] === 'Seq Scan')
      .map((n) => n['Relation Name']);
    expect(expected.length).toBeGreaterThan(0); // sanity check of the test itself
    expect(findSeqScans(plan)).toEqual(expected);
  });

  it('returns [] for a plan that only uses indexes', async () => {
    expect(findSeqScans(await explain('SELECT id FROM users WHERE id = $1', [7]))).toEqual([]);
  });

  it('walks hand-written plans too (Plans nest at any depth)', () => {
    const plan = [
      {
        Plan: {
          'Node Type': 'Hash Join',
          Plans: [
            { 'Node Type': 'Seq Scan', 'Relation Name': 'a' },
            {
              'Node Type': 'Hash',
              Plans: [{ 'Node Type': 'Nested Loop', Plans: [{ 'Node Type': 'Seq Scan', 'Relation Name': 'b' }] }],
            },
          ],
        },
      },
    ];
    expect(findSeqScans(plan)).toEqual(['a', 'b']);
  });
});
