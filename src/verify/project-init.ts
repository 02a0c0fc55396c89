import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { readProject, type Project } from '../content/project.js';
import type { Deps } from '../deps.js';
import { RoadmapError } from '../errors.js';
import { workspaceOf } from '../coach/context.js';
import { requirePhase } from '../coach/tasks.js';
import { tildify } from '../system/paths.js';
import { initRepository, type GitOutcome } from './milestone.js';
import { requireReference, workspaceProjectDir } from './target.js';

export interface ProjectInitResult {
  readonly dir: string;
  /** The files created, or, when an earlier phase's project was continued in place, the files changed. */
  readonly files: readonly string[];
  /** True when the learner's project of an earlier phase was continued in place instead of a starter copied. */
  readonly continued: boolean;
  /** The git repository made for the milestone tags, or why there is none. */
  readonly git: GitOutcome;
}

function listFiles(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name), root) : [relative(root, join(dir, e.name))],
  );
}

/** The starter README's section for `phase` (from `## Phase N:` to the next `## ` heading), or null. */
function phaseSection(starterReadme: string, phase: number): string | null {
  if (!existsSync(starterReadme)) return null;
  const text = readFileSync(starterReadme, 'utf8');
  const start = text.search(new RegExp(`^## Phase ${phase}:`, 'm'));
  if (start < 0) return null;
  const rest = text.slice(start);
  const next = rest.slice(3).search(/^## /m);
  return (next < 0 ? rest : rest.slice(0, next + 3)).trimEnd() + '\n';
}

/**
 * Continues the learner's project of an earlier phase in place: adds `phase` to its roadmap.project.json and the
 * phase's task (the starter README's section) to its README. Nothing else is touched, and nothing is committed:
 * the learner's code and history are theirs.
 */
function continueProject(own: Project, starterReadme: string, phase: number): ProjectInitResult {
  const changed: string[] = [];
  if (!own.phases.includes(phase)) {
    const file = join(own.dir, 'roadmap.project.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { phases: number[] };
    manifest.phases = [...manifest.phases, phase].sort((a, b) => a - b);
    writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
    changed.push('roadmap.project.json');
  }
  const section = phaseSection(starterReadme, phase);
  const readme = join(own.dir, 'README.md');
  const has = existsSync(readme) && new RegExp(`^## Phase ${phase}:`, 'm').test(readFileSync(readme, 'utf8'));
  if (section && !has) {
    const before = existsSync(readme) ? readFileSync(readme, 'utf8') : '';
    // One blank line between what the learner wrote and the new section, whatever their README ends with.
    const gap = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
    appendFileSync(readme, `${gap}${section}`);
    changed.push('README.md');
  }
  const git = changed.length
    ? { done: false, message: 'your repository is left as it is: commit README.md and roadmap.project.json when you like' }
    : { done: false, message: `nothing to change: the project already takes phase ${phase}` };
  return { dir: own.dir, files: changed, continued: true, git };
}

/**
 * Scaffolds the learner's project for a phase from the reference project's starter (the task and contract in
 * a README, a package.json, roadmap.project.json and an empty entry point) into `<workspace>/projects/<name>`,
 * or `dir`, and makes it a git repository with the starter as its first commit (a full pass of `verify` tags it
 * `phase-N`). Never overwrites: an existing folder is the learner's work. A phase whose project continues an
 * earlier phase's (phase 3 refactors the phase 2 API) continues the learner's own project in place when there
 * is one, and otherwise copies `<starter>-phase-N` (the earlier phase's reference as a snapshot) when shipped.
 */
export async function initProject(deps: Deps, opts: { readonly phase: number; readonly dir?: string }): Promise<ProjectInitResult> {
  requirePhase(await deps.plan(), opts.phase);
  const reference = requireReference(deps.paths.packageRoot, opts.phase);
  if (!reference.starter) throw new RoadmapError(`Phase ${opts.phase}'s project (${reference.name}) has no starter in this version of roadmap.`);
  const dest = opts.dir ? resolve(opts.dir) : workspaceProjectDir(await workspaceOf(deps), reference);
  const earlier = reference.phases.filter((p) => p < opts.phase);
  if (earlier.length > 0 && existsSync(dest)) {
    const own = readProject(dest);
    if (own && own.phases.some((p) => earlier.includes(p))) return continueProject(own, join(reference.dir, reference.starter, 'README.md'), opts.phase);
  }
  const snapshot = join(reference.dir, `${reference.starter}-phase-${opts.phase}`);
  const starter = existsSync(snapshot) ? snapshot : join(reference.dir, reference.starter);
  if (existsSync(dest) && readdirSync(dest).length > 0) {
    throw new RoadmapError(`${tildify(dest, deps.env)} already exists and is not empty: it is kept as it is (\`roadmap verify phase-${opts.phase}\` checks it; --dir puts a new one elsewhere).`);
  }
  cpSync(starter, dest, { recursive: true });
  // Shipped as `gitignore`: npm leaves a package's .gitignore files out of its tarball.
  if (existsSync(join(dest, 'gitignore'))) renameSync(join(dest, 'gitignore'), join(dest, '.gitignore'));
  const files = listFiles(dest).sort();
  return { dir: dest, files, continued: false, git: await initRepository(deps, dest, opts.phase) };
}
