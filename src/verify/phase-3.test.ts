import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readProject } from '../content/project.js';
import { execaRunner } from '../system/runner.js';
import { createTestDeps, type TestDeps } from '../system/test-deps.js';
import type { CheckContext, CheckOutcome } from './frame.js';
import { phase3 } from './phase-3/index.js';
import { copySource, linkNodeModules, readWorkspace, type Workspace } from './phase-3/workspace.js';
import { verifyPhase } from './verify-engine.js';

// The machine's Postgres and Redis (CI exports them; these are the machine's defaults otherwise).
const env = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
};
const ROOT = join(import.meta.dirname, '..', '..');
const REFERENCE = join(ROOT, 'projects', 'docs-api');
/** The reference's workspace packages (domain, application, the adapters, http). */
const PACKAGES = (readWorkspace(REFERENCE) as Workspace).packages.length;

let deps: TestDeps | undefined;
afterEach(async () => {
  await deps?.dispose();
  deps = undefined;
});

const figure = (o: { figures: readonly { name: string; value: number }[] }, name: string): number | undefined => o.figures.find((f) => f.name === name)?.value;

describe('verify phase-3 against the reference docs API', () => {
  it('passes the last stage (rules, ADR, phase 2 regression) and both criteria', { timeout: 240_000 }, async () => {
    deps = createTestDeps({ runner: execaRunner(), env });
    const { report } = await verifyPhase(deps, { phase: 3, target: 'reference', options: { pages: 300 } });
    expect(report.stages.map((s) => [s.id, s.verdict, s.checks.flatMap((c) => c.reasons)])).toEqual([['p3.s4.workspaces-and-rules', 'passed', []]]);
    const [domain, hexagon] = report.criteria;
    expect([domain!.verdict, domain!.reasons, hexagon!.verdict, hexagon!.reasons]).toEqual(['passed', [], 'passed', []]);
    expect(figure(domain!, 'domain tests passed')).toBeGreaterThanOrEqual(20);
    expect(figure(domain!, 'network connections attempted by the domain tests')).toBe(0);
    expect(figure(domain!, 'test processes under the network guard')).toBeGreaterThanOrEqual(1);
    expect(figure(domain!, 'domain line coverage')).toBeGreaterThanOrEqual(90);
    expect(PACKAGES).toBeGreaterThanOrEqual(5);
    expect(figure(hexagon!, 'packages built alone')).toBe(PACKAGES);
    const regression = report.stages[0]!.checks.find((c) => c.id === 'phase-2-regression')!;
    // Each phase 2 check is reported on its own.
    for (const id of ['imported-and-listed', 'migrate-one-step', 'served-from-cache', 'invalidated-everywhere', 'search-and-paginate']) {
      expect(figure(regression, `phase 2 ${id}: failures`), id).toBe(0);
    }
    expect(report.summary).toBe('3 of 3 verified');
  });

  it('passes stages 1 to 3 (value objects, aggregate and events, ports and an adapter)', { timeout: 120_000 }, async () => {
    deps = createTestDeps({ runner: execaRunner(), env });
    const { report } = await verifyPhase(deps, { phase: 3, target: 'reference', stage: 3, options: { pages: 300 } });
    expect(report.stages.map((s) => [s.id, s.verdict, s.checks.flatMap((c) => c.reasons)])).toEqual([
      ['p3.s1.value-objects', 'passed', []],
      ['p3.s2.aggregate-and-events', 'passed', []],
      ['p3.s3.ports-and-adapter', 'passed', []],
    ]);
  });
});

describe('verify phase-3 against a phase 2 monolith', () => {
  it('fails both criteria with the workspace reason, and stage 1 says where the value objects go', { timeout: 120_000 }, async () => {
    deps = createTestDeps({ runner: execaRunner(), env });
    const dir = join(deps.paths.home, 'monolith');
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'my-docs-api', type: 'module', dependencies: { fastify: '^5.0.0', pg: '^8.0.0' } }));
    writeFileSync(join(dir, 'roadmap.project.json'), JSON.stringify({ name: 'docs-api', phases: [2, 3], command: ['node', 'src/cli.js'] }));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'src', 'app.ts'), "import Fastify from 'fastify';\nimport pg from 'pg';\nexport const app = Fastify();\nexport const pool = new pg.Pool();\n");
    const staged = await verifyPhase(deps, { phase: 3, target: dir, stage: 4, options: { pages: 50 } });
    expect(staged.report.stages.map((s) => [s.id, s.verdict])).toEqual([['p3.s1.value-objects', 'failed']]);
    expect(staged.report.stages[0]!.checks[0]!.reasons[0]).toMatch(/no "workspaces".*or, for week 1, put the value objects and their tests in src\/domain/);
    const { report } = await verifyPhase(deps, { phase: 3, target: dir, options: { pages: 50 } });
    const workspaceReason = /^the root package\.json has no "workspaces": split the app into packages \(npm workspaces/;
    for (const c of report.criteria) {
      expect(c.verdict, c.id).toBe('failed');
      expect(c.reasons[0], c.id).toMatch(workspaceReason);
    }
    expect(report.stages[0]!.verdict).toBe('failed');
  });
});

/** A copy of the reference with node_modules of its own (the copied packages in place of the reference's). */
function referenceCopy(into: string): { dir: string; ws: Workspace } {
  const dir = join(into, 'docs-api');
  copySource(REFERENCE, dir);
  const ws = readWorkspace(dir) as Workspace;
  linkNodeModules([join(ROOT, 'node_modules')], dir, ws, new Set(ws.packages.map((p) => p.name)));
  return { dir, ws };
}

/** Runs one phase 3 check on `dir` the way the engine would, with what the static checks use. */
async function runCheck(d: TestDeps, id: string, dir: string, workDir: string): Promise<CheckOutcome> {
  const check = [...phase3.criteria, ...phase3.stageChecks].find((c) => c.id === id)!;
  mkdirSync(workDir, { recursive: true });
  const ctx = { deps: d, project: readProject(dir)!, options: { pages: 50 }, signal: new AbortController().signal, run: 1, runs: 1, workDir, logFile: join(workDir, 'log'), progress: () => {} };
  return check.check(ctx as unknown as CheckContext);
}

describe('verify phase-3 against mutated copies of the reference', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'roadmap-phase3-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const edit = (file: string, change: (text: string) => string): void => writeFileSync(file, change(readFileSync(file, 'utf8')));

  it('a cycle in the domain: one cycle, named module by module', { timeout: 120_000 }, async () => {
    deps = createTestDeps({ runner: execaRunner(), env });
    const { dir } = referenceCopy(join(tmp, 'cycle'));
    edit(join(dir, 'packages/domain/src/url.ts'), (t) => `import type { Slug } from './slug.js';\nexport type UrlOfSlug = Slug;\n${t}`);
    const outcome = await runCheck(deps, 'p3.ac.no-circular-deps', dir, join(tmp, 'cycle-work'));
    expect(outcome.failures).toEqual(['cycle packages/domain/src/slug.ts → packages/domain/src/url.ts → packages/domain/src/slug.ts (rule no-circular)']);
    expect(figure(outcome, 'dependency cycles')).toBe(1);
    expect(figure(outcome, 'packages built alone')).toBe(PACKAGES);
  });

  it('the domain importing pg: the import, its file and line, and the rule', { timeout: 120_000 }, async () => {
    deps = createTestDeps({ runner: execaRunner(), env });
    const { dir } = referenceCopy(join(tmp, 'pg'));
    edit(join(dir, 'packages/domain/src/title.ts'), (t) => t.replace("import { DomainError } from './domain-error.js';", "import { DomainError } from './domain-error.js';\nimport pg from 'pg';\nexport const driver = pg;"));
    const outcome = await runCheck(deps, 'p3.ac.no-circular-deps', dir, join(tmp, 'pg-work'));
    expect(outcome.failures).toEqual(['domain imports pg at packages/domain/src/title.ts:2 (rule domain-imports-nothing)']);
    expect(figure(outcome, 'layer violations')).toBe(1);
  });

  it('the application importing kysely, a library whose entry is under its dist/: still a violation', { timeout: 120_000 }, async () => {
    deps = createTestDeps({ runner: execaRunner(), env });
    const { dir } = referenceCopy(join(tmp, 'kysely'));
    edit(join(dir, 'packages/application/src/cursor.ts'), (t) => `import type { Kysely } from 'kysely';\nexport type Db = Kysely<object>;\n${t}`);
    const outcome = await runCheck(deps, 'workspace-rules-green', dir, join(tmp, 'kysely-work'));
    expect(outcome.failures).toEqual(['application imports kysely at packages/application/src/cursor.ts:1 (rule application-imports-domain-only)']);
    expect(figure(outcome, 'modules cruised')).toBeGreaterThan(20);
  });

  it('a package that builds only inside the monorepo: the build alone fails, saying what to declare', { timeout: 120_000 }, async () => {
    deps = createTestDeps({ runner: execaRunner(), env });
    const { dir } = referenceCopy(join(tmp, 'undeclared'));
    const manifest = join(dir, 'packages/application/package.json');
    edit(manifest, (t) => {
      const pkg = JSON.parse(t) as { dependencies: Record<string, string> };
      delete pkg.dependencies['@docs-api/domain'];
      return JSON.stringify(pkg);
    });
    const outcome = await runCheck(deps, 'p3.ac.no-circular-deps', dir, join(tmp, 'undeclared-work'));
    expect(figure(outcome, 'packages built alone')).toBe(PACKAGES - 1);
    expect(outcome.failures).toHaveLength(1);
    expect(outcome.failures[0]).toBe(
      "packages/application does not build alone: error TS6053: File 'packages/domain/tsconfig.json' not found. (builds only inside the monorepo: declare @docs-api/domain in packages/application/package.json and reference ../domain in its tsconfig.json)",
    );
  });

  it("an import of another package's internals and a domain test that opens a socket", { timeout: 120_000 }, async () => {
    deps = createTestDeps({ runner: execaRunner(), env });
    const { dir } = referenceCopy(join(tmp, 'internals'));
    edit(join(dir, 'packages/application/src/cursor.ts'), (t) => `import type { DomainError } from '../../domain/src/domain-error.js';\nexport type CursorError = DomainError;\n${t}`);
    writeFileSync(
      join(dir, 'packages/domain/src/online.test.ts'),
      "import { connect } from 'node:net';\nimport { it } from 'vitest';\nit('talks to Postgres', () => { try { connect(5432, '127.0.0.1'); } catch {} });\n",
    );
    const rules = await runCheck(deps, 'workspace-rules-green', dir, join(tmp, 'internals-work'));
    expect(rules.failures).toEqual([
      'packages/application reaches into packages/domain by a relative path "../../domain/src/domain-error.js" at packages/application/src/cursor.ts:1: import it by its package name (@docs-api/domain)',
    ]);
    const tests = await runCheck(deps, 'p3.ac.domain-tests', dir, join(tmp, 'online-work'));
    expect(tests.failures).toEqual(['a domain test tried to connect to 127.0.0.1:5432: the domain needs no database, cache or network (put that behind a port)']);
    expect(figure(tests, 'network connections attempted by the domain tests')).toBe(1);
  });
});
