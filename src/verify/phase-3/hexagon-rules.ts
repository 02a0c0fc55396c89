/**
 * The hexagon's dependency rules, roadmap's own (never the learner's config), run with roadmap's pinned
 * dependency-cruiser on the target's packages. Every violation becomes one line a learner can act on:
 * `domain imports fastify at packages/domain/src/document.ts:3 (rule domain-imports-nothing)`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Deps } from '../../deps.js';
import { roadmapTool, typescript5Hook } from './tools.js';
import type { Workspace, WorkspacePackage } from './workspace.js';

const notTest = '\\.(test|spec)\\.[cm]?[jt]sx?$';
const drivers = 'node_modules/(fastify|@fastify/|fastify-plugin|close-with-grace|pg|pg-[a-z-]+|postgres|kysely|ioredis|redis|@redis/|bullmq|lru-cache|express|koa|oidc-provider|@nestjs/|prisma|@prisma/|typeorm|mongoose|mongodb)(/|$)';

/** The rule set, in the order a reason is chosen when one import breaks several. */
export const HEXAGON_RULES = [
  { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  { name: 'domain-imports-nothing', severity: 'error', from: { path: '^packages/domain/', pathNot: notTest }, to: { pathNot: '^packages/domain/' } },
  { name: 'application-imports-domain-only', severity: 'error', from: { path: '^packages/application/', pathNot: notTest }, to: { pathNot: '^packages/(application|domain)/' } },
  { name: 'adapters-not-each-other', severity: 'error', from: { path: '^packages/(adapter-[^/]+)/' }, to: { path: '^packages/adapter-', pathNot: '^packages/$1/' } },
  { name: 'adapters-point-inward', severity: 'error', from: { path: '^packages/adapter-' }, to: { path: '^packages/(http|app)/' } },
  { name: 'only-http-imports-adapters', severity: 'error', from: { path: '^packages/', pathNot: '^packages/(http|app|adapter-[^/]+)/' }, to: { path: '^packages/adapter-' } },
  { name: 'no-framework-outside-adapters', severity: 'error', from: { path: '^packages/', pathNot: '^packages/(http|app|adapter-[^/]+)/' }, to: { path: drivers } },
] as const;

const RULE_ORDER = new Map<string, number>(HEXAGON_RULES.map((r, i) => [r.name, i]));

function config(): string {
  return `module.exports = ${JSON.stringify(
    {
      forbidden: HEXAGON_RULES,
      options: {
        doNotFollow: { path: 'node_modules' },
        // Only the packages' own build output and coverage: a library whose entry is under dist/ (kysely) must stay seen.
        exclude: { path: '^packages/[^/]+/(dist|coverage)/' },
        tsPreCompilationDeps: true,
        combinedDependencies: true,
        enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs'], conditionNames: ['source', 'import', 'types', 'node', 'default'], exportsFields: ['exports'] },
      },
    },
    null,
    2,
  )};\n`;
}

interface CruiseDependency {
  readonly module: string;
  readonly resolved: string;
  readonly couldNotResolve?: boolean;
  readonly coreModule?: boolean;
}
interface CruiseModule {
  readonly source: string;
  readonly dependencies: readonly CruiseDependency[];
}
interface CruiseViolation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
  readonly cycle?: readonly ({ readonly name: string } | string)[];
}
interface CruiseOutput {
  readonly modules: readonly CruiseModule[];
  readonly summary: { readonly violations: readonly CruiseViolation[]; readonly totalCruised: number };
}

export interface HexagonReport {
  readonly modules: number;
  readonly cycles: readonly string[];
  readonly layerViolations: readonly string[];
  /** Imports of another package's files or of a subpath it does not export. */
  readonly internals: readonly string[];
}

/** The line of `file` that imports `specifier` (1-based), for the reason's `file:line`. */
function lineOf(root: string, file: string, specifier: string): number | null {
  try {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    const i = lines.findIndex((l) => l.includes(`'${specifier}'`) || l.includes(`"${specifier}"`));
    return i < 0 ? null : i + 1;
  } catch {
    return null;
  }
}

function packageOf(workspace: Workspace, file: string): WorkspacePackage | undefined {
  return workspace.packages.find((p) => file.startsWith(`${p.dir}/`));
}

/** What an import is called in a reason: the package name for libraries and node:*, else the file. */
function importName(dep: CruiseDependency): string {
  if (dep.coreModule) return dep.module;
  if (dep.module.startsWith('.')) return dep.resolved;
  return dep.module;
}

/** Runs the rules on the target's packages; throws when dependency-cruiser itself cannot run. */
export async function cruiseHexagon(deps: Deps, workspace: Workspace, workDir: string, signalTimeoutMs = 120_000): Promise<HexagonReport> {
  const cfg = join(workDir, 'hexagon-rules.cjs');
  writeFileSync(cfg, config());
  const out = join(workDir, 'cruise.json');
  const r = await deps.runner.run(
    process.execPath,
    ['--import', typescript5Hook(deps), roadmapTool(deps, 'dependency-cruiser', 'bin/dependency-cruise.mjs'), ...workspace.packages.map((p) => p.dir), '--config', cfg, '--output-type', 'json', '--output-to', out, '--no-progress'],
    { cwd: workspace.root, timeoutMs: signalTimeoutMs },
  );
  let json: CruiseOutput;
  try {
    json = JSON.parse(readFileSync(out, 'utf8')) as CruiseOutput;
  } catch {
    throw new Error(`dependency-cruiser did not run on ${workspace.root}: ${(r.stderr || r.stdout).trim().split('\n').at(-1) ?? `exit ${r.exitCode}`}`);
  }
  const modules = new Map(json.modules.map((m) => [m.source, m]));
  const depOf = (from: string, to: string): CruiseDependency | undefined => modules.get(from)?.dependencies.find((d) => d.resolved === to);

  const cycles = new Set<string>();
  const byEdge = new Map<string, CruiseViolation>();
  for (const v of json.summary.violations) {
    if (v.rule.name === 'no-circular') {
      const names = (v.cycle ?? []).map((c) => (typeof c === 'string' ? c : c.name));
      const ring = [v.from, ...names];
      // One cycle is reported once, whichever module dependency-cruiser started it from.
      const start = ring.slice(0, -1).reduce((a, b) => (b < a ? b : a), ring[0]!);
      const at = ring.indexOf(start);
      const canonical = [...ring.slice(at, -1), ...ring.slice(0, at), start];
      cycles.add(`cycle ${canonical.join(' → ')} (rule no-circular)`);
      continue;
    }
    const key = `${v.from}\0${v.to}`;
    const seen = byEdge.get(key);
    if (!seen || RULE_ORDER.get(v.rule.name)! < RULE_ORDER.get(seen.rule.name)!) byEdge.set(key, v);
  }
  const layerViolations = [...byEdge.values()].map((v) => {
    const dep = depOf(v.from, v.to);
    const layer = packageOf(workspace, v.from)?.dir.split('/').pop() ?? v.from;
    const line = dep ? lineOf(workspace.root, v.from, dep.module) : null;
    return `${layer} imports ${dep ? importName(dep) : v.to} at ${v.from}${line ? `:${line}` : ''} (rule ${v.rule.name})`;
  });

  const internals: string[] = [];
  const names = [...workspace.packages].sort((a, b) => b.name.length - a.name.length);
  for (const m of json.modules) {
    const from = packageOf(workspace, m.source);
    if (!from) continue;
    for (const d of m.dependencies) {
      const target = d.resolved ? packageOf(workspace, d.resolved) : undefined;
      const byName = names.find((p) => d.module === p.name || d.module.startsWith(`${p.name}/`));
      const at = `${m.source}${lineOf(workspace.root, m.source, d.module) ? `:${lineOf(workspace.root, m.source, d.module)}` : ''}`;
      if (target && target !== from && d.module.startsWith('.')) {
        internals.push(`${from.dir} reaches into ${target.dir} by a relative path "${d.module}" at ${at}: import it by its package name (${target.name})`);
      } else if (byName && byName !== from) {
        const sub = d.module === byName.name ? '.' : `.${d.module.slice(byName.name.length)}`;
        if (!byName.exportPaths.has(sub)) internals.push(`${from.dir} imports ${d.module}, which ${byName.name} does not export, at ${at}: import only what its package.json "exports" lists`);
        else if (d.couldNotResolve) internals.push(`${from.dir} imports ${d.module} at ${at}, which does not resolve: declare ${byName.name} in ${from.dir}/package.json and run npm install`);
      }
    }
  }
  return { modules: json.summary.totalCruised, cycles: [...cycles].sort(), layerViolations: layerViolations.sort(), internals: [...new Set(internals)].sort() };
}
