import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../system/paths.js';
import { ContentError } from './content-error.js';
import { parsePlan, PLAN_FILE } from './load-plan.js';

const text = readFileSync(join(findPackageRoot(), PLAN_FILE), 'utf8');

function errorOf(mutated: string): string {
  try {
    parsePlan(mutated);
  } catch (e) {
    expect(e).toBeInstanceOf(ContentError);
    return (e as Error).message;
  }
  throw new Error('expected the plan to be rejected');
}

describe('plan.yaml validation', () => {
  it('accepts the shipped plan: 9 phases with unique task and criterion ids', () => {
    const plan = parsePlan(text);
    expect(plan.phases).toHaveLength(9);
    const ids = plan.phases.flatMap((p) => [...p.tasks.map((t) => t.id), ...p.criteria.map((c) => c.id)]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(plan.phases.flatMap((p) => p.tasks)).toHaveLength(34);
  });

  it.each([
    ['a bad date', text.replace('start: 2025-07-10', 'start: 2025-07-32'), /^curriculum\/plan\.yaml:\d+: phases\[1\]\.start: expected a date YYYY-MM-DD$/],
    ['a gap between phases', text.replace('start: 2025-07-10', 'start: 2025-07-11'), /phases\[1\]\.start: expected 2025-07-10/],
    ['a duplicate id', text.replace('id: p2.cli-to-api', 'id: p2.redis-cache'), /phases\[1\]\.tasks\[3\]\.id: duplicate id p2\.redis-cache/],
    ['a misplaced id', text.replace('id: p3.adr-001', 'id: p4.adr-001'), /phases\[2\]\.tasks\[3\]\.id: must start with p3\./],
    ['an unknown slot', text.replace('slots: [mini-project]\n    criteria:\n      - id: p2', 'slots: [gym]\n    criteria:\n      - id: p2'), /phases\[1\]\.tasks\[3\]\.slots\[0\]/],
    ['broken YAML', text.replace('title: Mid-Level Backend Roadmap', 'title: [unclosed'), /^curriculum\/plan\.yaml:\d+: invalid YAML/],
  ])('rejects %s with one line naming the file and field', (_name, mutated, expected) => {
    const message = errorOf(mutated);
    expect(message).toMatch(expected);
    expect(message).not.toContain('\n');
  });

  it('points at the line of the bad field', () => {
    const lineNo = text.split('\n').findIndex((l) => l.includes('start: 2025-07-10')) + 1;
    expect(errorOf(text.replace('start: 2025-07-10', 'start: tomorrow'))).toContain(`plan.yaml:${lineNo}:`);
  });
});
