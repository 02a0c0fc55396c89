import { cpSync, existsSync, lstatSync, readlinkSync, symlinkSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Kata } from '../content/kata.js';
import { RoadmapError } from '../errors.js';
import { ensureDir } from '../system/ensure-dir.js';

/** Where the learner's copy of a kata lives: <workspace>/katas/phase-N/NN-slug. */
export function kataCopyDir(workspace: string, kata: Kata): string {
  return join(workspace, 'katas', `phase-${kata.phase}`, kata.slug);
}

/**
 * Points <workspace>/katas/node_modules at the package's node_modules. The link is roadmap's own: one left
 * dangling (roadmap moved or reinstalled) or pointing elsewhere is replaced. A real folder there is the
 * learner's and is left alone.
 */
export function linkNodeModules(packageRoot: string, workspace: string): void {
  const link = join(workspace, 'katas', 'node_modules');
  const target = join(packageRoot, 'node_modules');
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
 * katas folder gets a node_modules link to the package's, so the tests' imports (vitest, fast-check, pg, ...)
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
