import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { findPackageRoot } from '../system/paths.js';
import { loadPlanCached } from './plan-cache.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'roadmap-plan-'));
  cpSync(join(findPackageRoot(), 'curriculum/plan.yaml'), join(root, 'curriculum/plan.yaml'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

it('serves the validated plan from the cache, and revalidates when plan.yaml changes', async () => {
  const cache = join(root, 'cache');
  const first = await loadPlanCached(root, cache);
  expect(JSON.parse(readFileSync(join(cache, 'plan.json'), 'utf8')).plan).toEqual(first);
  const planFile = join(root, 'curriculum/plan.yaml');
  writeFileSync(planFile, readFileSync(planFile, 'utf8').replace('start: 2025-07-10', 'start: 2025-07-99'));
  utimesSync(planFile, new Date(), new Date(Date.now() + 5_000));
  await expect(loadPlanCached(root, cache)).rejects.toThrow(/^curriculum\/plan\.yaml:\d+: phases\[1\]\.start: expected a date YYYY-MM-DD$/);
});
