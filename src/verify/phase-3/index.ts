/**
 * Phase 3: the docs API as a hexagon in npm workspaces. The checks read and build the target rather than drive
 * it: its workspace packages (≥ 4: domain, application, adapter-*, http), each built alone in a clean copy,
 * roadmap's own dependency rules run with roadmap's pinned dependency-cruiser, the domain's tests run offline
 * under a network guard with their coverage, and ADR-001. The phase 2 stage checks run against the same target
 * through its phase 2 contract, so the refactor is proven to keep its behaviour.
 */
import { setMaxListeners } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { figure, type Figure } from '../../core/criteria.js';
import type { Check, CheckContext, CheckOutcome, FixtureSpec, PhaseVerifier } from '../frame.js';
import { intOption } from '../options.js';
import { phase2 } from '../phase-2/index.js';
import { checkAdr, MADR_SECTIONS } from './adr.js';
import { runDomainTests, type DomainTestRun } from './domain-tests.js';
import { cruiseHexagon, type HexagonReport } from './hexagon-rules.js';
import { buildAlone } from './isolated-build.js';
import { PHASE3_PAGES, phase3Options } from './options.js';
import { readWorkspace, type Workspace, type WorkspacePackage } from './workspace.js';

const MIN_PACKAGES = 4;
const MIN_DOMAIN_TESTS = 20;
const DOMAIN_COVERAGE_GOAL = 90;
/** At most this many reasons of one kind in a check's failures; the report's figures count them all. */
const MAX_REASONS = 8;

function workspaceOf(ctx: CheckContext): Workspace | string {
  return readWorkspace(ctx.project.dir);
}

function domainPackage(ws: Workspace): WorkspacePackage | string {
  const domain = ws.packages.find((p) => p.layer === 'domain');
  return domain ?? `no domain package among ${ws.packages.map((p) => p.dir).join(', ') || 'the workspaces'}: put the aggregate and its value objects in packages/domain (its own package.json)`;
}

const list = (reasons: readonly string[]): string[] => [...reasons.slice(0, MAX_REASONS), ...(reasons.length > MAX_REASONS ? [`… and ${reasons.length - MAX_REASONS} more of the same kind (see the report)`] : [])];

/** The figures and reasons of the domain's offline test run. */
function domainOutcome(run: DomainTestRun, minTests: number): CheckOutcome {
  const failures: string[] = [];
  if (run.crashed) failures.push(`the domain tests did not run: ${run.crashed}`);
  if (run.firstFailure) failures.push(`domain test failed: ${run.firstFailure}`);
  for (const c of run.connections) failures.push(`a domain test tried to ${c}: the domain needs no database, cache or network (put that behind a port)`);
  if (!run.crashed && run.guardedProcesses === 0) failures.push('the network guard was not loaded into the test processes, so "no socket" is not proven (is NODE_OPTIONS overridden?)');
  if (!run.crashed && run.total < minTests) failures.push(`${run.total} domain tests; write at least ${minTests} (each invariant of each value object, the aggregate's events)`);
  const figures: Figure[] = [
    figure('domain tests passed', run.passed, 'tests', { op: '>=', value: minTests }),
    figure('domain tests failed', run.failed, 'tests', { op: '=', value: 0 }),
    figure('network connections attempted by the domain tests', run.connections.length, 'connections', { op: '=', value: 0 }),
    figure('test processes under the network guard', run.guardedProcesses, 'processes', { op: '>=', value: 1 }),
  ];
  if (run.lineCoverage !== null) figures.push(figure('domain line coverage', run.lineCoverage, '%', { op: '>=', value: DOMAIN_COVERAGE_GOAL }));
  return { figures, failures };
}

async function domainTests(ctx: CheckContext, minTests: number): Promise<CheckOutcome> {
  const ws = workspaceOf(ctx);
  if (typeof ws === 'string') return { figures: [], failures: [ws] };
  const domain = domainPackage(ws);
  if (typeof domain === 'string') return { figures: [], failures: [domain] };
  ctx.progress(`running ${domain.dir}'s tests offline`);
  return domainOutcome(await runDomainTests(ctx.deps, join(ws.root, domain.dir), ctx.workDir), minTests);
}

/** The workspace's shape: ≥ 4 packages, one per layer the rules speak of. */
function shape(ws: Workspace): CheckOutcome {
  const failures: string[] = [];
  const layers = new Set(ws.packages.map((p) => p.layer));
  if (ws.packages.length < MIN_PACKAGES) failures.push(`the workspace has ${ws.packages.length} packages (${ws.packages.map((p) => p.dir).join(', ')}); split it into at least ${MIN_PACKAGES}: packages/domain, packages/application, packages/adapter-*, packages/http`);
  for (const [layer, dir] of [['domain', 'packages/domain'], ['application', 'packages/application'], ['adapter', 'packages/adapter-<name>'], ['http', 'packages/http']] as const) {
    if (!layers.has(layer)) failures.push(`no ${layer} package: add ${dir} with its own package.json (the rules tell the layers apart by folder)`);
  }
  const outside = ws.packages.filter((p) => !p.dir.startsWith('packages/'));
  if (outside.length) failures.push(`${outside.map((p) => p.dir).join(', ')} ${outside.length === 1 ? 'is' : 'are'} outside packages/: put every workspace package in packages/`);
  return { figures: [figure('workspace packages', ws.packages.length, 'packages', { op: '>=', value: MIN_PACKAGES })], failures };
}

function ruleOutcome(report: HexagonReport): CheckOutcome {
  return {
    figures: [
      // 0 means dependency-cruiser parsed nothing (no TypeScript parser it can load), whatever it says of violations.
      figure('modules cruised', report.modules, 'modules', { op: '>=', value: 1 }),
      figure('dependency cycles', report.cycles.length, 'cycles', { op: '=', value: 0 }),
      figure('layer violations', report.layerViolations.length, 'imports', { op: '=', value: 0 }),
      figure("imports of another package's internals", report.internals.length, 'imports', { op: '=', value: 0 }),
    ],
    failures: [
      ...(report.modules === 0 ? ['dependency-cruiser read no modules in packages/*: are the sources .ts files under packages/<name>/src?'] : []),
      ...list(report.cycles),
      ...list(report.layerViolations),
      ...list(report.internals),
    ],
  };
}

async function rules(ctx: CheckContext, ws: Workspace): Promise<CheckOutcome> {
  ctx.progress('dependency rules (dependency-cruiser)');
  return ruleOutcome(await cruiseHexagon(ctx.deps, ws, ctx.workDir));
}

function merge(...outcomes: CheckOutcome[]): CheckOutcome {
  return { figures: outcomes.flatMap((o) => o.figures), failures: outcomes.flatMap((o) => o.failures) };
}

// Saturday stages.

const valueObjectsTested: Check = {
  id: 'value-objects-tested',
  kind: 'static',
  needs: [],
  timeoutMs: () => 120_000,
  async check(ctx) {
    const ws = workspaceOf(ctx);
    // Week 1 may still be a single package with a domain folder: then its tests are looked for in src/domain.
    if (typeof ws === 'string' || typeof domainPackage(ws) === 'string') {
      const dir = join(ctx.project.dir, 'src', 'domain');
      if (!existsSync(dir)) return { figures: [], failures: [typeof ws === 'string' ? `${ws} (or, for week 1, put the value objects and their tests in src/domain)` : (domainPackage(ws) as string)] };
      return domainOutcome(await runDomainTests(ctx.deps, dir, ctx.workDir), 10);
    }
    return domainTests(ctx, 10);
  },
};

const EVENT = /export\s+(type|interface|class)\s+\w*Event\w*\b/;
const AGGREGATE = /export\s+class\s+\w+/;

function sourcesOf(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.[cm]?ts$/.test(e.name) && !/\.(test|spec)\./.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
}

const aggregateWithEvents: Check = {
  id: 'aggregate-with-events',
  kind: 'static',
  needs: [],
  timeoutMs: () => 120_000,
  async check(ctx) {
    const ws = workspaceOf(ctx);
    const dir = typeof ws !== 'string' && typeof domainPackage(ws) !== 'string' ? join(ws.root, (domainPackage(ws) as WorkspacePackage).dir) : join(ctx.project.dir, 'src', 'domain');
    const sources = sourcesOf(join(dir, 'src')).concat(dir.endsWith('domain') && !existsSync(join(dir, 'src')) ? sourcesOf(dir) : []);
    const text = sources.map((f) => readFileSync(f, 'utf8'));
    const failures: string[] = [];
    if (sources.length === 0) failures.push(`no domain sources in ${dir}: model the Document aggregate there`);
    else {
      if (!text.some((t) => EVENT.test(t))) failures.push('the domain exports no event type (e.g. `export type DocumentEvent = { type: "DocumentPublished", ... } | ...`): the aggregate records what happened');
      if (!text.some((t) => AGGREGATE.test(t))) failures.push('the domain exports no class: the aggregate (Document) guards its invariants in its methods');
    }
    const tests = failures.length === 0 ? await runDomainTests(ctx.deps, dir, ctx.workDir) : null;
    return merge({ figures: [figure('domain source files', sources.length, 'files', { op: '>=', value: 1 })], failures }, tests ? domainOutcome(tests, MIN_DOMAIN_TESTS) : { figures: [], failures: [] });
  },
};

const portsAndAdapter: Check = {
  id: 'ports-and-adapter',
  kind: 'static',
  needs: [],
  timeoutMs: () => 120_000,
  async check(ctx) {
    const ws = workspaceOf(ctx);
    const app = typeof ws === 'string' ? null : ws.packages.find((p) => p.layer === 'application');
    const appDir = app && typeof ws !== 'string' ? join(ws.root, app.dir, 'src') : join(ctx.project.dir, 'src', 'application');
    const ports = sourcesOf(appDir).filter((f) => f.endsWith('.port.ts'));
    const adapters = typeof ws === 'string' ? [] : ws.packages.filter((p) => p.layer === 'adapter');
    const failures: string[] = [];
    if (ports.length === 0) failures.push(`no ports in ${appDir}: write the use cases against interfaces in files named *.port.ts (document-repository.port.ts...)`);
    if (typeof ws === 'string') failures.push(ws);
    else if (adapters.length === 0) failures.push('no adapter package: put one implementation of a port in packages/adapter-<name> (e.g. adapter-postgres)');
    const figures = [figure('ports (*.port.ts)', ports.length, 'ports', { op: '>=', value: 1 }), figure('adapter packages', adapters.length, 'packages', { op: '>=', value: 1 })];
    if (typeof ws === 'string' || failures.length) return { figures, failures };
    return merge({ figures, failures }, await rules(ctx, ws));
  },
};

const rulesGreen: Check = {
  id: 'workspace-rules-green',
  kind: 'static',
  needs: [],
  timeoutMs: () => 120_000,
  async check(ctx) {
    const ws = workspaceOf(ctx);
    if (typeof ws === 'string') return { figures: [], failures: [ws] };
    return merge(shape(ws), await rules(ctx, ws));
  },
};

const adr001: Check = {
  id: 'adr-001',
  kind: 'static',
  needs: [],
  timeoutMs: () => 10_000,
  async check(ctx) {
    const adr = checkAdr(ctx.project.dir);
    return { figures: [figure('ADR-001 sections filled', adr.sectionsFilled, `of ${MADR_SECTIONS.length}`, { op: '=', value: MADR_SECTIONS.length })], failures: [...adr.problems] };
  },
};

/** The phase 2 stage checks, run on this target through its phase 2 contract, each reported on its own. */
const p2Checks = phase2.stageChecks;
const p2Needs: FixtureSpec<unknown>[] = [...new Map(p2Checks.flatMap((c) => c.needs).map((s) => [s.id, s])).values()];

const phase2Regression: Check = {
  id: 'phase-2-regression',
  kind: 'static',
  needs: p2Needs,
  timeoutMs: (options) => p2Checks.reduce((sum, c) => sum + c.timeoutMs(options), 0),
  async check(ctx) {
    const figures: Figure[] = [];
    const failures: string[] = [];
    // Five checks' processes wait on this one signal (each a listener), where phase 2 gives each check its own.
    setMaxListeners(50, ctx.signal);
    for (const c of p2Checks) {
      if (ctx.signal.aborted) break;
      ctx.progress(`phase 2 ${c.id}`);
      let outcome: CheckOutcome;
      try {
        outcome = await c.check(ctx);
      } catch (error) {
        outcome = { figures: [], failures: [(error as Error).message.split('\n')[0]!] };
      }
      const failed = outcome.failures.length + outcome.figures.filter((f) => f.pass === false).length;
      figures.push(figure(`phase 2 ${c.id}: failures`, failed, 'failures', { op: '=', value: 0 }));
      for (const f of outcome.figures) figures.push({ ...f, name: `phase 2 ${c.id}: ${f.name}` });
      for (const r of outcome.failures) failures.push(`phase 2 ${c.id}: ${r}`);
    }
    return { figures, failures };
  },
};

// The acceptance criteria.

const domainTestsPass: Check = {
  id: 'p3.ac.domain-tests',
  kind: 'static',
  needs: [],
  timeoutMs: () => 150_000,
  check: (ctx) => domainTests(ctx, MIN_DOMAIN_TESTS),
};

const noCircularDeps: Check = {
  id: 'p3.ac.no-circular-deps',
  kind: 'static',
  needs: [],
  timeoutMs: () => 300_000,
  async check(ctx) {
    const ws = workspaceOf(ctx);
    if (typeof ws === 'string') return { figures: [], failures: [ws] };
    const outcome = shape(ws);
    let built = 0;
    const buildFailures: string[] = [];
    for (const [i, pkg] of ws.packages.entries()) {
      if (ctx.signal.aborted) break;
      ctx.progress(`building ${pkg.dir} alone (${i + 1}/${ws.packages.length})`);
      const b = await buildAlone(ctx.deps, ws, pkg, join(ctx.workDir, `alone-${i}`));
      if (b.ok) built++;
      else buildFailures.push(b.reason!);
    }
    return merge(
      outcome,
      { figures: [figure('packages built alone', built, `of ${ws.packages.length}`, { op: '=', value: ws.packages.length })], failures: list(buildFailures) },
      await rules(ctx, ws),
    );
  },
};

export const phase3: PhaseVerifier = {
  phase: 3,
  contract: z.object({ command: z.array(z.string().min(1)).min(1, 'the phase 2 command (migrate, import, serve) is missing') }, { error: 'needs a "command"' }),
  contractSummary:
    'the project folder is an npm workspace root (packages/domain, packages/application, packages/adapter-*, packages/http) and roadmap.project.json keeps the phase 2 "command" (migrate, import, serve; see the starter README)',
  contractEnv: phase2.contractEnv ?? [],
  options: phase3Options,
  settings(options) {
    const pages = intOption(options, 'pages');
    return { settings: { pages, minPackages: MIN_PACKAGES, minDomainTests: MIN_DOMAIN_TESTS, domainCoverageGoal: DOMAIN_COVERAGE_GOAL }, full: pages >= PHASE3_PAGES };
  },
  stageChecks: [valueObjectsTested, aggregateWithEvents, portsAndAdapter, rulesGreen, adr001, phase2Regression],
  criteria: [domainTestsPass, noCircularDeps],
};
