import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from '../core/plan.js';
import { ContentError } from './content-error.js';
import { planSchema } from './plan-schema.js';
import { parseYamlWith } from './yaml-file.js';

export const PLAN_FILE = 'curriculum/plan.yaml';

/** Parses and validates plan text; `file` names it in errors. */
export function parsePlan(text: string, file = PLAN_FILE): Plan {
  return parseYamlWith(file, text, planSchema);
}

/** Loads curriculum/plan.yaml from the package (or a content root given for tests). */
export function loadPlan(contentRoot: string): Plan {
  const path = join(contentRoot, PLAN_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ContentError(PLAN_FILE, `cannot read ${path}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`);
  }
  return parsePlan(text);
}
