import { cpSync, existsSync, readdirSync, renameSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Deps } from '../deps.js';
import { RoadmapError } from '../errors.js';
import { workspaceOf } from '../coach/context.js';
import { requirePhase } from '../coach/tasks.js';
import { tildify } from '../system/paths.js';
import { initRepository, type GitOutcome } from './milestone.js';
import { requireReference, workspaceProjectDir } from './target.js';

export interface ProjectInitResult {
  readonly dir: string;
  readonly files: readonly string[];
  /** The git repository made for the milestone tags, or why there is none. */
  readonly git: GitOutcome;
}

function listFiles(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name), root) : [relative(root, join(dir, e.name))],
  );
}

/**
 * Scaffolds the learner's project for a phase from the reference project's starter (the task and contract in
 * a README, a package.json, roadmap.project.json and an empty entry point) into `<workspace>/projects/<name>`,
 * or `dir`, and makes it a git repository with the starter as its first commit (a full pass of `verify` tags it
 * `phase-N`). Never overwrites: an existing folder is the learner's work.
 */
export async function initProject(deps: Deps, opts: { readonly phase: number; readonly dir?: string }): Promise<ProjectInitResult> {
  requirePhase(await deps.plan(), opts.phase);
  const reference = requireReference(deps.paths.packageRoot, opts.phase);
  if (!reference.starter) throw new RoadmapError(`Phase ${opts.phase}'s project (${reference.name}) has no starter in this version of roadmap.`);
  const starter = join(reference.dir, reference.starter);
  const dest = opts.dir ? resolve(opts.dir) : workspaceProjectDir(await workspaceOf(deps), reference);
  if (existsSync(dest) && readdirSync(dest).length > 0) {
    throw new RoadmapError(`${tildify(dest, deps.env)} already exists and is not empty: it is kept as it is (\`roadmap verify phase-${opts.phase}\` checks it; --dir puts a new one elsewhere).`);
  }
  cpSync(starter, dest, { recursive: true });
  // Shipped as `gitignore`: npm leaves a package's .gitignore files out of its tarball.
  if (existsSync(join(dest, 'gitignore'))) renameSync(join(dest, 'gitignore'), join(dest, '.gitignore'));
  const files = listFiles(dest).sort();
  return { dir: dest, files, git: await initRepository(deps, dest, opts.phase) };
}
