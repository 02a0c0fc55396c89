/**
 * The tools phase 3 runs on a target are roadmap's own, pinned in its dependencies (TypeScript, vitest with the
 * V8 coverage provider, dependency-cruiser with TypeScript 5.9 for its parser), never the learner's copies.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Deps } from '../../deps.js';
import { RoadmapError } from '../../errors.js';
import { dependenciesDir } from '../../katas/kata-workspace.js';

/**
 * A dependency's file, in the node_modules that holds roadmap's dependencies (`dependenciesDir`: its own in a
 * checkout, the enclosing project's when npm hoisted them); a broken install is the user's to fix.
 */
export function roadmapTool(deps: Deps, name: string, file: string): string {
  const found = join(dependenciesDir(deps.paths.packageRoot), name, file);
  if (!existsSync(found)) throw new RoadmapError(`${name}, which verify phase-3 runs, is not installed with roadmap (${deps.paths.packageRoot}): reinstall roadmap (\`npm install\` in a checkout).`, 'user');
  return found;
}

/** The preload that hands dependency-cruiser TypeScript 5.9's JS API (TypeScript 7 has none); shipped in the package. */
export function typescript5Hook(deps: Deps): string {
  return join(deps.paths.packageRoot, 'scripts', 'typescript-5-hook.mjs');
}
