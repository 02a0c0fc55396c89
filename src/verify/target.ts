import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readProject, referenceProject, type Project } from '../content/project.js';
import { RoadmapError, UsageError } from '../errors.js';
import type { Env } from '../system/env.js';
import { tildify } from '../system/paths.js';

export type TargetKind = 'reference' | 'workspace' | 'dir';

export interface Target {
  readonly kind: TargetKind;
  readonly project: Project;
}

/** The learner's project for a phase: `<workspace>/projects/<name>`, named after the reference project. */
export function workspaceProjectDir(workspace: string, reference: Project): string {
  return join(workspace, 'projects', reference.name);
}

export function requireReference(packageRoot: string, phase: number): Project {
  const reference = referenceProject(packageRoot, phase);
  if (!reference) throw new RoadmapError(`Phase ${phase} has no reference project in this version of roadmap.`);
  return reference;
}

/**
 * Which implementation to check or run: `reference` (the shipped one), a folder, or by default the learner's
 * project in the workspace. Every way this can be wrong ends in one line that says how to fix it.
 */
export function resolveTarget(opts: { packageRoot: string; workspace: string; env: Env; phase: number; target: string | undefined }): Target {
  const { phase, env } = opts;
  const reference = requireReference(opts.packageRoot, phase);
  if (opts.target === 'reference') return { kind: 'reference', project: reference };
  if (opts.target === undefined) {
    const dir = workspaceProjectDir(opts.workspace, reference);
    const project = existsSync(dir) ? readProject(dir) : null;
    if (!project) {
      throw new RoadmapError(
        `No phase ${phase} project in ${tildify(dir, env)} yet: \`roadmap project init phase-${phase}\` scaffolds one, and \`--target reference\` checks the shipped reference.`,
      );
    }
    return { kind: 'workspace', project: requirePhaseOf(project, phase, env) };
  }
  const dir = resolve(opts.target);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--target ${opts.target}: no such folder (give \`reference\` or a project folder)`);
  // The shipped reference named by its path is still the reference: it is not the learner's progress.
  if (dir === reference.dir) return { kind: 'reference', project: reference };
  const project = readProject(dir);
  if (!project) {
    throw new RoadmapError(
      `${tildify(dir, env)} has no roadmap.project.json: it says how to start the project (see \`roadmap project init phase-${phase}\` for one).`,
    );
  }
  return { kind: 'dir', project: requirePhaseOf(project, phase, env) };
}

function requirePhaseOf(project: Project, phase: number, env: Env): Project {
  if (!project.phases.includes(phase)) {
    throw new RoadmapError(`${tildify(project.dir, env)} is a project for phase ${project.phases.join(', ')}, not phase ${phase} (see its roadmap.project.json).`);
  }
  return project;
}

/** Whether a node_modules folder is in `dir` or above it (workspaces hoist dependencies to the root). */
function hasNodeModules(dir: string): boolean {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'node_modules'))) return true;
    if (dirname(d) === d) return false;
  }
}

/** Fails early, in one line, when a Node project's dependencies were never installed. */
export function requireInstalled(project: Project, env: Env): void {
  const manifest = join(project.dir, 'package.json');
  if (!existsSync(manifest)) return;
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { dependencies?: object; devDependencies?: object };
  const needs = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).length > 0;
  if (needs && !hasNodeModules(project.dir)) {
    throw new RoadmapError(`${tildify(project.dir, env)}: its dependencies are not installed: run \`npm install\` there first.`);
  }
}
