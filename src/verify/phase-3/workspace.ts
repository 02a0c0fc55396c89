/**
 * The target as an npm workspace root: its packages (from the root package.json's `workspaces`), what each
 * declares and exports, and clean copies of parts of it whose node_modules link the target's installed
 * dependencies but the copied packages in place of the workspace's own.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

export interface WorkspacePackage {
  readonly name: string;
  /** Relative to the workspace root, with forward slashes: `packages/domain`. */
  readonly dir: string;
  /** Its layer, from the folder name: domain, application, adapter (adapter-*), http (http or app), or other. */
  readonly layer: 'domain' | 'application' | 'adapter' | 'http' | 'other';
  /** Every dependency its package.json declares (dependencies, devDependencies, peerDependencies). */
  readonly declared: ReadonlySet<string>;
  /** Its `exports` subpaths (`.`, `./testing`), or `.` alone when it has none. */
  readonly exportPaths: ReadonlySet<string>;
}

export interface Workspace {
  readonly root: string;
  readonly packages: readonly WorkspacePackage[];
}

type Manifest = { name?: string; workspaces?: unknown; exports?: unknown; dependencies?: object; devDependencies?: object; peerDependencies?: object };

function readManifest(file: string): Manifest | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

function layerOf(dir: string): WorkspacePackage['layer'] {
  const name = basename(dir);
  if (name === 'domain') return 'domain';
  if (name === 'application') return 'application';
  if (name.startsWith('adapter-')) return 'adapter';
  if (name === 'http' || name === 'app') return 'http';
  return 'other';
}

/** Expands a workspaces entry: a folder, or a folder ending in `/*` (the forms npm workspaces use here). */
function expand(root: string, pattern: string): string[] {
  const clean = pattern.replace(/^\.\//, '').replace(/\/$/, '');
  if (!clean.endsWith('/*')) return existsSync(join(root, clean, 'package.json')) ? [clean] : [];
  const parent = clean.slice(0, -2);
  if (!existsSync(join(root, parent))) return [];
  return readdirSync(join(root, parent), { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, parent, e.name, 'package.json')))
    .map((e) => `${parent}/${e.name}`);
}

/** Reads the workspace rooted at `root`; a string says why it is not one (the check's failure reason). */
export function readWorkspace(root: string): Workspace | string {
  const manifest = readManifest(join(root, 'package.json'));
  if (!manifest) return 'no package.json at the project root: make it an npm workspace root ("workspaces": ["packages/*"])';
  const patterns = Array.isArray(manifest.workspaces) ? manifest.workspaces.filter((w): w is string => typeof w === 'string') : null;
  if (!patterns || patterns.length === 0) return 'the root package.json has no "workspaces": split the app into packages (npm workspaces, e.g. "workspaces": ["packages/*"])';
  const dirs = [...new Set(patterns.flatMap((p) => expand(root, p)))].sort();
  const packages = dirs.map((dir): WorkspacePackage => {
    const m = readManifest(join(root, dir, 'package.json')) ?? {};
    const exportPaths = new Set<string>(['.']);
    if (m.exports && typeof m.exports === 'object' && Object.keys(m.exports).some((k) => k.startsWith('.'))) {
      exportPaths.clear();
      for (const k of Object.keys(m.exports)) exportPaths.add(k);
    }
    return {
      name: m.name ?? dir,
      dir,
      layer: layerOf(dir),
      declared: new Set([...Object.keys(m.dependencies ?? {}), ...Object.keys(m.devDependencies ?? {}), ...Object.keys(m.peerDependencies ?? {})]),
      exportPaths,
    };
  });
  return { root, packages };
}

/** The node_modules a Node process in `dir` would use: the nearest one in `dir` or above it. */
/**
 * The node_modules folders Node would search from `dir`: its own, then each parent's, nearest first. Only those
 * holding an installed package count: a tool's cache alone (vitest's node_modules/.vite) is not an install.
 */
export function nodeModulesChain(dir: string): string[] {
  const chain: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    const modules = join(d, 'node_modules');
    if (existsSync(modules) && readdirSync(modules).some((e) => !e.startsWith('.'))) chain.push(modules);
    if (dirname(d) === d) return chain;
  }
}

/**
 * Makes `dest/node_modules`: a link to every installed package of `sources` (nearest first: a package nested in
 * the workspace's own node_modules wins over the one hoisted above it, as Node resolves it), except the
 * workspace's own packages, which link to their copies under `dest` when `copied` has them and are absent
 * otherwise (so a package that imports a sibling it does not declare finds nothing, as outside the monorepo).
 */
export function linkNodeModules(sources: readonly string[], dest: string, workspace: Workspace, copied: ReadonlySet<string>): void {
  const own = new Map(workspace.packages.map((p) => [p.name, p]));
  const out = join(dest, 'node_modules');
  mkdirSync(out, { recursive: true });
  const linked = new Set<string>();
  const link = (name: string, target: string): void => {
    if (linked.has(name)) return;
    linked.add(name);
    mkdirSync(dirname(join(out, name)), { recursive: true });
    symlinkSync(target, join(out, name));
  };
  for (const source of sources) {
    for (const entry of readdirSync(source)) {
      if (entry.startsWith('.')) continue;
      const names = entry.startsWith('@') && lstatSync(join(source, entry)).isDirectory() ? readdirSync(join(source, entry)).map((e) => `${entry}/${e}`) : [entry];
      for (const name of names) if (!own.has(name)) link(name, join(source, name));
    }
  }
  for (const name of copied) {
    const p = own.get(name);
    if (p) link(name, join(dest, p.dir));
  }
}

const SKIP = new Set(['node_modules', 'dist', '.git', 'coverage', '.turbo']);

/** Copies a folder without its installs, builds and history (node_modules, dist, .git, *.tsbuildinfo). */
export function copySource(from: string, to: string): void {
  cpSync(from, to, {
    recursive: true,
    filter: (src) => {
      const name = basename(src);
      return !SKIP.has(name) && !name.endsWith('.tsbuildinfo');
    },
  });
}

/** The files directly in the workspace root (package.json, tsconfig*.json...): what every package may extend. */
export function copyRootFiles(root: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(root, { withFileTypes: true })) if (e.isFile()) cpSync(join(root, e.name), join(to, e.name));
}

/** The workspace packages `name` declares, transitively, itself included. */
export function declaredClosure(workspace: Workspace, name: string): Set<string> {
  const byName = new Map(workspace.packages.map((p) => [p.name, p]));
  const seen = new Set<string>();
  const visit = (n: string): void => {
    if (seen.has(n) || !byName.has(n)) return;
    seen.add(n);
    for (const d of byName.get(n)!.declared) visit(d);
  };
  visit(name);
  return seen;
}

export function relativePosix(from: string, to: string): string {
  return relative(from, to).split('\\').join('/');
}
