import type { Db } from './db.js'

/** One node of a plan from EXPLAIN (FORMAT JSON). Only the fields we read are typed. */
export interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Plan Rows': number
  'Actual Rows'?: number
  Plans?: PlanNode[]
}

export interface Explained {
  Plan: PlanNode
  'Execution Time'?: number
}

/**
 * EXPLAIN a query with the same parameters the application sends. `analyze: true` really runs it
 * and adds actual row counts and timings; never EXPLAIN ANALYZE a write you do not want to happen.
 */
export async function explain(db: Db, sql: string, params: readonly unknown[] = [], { analyze = false } = {}): Promise<Explained> {
  const options = analyze ? 'ANALYZE, FORMAT JSON' : 'FORMAT JSON'
  const { rows } = await db.query<{ 'QUERY PLAN': Explained[] }>(`EXPLAIN (${options}) ${sql}`, params)
  const plan = rows[0]?.['QUERY PLAN'][0]
  if (!plan) throw new Error('EXPLAIN returned no plan')
  return plan
}

/** All nodes of the plan tree, depth first, as "Node Type" or "Node Type using index". */
export function planShape(node: PlanNode): string[] {
  const self = node['Index Name'] ? `${node['Node Type']} using ${node['Index Name']}` : node['Node Type']
  return [self, ...(node.Plans ?? []).flatMap(planShape)]
}
