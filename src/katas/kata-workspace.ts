import { cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Kata } from '../content/kata.js';

/** Where the learner's copy of a kata lives: <workspace>/katas/phase-N/NN-slug. */
export function kataCopyDir(workspace: string, kata: Kata): string {
  return join(workspace, 'katas', `phase-${kata.phase}`, kata.slug);
}

/**
 * Copies a kata into the workspace: README, tests (and go.mod), and the starter as the learner's file. The
 * katas folder gets a node_modules link to the package's, so the tests' imports (vitest, fast-check, pg, ...)
 * resolve from the learner's copy. With `overwrite` false an existing learner file is kept.
 */
export function copyKata(packageRoot: string, workspace: string, kata: Kata, overwrite: boolean): string {
  const dest = kataCopyDir(workspace, kata);
  mkdirSync(dest, { recursive: true });
  const link = join(workspace, 'katas', 'node_modules');
  if (!existsSync(link)) symlinkSync(join(packageRoot, 'node_modules'), link, 'dir');
  for (const f of ['README.md', ...kata.supportFiles]) cpSync(join(packageRoot, kata.dir, f), join(dest, f));
  const mine = join(dest, kata.file);
  if (overwrite || !existsSync(mine)) cpSync(join(packageRoot, kata.dir, 'starter', kata.file), mine);
  return dest;
}
