/**
 * CREATE INDEX statements (at most two) for:
 *   Q1: SELECT id FROM users WHERE lower(email) = lower($1)
 *   Q2: SELECT id, total FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 10
 */
export const INDEXES: readonly string[] = [
  // An expression index: the planner matches lower(email) only against an index on lower(email).
  // (A UNIQUE index here would also enforce case-insensitive uniqueness of e-mails.)
  'CREATE INDEX users_lower_email_idx ON users (lower(email))',
  // Equality column first, then the sort column: the rows for one customer come out of the index
  // already ordered, so there is no Sort and the Limit stops after 10 rows. (DESC is optional — a
  // B-tree can be read backwards — but it documents the access pattern.)
  'CREATE INDEX orders_customer_id_created_at_idx ON orders (customer_id, created_at DESC)',
];

interface PlanNode {
  'Node Type'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/**
 * Returns the relation names of all Seq Scan nodes in an `EXPLAIN (FORMAT JSON)` result, depth-first.
 */
export function findSeqScans(explainJson: unknown): string[] {
  // EXPLAIN (FORMAT JSON) returns one array element per statement: [{ "Plan": { ..., "Plans": [...] } }].
  const [statement] = explainJson as Array<{ Plan: PlanNode }>;
  const found: string[] = [];
  const walk = (node: PlanNode): void => {
    if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) found.push(node['Relation Name']);
    for (const child of node.Plans ?? []) walk(child);
  };
  if (statement) walk(statement.Plan);
  return found;
}
