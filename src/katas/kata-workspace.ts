import { cpSync, existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Kata } from '../content/kata.js';
import { RoadmapError } from '../errors.js';

/** Where the learner's copy of a kata lives: <workspace>/katas/phase-N/NN-slug. */
export function kataCopyDir(workspace: string, kata: Kata): string {
  return join(workspace, 'katas', `phase-${kata.phase}`, kata.slug);
}

/**
 * The node_modules folder that holds roadmap's dependencies (vitest, fast-check, pg, ...): the package's own in a
 * checkout or a global install, but the enclosing project's when npm hoisted them there (`npm install roadmap`
 * puts vitest beside roadmap, not inside it). Found the way Node resolves vitest from the package, so the
 * runner and the kata's imports use the same copy.
 */
export function dependenciesDir(packageRoot: string): string {
  try {
    return dirname(dirname(createRequire(join(packageRoot, 'package.json')).resolve('vitest/package.json')));
  } catch (error) {
    throw new RoadmapError(`vitest, which checks katas, is not installed with roadmap (${packageRoot}): reinstall roadmap (\`npm install\` in a checkout).`, 'user', { cause: error });
  }
}

/** The katas folder's node_modules link, re-pointed when roadmap moved (reinstalled, or from a checkout to npm). */
function linkDependencies(link: string, target: string): void {
  const stat = lstatSync(link, { throwIfNoEntry: false });
  if (stat && !stat.isSymbolicLink()) return; // a folder of the learner's own: theirs to manage
  if (stat && readlinkSync(link) === target) return;
  if (stat) rmSync(link);
  symlinkSync(target, link, 'dir');
}

/**
 * Copies a kata into the workspace: README, tests (and go.mod), and the starter as the learner's file. The
 * katas folder gets a node_modules link to roadmap's dependencies, so the tests' imports (vitest, fast-check, pg, ...)
 * resolve from the learner's copy. With `overwrite` false an existing learner file is kept.
 */
export function copyKata(packageRoot: string, workspace: string, kata: Kata, overwrite: boolean): string {
  const dest = kataCopyDir(workspace, kata);
  mkdirSync(dest, { recursive: true });
  linkDependencies(join(workspace, 'katas', 'node_modules'), dependenciesDir(packageRoot));
  for (const f of ['README.md', ...kata.supportFiles]) cpSync(join(packageRoot, kata.dir, f), join(dest, f));
  const mine = join(dest, kata.file);
  if (overwrite || !existsSync(mine)) cpSync(join(packageRoot, kata.dir, 'starter', kata.file), mine);
  return dest;
}
