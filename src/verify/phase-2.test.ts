import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { execaRunner } from '../system/runner.js';
import { createTestDeps, type TestDeps } from '../system/test-deps.js';
import { databaseRegistry } from './kit/database-registry.js';
import { initProject } from './project-init.js';
import { verifyPhase } from './verify-engine.js';

// The machine's Postgres and Redis (CI exports them; these are the machine's defaults otherwise).
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', DATABASE_URL, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' };

let deps: TestDeps | undefined;
afterEach(async () => {
  await deps?.dispose();
  deps = undefined;
});

/**
 * The databases still registered as this home's own: each is registered before it is created and forgotten only
 * once it is dropped, so an empty registry after a verify means every database it made is gone.
 */
function registeredDatabases(d: TestDeps): string[] {
  const dir = databaseRegistry(d);
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** A target folder whose command is the scripted API in one of its modes. */
function scripted(d: TestDeps, mode: string): string {
  const dir = join(d.paths.home, mode);
  mkdirSync(dir);
  writeFileSync(join(dir, 'roadmap.project.json'), JSON.stringify({ name: 'docs-api', phases: [2], command: ['node', join(import.meta.dirname, 'fixtures', 'scripted-api', 'api.mjs'), mode] }));
  return dir;
}

describe('verify phase-2 against the reference docs API (300 pages, 1 s loads: a smoke-size run)', () => {
  it('passes every stage, serves hot keys from the cache with no database round trip, migrates under load and restores', { timeout: 180_000 }, async () => {
    deps = createTestDeps({ runner: execaRunner(), env });
    const stages = await verifyPhase(deps, { phase: 2, target: 'reference', stage: 4, options: { pages: 300 } });
    expect(stages.report.stages.map((s) => [s.id, s.verdict, s.checks.flatMap((c) => c.reasons)])).toEqual([
      ['p2.s1.schema-and-import', 'passed', []],
      ['p2.s2.migrations-step-by-step', 'passed', []],
      ['p2.s3.cache-and-invalidation', 'passed', []],
      ['p2.s4.search-and-pages', 'passed', []],
    ]);
    const { report } = await verifyPhase(deps, { phase: 2, target: 'reference', options: { pages: 300, loadSeconds: 1 } });
    const [cached, migration] = report.criteria;
    // Latency is the machine's as much as the API's: the suite checks that nothing but latency can fail here.
    for (const r of cached!.reasons) expect(r).toMatch(/^(cached hot-key latency p(50|95|99)|invalidation window p99) [\d.]+ ms \(needs <= /);
    expect(migration!.reasons).toEqual([]);
    const f = (c: typeof cached, name: string) => c!.figures.find((x) => x.name === name)!;
    expect(f(cached, 'database queries per hot read').value).toBeLessThanOrEqual(0.05);
    expect(f(cached, 'stale reads after the window').value).toBe(0);
    expect(f(cached, 'cached throughput').value).toBeGreaterThan(0);
    expect(f(migration, 'migration steps applied under load').value).toBeGreaterThanOrEqual(3);
    expect(f(migration, 'failed requests during the migrations').value).toBe(0);
    expect(f(migration, 'tables differing after restore').value).toBe(0);
    expect(report).toMatchObject({ full: false, summary: cached!.verdict === 'passed' ? '3 of 3 verified' : '1 of 3 failed' });
    expect(report.calibration.bareHttpRps).toBeGreaterThan(0);
    expect(registeredDatabases(deps)).toEqual([]);
  });
});

describe('verify phase-2 against targets that break the contract: failing checks with reasons and a report, never a crash', () => {
  it.each([
    ['no-items', /^GET \/documents\?limit=10 answered 200 without the contract's shape: items: /],
    ['dies', /^GET \/documents\?limit=10 failed: /],
    ['never-listens', /^`serve --port 0` printed no \{"event":"listening","url":\.\.\.\} line on stdout within 20 s \(log: .*\.log\)$/],
  ])('%s', { timeout: 90_000 }, async (mode, reason) => {
    deps = createTestDeps({ runner: execaRunner(), env });
    const { report, files } = await verifyPhase(deps, { phase: 2, target: scripted(deps, mode), stage: 1, options: { pages: 50 } });
    expect(report.summary).toBe('1 of 1 failed');
    expect(report.stages[0]!.checks[0]!.reasons).toEqual([expect.stringMatching(reason)]);
    expect(JSON.parse(readFileSync(files.json, 'utf8')).stages[0].verdict).toBe('failed');
  });

  it('a learner’s fresh starter fails stage 1 with a readable reason', { timeout: 60_000 }, async () => {
    deps = createTestDeps({ runner: execaRunner(), env });
    const { dir, files } = await initProject(deps, { phase: 2 });
    expect(files).toEqual(['.gitignore', 'README.md', 'package.json', 'roadmap.project.json', 'src/cli.ts', 'tsconfig.json']);
    symlinkSync(join(deps.paths.packageRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const { report } = await verifyPhase(deps, { phase: 2, stage: 1, options: { pages: 50 } });
    expect(report).toMatchObject({ passed: false, target: { kind: 'workspace' } });
    expect(report.stages[0]!.checks[0]!.reasons[0]).toMatch(/^`import .*pages\.ndjson` exited|^`migrate latest` exited|^`serve --port 0` exited 0 before printing/);
  });
});

describe('a capability missing here is a skip, never the learner’s failure', () => {
  it('without any Redis, the cache stage is skipped with the reason and the fix, and nothing counts as failed', { timeout: 120_000 }, async () => {
    // PATH with node only: no redis-server, no docker; no REDIS_URL.
    const bin = join(process.env.TMPDIR ?? '/tmp', `roadmap-node-only-${process.pid}`);
    mkdirSync(bin, { recursive: true });
    try {
      symlinkSync(process.execPath, join(bin, 'node'));
    } catch {
      // Already there from an earlier test in this process.
    }
    deps = createTestDeps({ runner: execaRunner(), env: { PATH: bin, DATABASE_URL } });
    const { report } = await verifyPhase(deps, { phase: 2, target: 'reference', stage: 3, options: { pages: 50 } });
    expect(report.stages.map((s) => [s.week, s.verdict])).toEqual([
      [1, 'passed'],
      [2, 'passed'],
      [3, 'skipped'],
    ]);
    expect(report.summary).toBe('2 of 3 verified, 1 skipped');
    const skip = report.stages[2]!.checks[0]!.skip!;
    expect(skip.reason).toMatch(/^needs Redis: No Redis available \(REDIS_URL is not set; .*local: redis-server is not installed/);
    expect(skip.fix).toBe('roadmap doctor shows what this machine has');
  });
});
