/**
 * CREATE INDEX statements (at most two) for:
 *   Q1: SELECT id FROM users WHERE lower(email) = lower($1)
 *   Q2: SELECT id, total FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 10
 */
export const INDEXES: readonly string[] = [
  // TODO: these look reasonable — run EXPLAIN and see what the planner really does with them.
  'CREATE INDEX users_email_idx ON users (email)',
  'CREATE INDEX orders_customer_id_idx ON orders (customer_id)',
];

/**
 * Returns the relation names of all Seq Scan nodes in an `EXPLAIN (FORMAT JSON)` result, depth-first.
 */
export function findSeqScans(explainJson: unknown): string[] {
  void explainJson;
  throw new Error('TODO: implement findSeqScans');
}
