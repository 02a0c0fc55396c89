import { afterEach, describe, expect, it } from 'vitest';
import { execaRunner } from '../system/runner.js';
import { createTestDeps, type TestDeps } from '../system/test-deps.js';
import { verifyPhase } from './verify-engine.js';

// The machine's Postgres and Redis (CI exports them; these are the machine's defaults otherwise).
const env = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
};

let deps: TestDeps | undefined;
afterEach(async () => {
  await deps?.dispose();
  deps = undefined;
});

describe('verify phase-2 against the reference docs API (300 pages, 1 s loads: a smoke-size run)', () => {
  it('migrates under load, serves hot keys from the cache, invalidates across instances and survives pg_dump/pg_restore', { timeout: 120_000 }, async () => {
    deps = createTestDeps({ runner: execaRunner(), env });
    const { report } = await verifyPhase(deps, { phase: 2, target: 'reference', pages: 300, loadSeconds: 1 });
    const [cached, migration] = report.criteria;
    expect(cached!.reasons).toEqual([]);
    expect(migration!.reasons).toEqual([]);
    const f = (c: typeof cached, name: string) => c!.figures.find((x) => x.name === name)!;
    expect(f(cached, 'cached hot-key latency p99').value).toBeLessThanOrEqual(50);
    expect(f(cached, 'stale reads after the window').value).toBe(0);
    expect(f(cached, 'cached throughput').value).toBeGreaterThan(0);
    expect(f(migration, 'migration steps applied under load').value).toBeGreaterThanOrEqual(3);
    expect(f(migration, 'failed requests during the migrations').value).toBe(0);
    expect(f(migration, 'requests during the migrations').value).toBeGreaterThan(10);
    expect(f(migration, 'tables differing after restore').value).toBe(0);
    expect(report).toMatchObject({ passed: true, full: false });
  });

  it('a target whose serve never listens fails with one line naming the log', { timeout: 60_000 }, async () => {
    deps = createTestDeps({ runner: execaRunner(), env });
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = join(deps.paths.home, 'api');
    mkdirSync(dir);
    // Migrates and imports (by doing nothing, successfully), but `serve` exits at once.
    writeFileSync(join(dir, 'roadmap.project.json'), JSON.stringify({ name: 'docs-api', phases: [2], command: ['node', '-e', "if (process.argv[1] === 'serve') { console.error('Error: listen EADDRINUSE'); process.exit(1) }"] }));
    const { report } = await verifyPhase(deps, { phase: 2, target: dir, pages: 50, loadSeconds: 1 });
    expect(report.passed).toBe(false);
    expect(report.criteria[0]!.reasons[0]).toMatch(/^`serve` exited 1 before printing \{"event":"listening","url":\.\.\.\}: Error: listen EADDRINUSE \(log: .*\.log\)$/);
  });

  it('a learner’s fresh starter fails with a readable reason', { timeout: 60_000 }, async () => {
    deps = createTestDeps({ runner: execaRunner(), env });
    const { symlinkSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { initProject } = await import('./project-init.js');
    const { dir, files } = await initProject(deps, { phase: 2 });
    expect(files).toEqual(['README.md', 'package.json', 'roadmap.project.json', 'src/cli.ts', 'tsconfig.json']);
    symlinkSync(join(deps.paths.packageRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const { report } = await verifyPhase(deps, { phase: 2, pages: 50, loadSeconds: 1 });
    expect(report).toMatchObject({ passed: false, target: { kind: 'workspace' } });
    expect(report.criteria[0]!.reasons[0]).toMatch(/^`serve` exited 0 before printing \{"event":"listening","url":\.\.\.\}: \(no output\) \(log: /);
    expect(report.criteria[1]!.reasons).toEqual(['not measured: the API did not get that far']);
  });
});
