import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './run-cli.js';

// What the npm package needs to run the daily loop once installed, where there are no devDependencies and no
// workspaces: only roadmap's own `dependencies` resolve. scripts/pack-smoke.sh (CI) installs the real tarball;
// these are the quick checks that say which line of package.json is wrong.

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
const readJson = (file: string): Manifest => JSON.parse(readFileSync(file, 'utf8')) as Manifest;
const root = readJson(join(ROOT, 'package.json'));
const PROJECTS = readdirSync(join(ROOT, 'projects')).filter((p) => readdirSync(join(ROOT, 'projects', p)).includes('package.json'));

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && !e.parentPath.includes('node_modules') && keep(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** The package each bare import names (`fast-check`, `@electric-sql/pglite`), not Node's own modules. */
function packagesImported(source: string): string[] {
  const specifiers = [...source.matchAll(/^\s*import\s[^;]*?from\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm)].map((m) => m[1] ?? m[2]!);
  return specifiers.filter((s) => /^(@[\w.-]+\/)?[\w.-]+(\/|$)/.test(s) && !s.startsWith('.')).map((s) => s.split('/').slice(0, s.startsWith('@') ? 2 : 1).join('/'));
}

describe('the npm package', () => {
  it('explains in one line, without a stack, that it is not built when dist/ is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roadmap-unbuilt-'));
    try {
      cpSync(BIN, join(dir, 'bin/roadmap.js'));
      const r = await execa('node', [join(dir, 'bin/roadmap.js'), 'today'], { reject: false, stdin: 'ignore' });
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('roadmap is not built: run `npm run build`');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(PROJECTS)("has projects/%s's run-time dependencies as its own, with the same ranges", (project) => {
    const workspace = readJson(join(ROOT, 'projects', project, 'package.json'));
    for (const [name, range] of Object.entries(workspace.dependencies ?? {})) {
      expect({ name, range: root.dependencies?.[name] }, `add "${name}": "${range}" to the root package.json's dependencies`).toEqual({ name, range });
    }
  });

  it('has every package the bundles, the reference projects and the katas import at run time as a dependency', () => {
    const sources = [
      ...filesUnder(join(ROOT, 'dist'), (f) => f.endsWith('.js')),
      ...PROJECTS.flatMap((p) => filesUnder(join(ROOT, 'projects', p, 'dist'), (f) => f.endsWith('.js'))),
      ...filesUnder(join(ROOT, 'exercises'), (f) => /\.(ts|mjs)$/.test(f)),
    ];
    expect(sources.some((f) => f.includes('/projects/scraper/dist/'))).toBe(true);
    const missing = new Map<string, string>();
    for (const file of sources) {
      for (const name of packagesImported(readFileSync(file, 'utf8'))) {
        if (!root.dependencies?.[name]) missing.set(name, relative(ROOT, file));
      }
    }
    expect(Object.fromEntries(missing), 'imported at run time but not in dependencies (devDependencies are not installed with the package)').toEqual({});
  });

  it('has every tool verify runs by path (roadmapTool) as a dependency, not a devDependency', () => {
    const tools = new Set(
      filesUnder(join(ROOT, 'src'), (f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/roadmapTool\(deps, '([^']+)'/g)].map((m) => m[1]!)),
    );
    expect([...tools].sort()).toEqual(expect.arrayContaining(['dependency-cruiser', 'typescript', 'vitest']));
    // dependency-cruiser parses with TypeScript 5.9 (typescript-5), and the domain tests' coverage needs the V8 provider.
    for (const name of [...tools, 'typescript-5', '@vitest/coverage-v8']) expect({ name, range: root.dependencies?.[name] }, `move "${name}" to dependencies`).toEqual({ name, range: expect.any(String) });
  });

  it('ships the content and the reference projects (built, with their starters and the snapshots a later phase starts from, tests included), not the references\' tests or node_modules', async () => {
    const r = await execa('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT });
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    for (const project of PROJECTS) {
      const contract = JSON.parse(readFileSync(join(ROOT, 'projects', project, 'roadmap.project.json'), 'utf8')) as { command: string[] };
      expect(files).toEqual(
        expect.arrayContaining([
          `projects/${project}/roadmap.project.json`,
          `projects/${project}/package.json`,
          `projects/${project}/dist/cli.js`,
          `projects/${project}/starter/package.json`,
          `projects/${project}/starter/roadmap.project.json`,
          ...contract.command.filter((part) => part.startsWith('bin/')).map((bin) => `projects/${project}/${bin}`),
        ]),
      );
    }
    expect(files).toEqual(expect.arrayContaining(['bin/roadmap.js', 'dist/cli/main.js', 'curriculum/plan.yaml', 'exercises/vitest.kata.config.mjs', 'scripts/typescript-5-hook.mjs']));
    expect(files.filter((f) => /^projects\/[^/]+\/(?!starter)[^/]+\/.*\.test\.ts$|\.map$|node_modules\/|^projects\/[^/]+\/src\/testing\/|^(src|test)\//.test(f))).toEqual([]);
  });
});
