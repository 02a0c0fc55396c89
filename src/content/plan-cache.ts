import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from '../core/plan.js';
import { ensureDir } from '../system/ensure-dir.js';
import { writeFileAtomic } from '../system/write-file-atomic.js';

// Kept in step with load-plan.ts (not imported from there: that module pulls in yaml and zod).
const PLAN_FILE = 'curriculum/plan.yaml';

/** Bump when the plan schema changes shape, so caches written by an older roadmap are not trusted. */
const PLAN_CACHE_VERSION = 2;

/**
 * Loads the plan, validated, without paying for yaml + zod on every start: the validated plan is cached as
 * JSON in `cacheDir`, keyed by the YAML file's size and mtime. Any edit to plan.yaml misses the cache, so a
 * malformed plan is still caught (by the full loader, imported only then).
 */
export async function loadPlanCached(packageRoot: string, cacheDir: string): Promise<Plan> {
  const source = join(packageRoot, PLAN_FILE);
  const cacheFile = join(cacheDir, 'plan.json');
  let key: string | undefined;
  try {
    const st = statSync(source);
    key = `${PLAN_CACHE_VERSION}:${source}:${st.size}:${st.mtimeMs}`;
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { key?: string; plan?: Plan };
    if (cached.key === key && cached.plan) return cached.plan;
  } catch {
    // No cache yet, or the plan is missing: the full loader below says what is wrong.
  }
  const full = await import('./load-plan.js');
  const plan = full.loadPlan(packageRoot);
  if (key) {
    try {
      ensureDir(cacheDir);
      writeFileAtomic(cacheFile, JSON.stringify({ key, plan }));
    } catch {
      // A read-only home only costs speed.
    }
  }
  return plan;
}
