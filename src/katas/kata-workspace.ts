import { cpSync, existsSync, lstatSync, readlinkSync, symlinkSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Kata } from '../content/kata.js';
import { RoadmapError } from '../errors.js';
import { ensureDir } from '../system/ensure-dir.js';

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

/**
 * Points <workspace>/katas/node_modules at roadmap's dependencies (`dependenciesDir`). The link is roadmap's own:
 * one left dangling (roadmap moved or reinstalled) or pointing elsewhere is replaced. A real folder there is the
 * learner's and is left alone.
 */
export function linkNodeModules(packageRoot: string, workspace: string): void {
  const link = join(workspace, 'katas', 'node_modules');
  const target = dependenciesDir(packageRoot);
  let current: string | null = null;
  try {
    const st = lstatSync(link);
    if (!st.isSymbolicLink()) return;
    current = readlinkSync(link);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw linkError(link, target, e);
  }
  if (current === target) return;
  try {
    if (current !== null) unlinkSync(link);
    symlinkSync(target, link, 'dir');
  } catch (e) {
    // Another roadmap (a second terminal) may have made the same link a moment ago.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST' && readlinkSync(link) === target) return;
    throw linkError(link, target, e);
  }
}

function linkError(link: string, target: string, cause: unknown): RoadmapError {
  const code = (cause as NodeJS.ErrnoException).code ?? String(cause);
  return new RoadmapError(`cannot link ${link} to ${target} (${code}): remove ${link} and run the command again`, 'user', { cause });
}

/**
 * Copies a kata into the workspace: README, tests (and go.mod), and the starter as the learner's file. The
 * katas folder gets a node_modules link to roadmap's dependencies, so the tests' imports (vitest, fast-check, pg, ...)
 * resolve from the learner's copy. With `overwrite` false an existing learner file is kept.
 */
export function copyKata(packageRoot: string, workspace: string, kata: Kata, overwrite: boolean): string {
  const dest = kataCopyDir(workspace, kata);
  ensureDir(dest);
  linkNodeModules(packageRoot, workspace);
  for (const f of ['README.md', ...kata.supportFiles]) cpSync(join(packageRoot, kata.dir, f), join(dest, f));
  const mine = join(dest, kata.file);
  if (overwrite || !existsSync(mine)) cpSync(join(packageRoot, kata.dir, 'starter', kata.file), mine);
  return dest;
}
