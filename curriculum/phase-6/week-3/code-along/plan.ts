// Step 3 and 4: read `terraform show -json tfplan` and gate risky changes in CI before `apply`.

export type Action = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';

export interface ResourceChange {
  address: string;
  type: string;
  name: string;
  mode: 'managed' | 'data';
  change: { actions: Action[]; replace_paths?: (string | number)[][] };
  action_reason?: string;
}

export interface Plan {
  format_version: string;
  resource_changes?: ResourceChange[];
}

export type Kind = 'create' | 'update' | 'delete' | 'replace' | 'read' | 'no-op' | 'forget';

/**
 * ["delete","create"] and ["create","delete"] (create_before_destroy) are both replacements.
 * Anything we do not recognise throws: a safety gate must fail closed, not wave changes through.
 */
export function kindOf(actions: readonly Action[]): Kind {
  if (actions.length === 2 && actions.includes('delete') && actions.includes('create')) return 'replace';
  const known: readonly string[] = ['no-op', 'create', 'read', 'update', 'delete', 'forget'];
  if (actions.length === 1 && known.includes(actions[0]!)) return actions[0]!;
  throw new Error(`unexpected actions ${JSON.stringify(actions)}`);
}

export function parsePlan(json: string): Plan {
  const plan = JSON.parse(json) as Plan;
  // The format promises backward-compatible minor versions; a new major version may break us.
  if (!/^1\./.test(plan.format_version ?? '')) throw new Error(`unsupported plan format_version ${plan.format_version}`);
  return plan;
}

export function summarize(plan: Plan) {
  const counts: Record<Kind, number> = { create: 0, update: 0, delete: 0, replace: 0, read: 0, 'no-op': 0, forget: 0 };
  const changes = (plan.resource_changes ?? []).map((rc) => ({ address: rc.address, kind: kindOf(rc.change.actions) }));
  for (const c of changes) counts[c.kind]++;
  return { counts, changes: changes.filter((c) => c.kind !== 'no-op' && c.kind !== 'read') };
}

export interface Policy {
  protectedTypes: readonly string[]; // e.g. aws_db_instance: replacing it means losing the data
  maxDeletes: number;
}

/** Returns the reasons to block the apply; empty means the plan may go ahead. */
export function checkPolicy(plan: Plan, policy: Policy): string[] {
  const violations: string[] = [];
  let deletes = 0;
  for (const rc of plan.resource_changes ?? []) {
    const kind = kindOf(rc.change.actions);
    if (kind !== 'delete' && kind !== 'replace') continue;
    deletes++;
    if (policy.protectedTypes.includes(rc.type)) {
      const why = rc.change.replace_paths?.map((p) => p.join('.')).join(', ');
      violations.push(`${rc.address} would be ${kind === 'replace' ? 'replaced' : 'destroyed'}${why ? ` (${why} forces it)` : ''}`);
    }
  }
  if (deletes > policy.maxDeletes) violations.push(`${deletes} resources would be destroyed (limit ${policy.maxDeletes})`);
  return violations;
}
