import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cidrsubnet, overlaps, subnetLayout } from './cidr.js';
import { checkPolicy, kindOf, parsePlan, summarize } from './plan.js';

const fixture = readFileSync(new URL('./fixtures/plan.json', import.meta.url), 'utf8');

describe('step 1: cidrsubnet like Terraform', () => {
  it('matches the examples in the Terraform docs', () => {
    expect(cidrsubnet('172.16.0.0/12', 4, 2)).toBe('172.18.0.0/16');
    expect(cidrsubnet('10.1.2.0/24', 4, 15)).toBe('10.1.2.240/28');
  });

  it('carves /24s out of a /16 VPC', () => {
    expect(cidrsubnet('10.0.0.0/16', 8, 0)).toBe('10.0.0.0/24');
    expect(cidrsubnet('10.0.0.0/16', 8, 255)).toBe('10.0.255.0/24');
  });

  it('rejects subnet numbers and sizes that do not fit', () => {
    expect(() => cidrsubnet('10.0.0.0/16', 8, 256)).toThrow(/does not fit/);
    expect(() => cidrsubnet('10.0.0.0/28', 8, 0)).toThrow(/host bits/);
    expect(() => cidrsubnet('10.0.0.300/16', 8, 0)).toThrow(/invalid/);
  });
});

describe('step 2: a VPC layout across availability zones', () => {
  const layout = subnetLayout('10.0.0.0/16', ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);

  it('gives each AZ a public and a private subnet', () => {
    expect(layout[1]).toEqual({ az: 'eu-west-1b', public: '10.0.1.0/24', private: '10.0.101.0/24' });
  });

  it('produces no overlapping subnets', () => {
    const all = layout.flatMap((l) => [l.public, l.private]);
    for (const a of all) for (const b of all) if (a !== b) expect(overlaps(a, b)).toBe(false);
    expect(overlaps('10.0.0.0/16', '10.0.5.0/24')).toBe(true);
  });
});

describe('step 3: summarize a plan', () => {
  it('counts actions the way `terraform plan` reports them', () => {
    const { counts, changes } = summarize(parsePlan(fixture));
    expect(counts).toMatchObject({ create: 1, update: 1, replace: 1, delete: 0, read: 1, 'no-op': 1 });
    expect(changes.map((c) => `${c.kind} ${c.address}`)).toEqual([
      'create module.vpc.aws_subnet.private[0]',
      'update module.eks.aws_eks_node_group.default',
      'replace aws_db_instance.main',
    ]);
  });

  it('treats both action orders as a replacement and fails closed on anything unknown', () => {
    expect(kindOf(['delete', 'create'])).toBe('replace');
    expect(kindOf(['create', 'delete'])).toBe('replace'); // create_before_destroy
    expect(() => kindOf(['create', 'forget'])).toThrow(/unexpected/);
  });

  it('rejects an unknown major format version', () => {
    expect(() => parsePlan('{"format_version":"2.0"}')).toThrow(/unsupported/);
  });
});

describe('step 4: a policy gate before apply', () => {
  const policy = { protectedTypes: ['aws_db_instance', 'aws_eks_cluster'], maxDeletes: 5 };

  it('blocks replacing the database and says which attribute forces it', () => {
    expect(checkPolicy(parsePlan(fixture), policy)).toEqual([
      'aws_db_instance.main would be replaced (identifier forces it)',
    ]);
  });

  it('lets ordinary changes through', () => {
    const plan = parsePlan(fixture);
    plan.resource_changes = plan.resource_changes!.filter((rc) => rc.type !== 'aws_db_instance');
    expect(checkPolicy(plan, policy)).toEqual([]);
  });

  it('blocks mass deletion even of unprotected resources', () => {
    const rc = (i: number) => ({
      address: `aws_subnet.s[${i}]`,
      type: 'aws_subnet',
      name: 's',
      mode: 'managed' as const,
      change: { actions: ['delete' as const] },
    });
    const plan = { format_version: '1.2', resource_changes: [0, 1, 2, 3, 4, 5].map(rc) };
    expect(checkPolicy(plan, policy)).toEqual(['6 resources would be destroyed (limit 5)']);
  });
});
