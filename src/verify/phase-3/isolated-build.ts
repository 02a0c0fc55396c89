/**
 * "Builds alone": each package is copied into a clean folder with only the workspace root's files and the
 * workspace packages it declares (transitively), no dist and no tsbuildinfo, its installed libraries linked, and
 * built there with roadmap's TypeScript (`tsc -b`). A package that leans on a sibling it does not declare, on a
 * file outside its folder or on another package's build output fails here, as it would outside the monorepo.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Deps } from '../../deps.js';
import { nodeBinary } from '../../system/runtime.js';
import { roadmapTool } from './tools.js';
import { copyRootFiles, copySource, declaredClosure, linkNodeModules, nodeModulesChain, type Workspace, type WorkspacePackage } from './workspace.js';

export interface BuildOutcome {
  readonly pkg: WorkspacePackage;
  readonly ok: boolean;
  /** Why not, in one line. */
  readonly reason?: string;
}

function firstError(output: string): string {
  const line = output.split('\n').find((l) => /error TS\d+/.test(l)) ?? output.trim().split('\n').at(-1) ?? '';
  return line.trim().slice(0, 240);
}

/** Builds one package alone in `dir` (a fresh folder); never throws for the target's faults. */
export async function buildAlone(deps: Deps, workspace: Workspace, pkg: WorkspacePackage, dir: string): Promise<BuildOutcome> {
  if (!existsSync(join(workspace.root, pkg.dir, 'tsconfig.json'))) {
    return { pkg, ok: false, reason: `${pkg.dir} has no tsconfig.json: give each package its own (composite, with references to the packages it imports)` };
  }
  const modules = nodeModulesChain(workspace.root);
  if (modules.length === 0) return { pkg, ok: false, reason: `no node_modules in or above ${workspace.root}: run npm install there first` };
  mkdirSync(dir, { recursive: true });
  copyRootFiles(workspace.root, dir);
  const closure = declaredClosure(workspace, pkg.name);
  for (const p of workspace.packages) if (closure.has(p.name)) copySource(join(workspace.root, p.dir), join(dir, p.dir));
  linkNodeModules(modules, dir, workspace, closure);
  const tsc = roadmapTool(deps, 'typescript', 'bin/tsc');
  const r = await deps.runner.run(nodeBinary(), [tsc, '-b', pkg.dir, '--pretty', 'false'], { cwd: dir, timeoutMs: 120_000 });
  if (r.ok) return { pkg, ok: true };
  if (r.timedOut) return { pkg, ok: false, reason: `${pkg.dir}: tsc -b did not finish within 120 s` };
  // Paths inside the clean copy mean nothing to the learner: name them relative to the workspace root.
  const error = firstError(`${r.stdout}\n${r.stderr}`).split(`${dir}/`).join('');
  const missing = /Cannot find module '([^']+)'/.exec(error)?.[1];
  const unreferenced = /TS6053: File '([^']+)\/tsconfig\.json' not found/.exec(error)?.[1];
  const sibling = missing
    ? workspace.packages.find((p) => missing === p.name || missing.startsWith(`${p.name}/`))
    : unreferenced
      ? workspace.packages.find((p) => p.dir === unreferenced)
      : undefined;
  const hint = sibling
    ? ` (builds only inside the monorepo: declare ${sibling.name} in ${pkg.dir}/package.json and reference ../${sibling.dir.split('/').pop()} in its tsconfig.json)`
    : /Cannot find module '\.\.?\//.test(error) || /is not under 'rootDir'|not listed within the file list/.test(error)
      ? ' (builds only inside the monorepo: import other packages by name, not by a relative path)'
      : '';
  return { pkg, ok: false, reason: `${pkg.dir} does not build alone: ${error}${hint}` };
}
