import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';

/** roadmap's own folder: its pinned dependency-cruiser, the TypeScript 5 hook, its TypeScript 7 and its node_modules. */
export const ROOT = resolve(import.meta.dirname, '../../../..');

/**
 * The miniature of the learner's project at the end of this week. Its packages import each other by name, which
 * resolves only once they are linked into a node_modules: that happens in the temp copies below, never in the
 * repository. It is a dot folder because TypeScript's `include` globs skip dot folders, so roadmap's own `tsc`
 * (were it to include curriculum/) never tries to resolve those names. npm ignores it anyway: the repository's
 * workspaces are projects/*. It holds no test file, since vitest's globs do enter dot folders.
 */
export const SAMPLE = join(import.meta.dirname, '.my-docs-api');

export const PACKAGES = ['domain', 'application', 'adapter-postgres', 'adapter-redis', 'http'] as const;

/** A fresh folder for a test's copies; `remove` deletes it with everything in it. */
export function scratch(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'roadmap-p3w4-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Copies the sample to `dest` with the node_modules `npm install` would give it: the workspace packages linked
 * as node_modules/@my-docs-api/<name> → packages/<name>, every library linked from roadmap's node_modules. Its
 * `typescript` is roadmap's (7) unless `typescript` says 5.9: then it is roadmap's pinned 5.9, as in a project
 * whose package.json says "typescript": "~5.9.3".
 */
export function installedCopy(dest: string, { typescript = '7' }: { typescript?: '7' | '5.9' } = {}): string {
  cpSync(SAMPLE, dest, { recursive: true });
  const modules = join(dest, 'node_modules');
  mkdirSync(join(modules, '@my-docs-api'), { recursive: true });
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry === '.bin' || entry.startsWith('.package-lock')) continue;
    const target = entry === 'typescript' && typescript === '5.9' ? 'typescript-5' : entry;
    symlinkSync(join(ROOT, 'node_modules', target), join(modules, entry));
  }
  for (const name of PACKAGES) symlinkSync(join('..', '..', 'packages', name), join(modules, '@my-docs-api', name));
  return dest;
}

/** Edits one file of a copy. */
export function edit(dir: string, file: string, change: (text: string) => string): void {
  const path = join(dir, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

export interface Violation {
  readonly rule: string;
  readonly from: string;
  readonly to: string;
}

export interface CruiseResult {
  /** Modules dependency-cruiser read: 0 means it parsed nothing, whatever it says about violations. */
  readonly modules: number;
  /** Rule violations of severity error. */
  readonly errors: number;
  readonly violations: readonly Violation[];
}

/**
 * How dependency-cruiser gets a TypeScript to parse with. `hook`: roadmap's way, its pinned dependency-cruiser
 * with the preload (scripts/typescript-5-hook.mjs) that hands it TypeScript 5.9 while roadmap's own `typescript`
 * is 7. `none`: the same without the preload, so it finds TypeScript 7, which ships no JS API. `project`: the
 * copy's own node_modules/.bin/depcruise way, resolving `typescript` from the copy (make it with typescript 5.9).
 */
export type Parser = 'hook' | 'none' | 'project';

function cruiseCommand(dir: string, parser: Parser, reporter: string[]): [string, string[]] {
  const args = ['packages', '--config', '.dependency-cruiser.cjs', ...reporter];
  // Symlinks kept: a linked package then resolves its own imports (typescript) from the copy, as an installed one would.
  if (parser === 'project') return [process.execPath, ['--preserve-symlinks', '--preserve-symlinks-main', join(dir, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'), ...args]];
  const hook = parser === 'hook' ? ['--import', join(ROOT, 'scripts', 'typescript-5-hook.mjs')] : [];
  return [process.execPath, [...hook, join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'), ...args]];
}

/** `depcruise packages --config .dependency-cruiser.cjs` in `dir`, its findings as JSON. */
export async function depcruise(dir: string, parser: Parser = 'hook'): Promise<CruiseResult> {
  const out = join(dir, 'cruise.json');
  const [file, args] = cruiseCommand(dir, parser, ['--output-type', 'json', '--output-to', out]);
  await execa(file, args, { cwd: dir });
  const json = JSON.parse(readFileSync(out, 'utf8')) as { summary: { totalCruised: number; error: number; violations: { from: string; to: string; rule: { name: string } }[] } };
  return {
    modules: json.summary.totalCruised,
    errors: json.summary.error,
    violations: json.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to })),
  };
}

/** The same run with the default reporter: what the learner reads in the terminal, and the exit code CI sees. */
export async function depcruiseInTerminal(dir: string): Promise<{ exitCode: number; output: string }> {
  const [file, args] = cruiseCommand(dir, 'hook', []);
  const r = await execa(file, args, { cwd: dir, reject: false });
  return { exitCode: r.exitCode ?? -1, output: `${r.stdout}\n${r.stderr}`.trim() };
}

/** `tsc -b <project>` in `dir` with roadmap's TypeScript (7), as `roadmap verify phase-3` builds each package. */
export async function buildWithTsc(dir: string, project: string): Promise<{ exitCode: number; output: string }> {
  const r = await execa(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', project, '--pretty', 'false'], { cwd: dir, reject: false });
  return { exitCode: r.exitCode ?? -1, output: `${r.stdout}\n${r.stderr}`.trim() };
}
