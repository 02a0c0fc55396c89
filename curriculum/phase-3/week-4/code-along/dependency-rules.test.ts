import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cruiseHexagon } from '../../../../src/verify/phase-3/hexagon-rules.js';
import { readWorkspace, type Workspace } from '../../../../src/verify/phase-3/workspace.js';
import { execaRunner } from '../../../../src/system/runner.js';
import { createTestDeps, type TestDeps } from '../../../../src/system/test-deps.js';
import { depcruise, depcruiseInTerminal, edit, installedCopy, scratch } from './sample-workspace.js';

// Step 4: the layer rules of .my-docs-api/.dependency-cruiser.cjs, run with roadmap's pinned dependency-cruiser
// on a copy of the miniature: green on the layout as it is, and naming the rule on a copy broken on purpose.

const temp = scratch();
afterAll(() => temp.remove());
let n = 0;
const copy = () => installedCopy(join(temp.dir, `copy-${++n}`));

/** Puts `line` at line `at` (1-based) of a file, as a learner's stray import would be. */
const insert = (line: string, at = 1) => (text: string) => {
  const lines = text.split('\n');
  lines.splice(at - 1, 0, line);
  return lines.join('\n');
};

describe('step 4: the dependency rules', () => {
  it('pass on the layout, having read every module (the count is the proof that they looked)', { timeout: 60_000 }, async () => {
    const r = await depcruise(copy());
    expect([r.errors, r.violations]).toEqual([0, []]);
    expect(r.modules).toBeGreaterThanOrEqual(15);
  });

  it("see nothing without TypeScript 5's JS API: with TypeScript 7 alone, 0 modules and a green that proves nothing", { timeout: 60_000 }, async () => {
    const r = await depcruise(copy(), 'none');
    expect([r.modules, r.errors, r.violations]).toEqual([0, 0, []]);
  });

  it('see every module with plain `npx depcruise` in a project whose own typescript is 5.9', { timeout: 60_000 }, async () => {
    const r = await depcruise(installedCopy(join(temp.dir, 'typescript-5.9'), { typescript: '5.9' }), 'project');
    expect(r.errors).toBe(0);
    expect(r.modules).toBe((await depcruise(copy())).modules);
  });

  it.each([
    ['the domain imports fastify', 'packages/domain/src/document.ts', insert("import type { FastifyInstance } from 'fastify';", 3), ['domain-imports-nothing', 'no-framework-outside-adapters']],
    ['the domain imports the application (and so closes a cycle)', 'packages/domain/src/document.ts', insert("import type { DocumentRepository } from '@my-docs-api/application';", 3), ['domain-imports-nothing', 'no-circular']],
    // kysely's entry is node_modules/kysely/dist/...: an exclude of '(^|/)dist/' would hide this one.
    ['the application imports kysely', 'packages/application/src/ports/document-repository.port.ts', insert("import type { Kysely } from 'kysely';"), ['application-imports-domain-only', 'no-framework-outside-adapters']],
    ['the application imports the Postgres adapter', 'packages/application/src/document-service.ts', insert("import { PostgresDocumentRepository } from '@my-docs-api/adapter-postgres';"), ['application-imports-domain-only', 'no-circular', 'only-http-imports-adapters']],
    ['one adapter imports another', 'packages/adapter-postgres/src/index.ts', insert("export { RedisDocumentCache } from '@my-docs-api/adapter-redis';"), ['adapters-not-each-other']],
    ['an adapter imports the app that wires it', 'packages/adapter-redis/src/index.ts', insert("export type { AppOptions } from '@my-docs-api/http';"), ['adapters-point-inward', 'no-circular']],
    ['the application reaches into the domain by a relative path', 'packages/application/src/ports/clock.port.ts', insert("import type { DocumentState } from '../../../domain/src/document.js';"), ['packages-by-name-only']],
    ['http imports a file the domain does not export', 'packages/http/src/app.ts', insert("import '@my-docs-api/domain/src/document.js';"), ['not-to-unresolvable']],
  ])('name %s', { timeout: 60_000 }, async (_case, file, change, rules) => {
    const dir = copy();
    edit(dir, file, change);
    const r = await depcruise(dir);
    expect(r.errors).toBeGreaterThan(0);
    expect([...new Set(r.violations.map((v) => v.rule))].sort()).toEqual(rules);
    expect(r.violations.filter((v) => v.rule !== 'no-circular').every((v) => v.from === file)).toBe(true);
  });
});

describe('step 4: in the terminal', () => {
  it('exits 0 with the count on the layout, and with the number of errors, one line each, on a broken copy', { timeout: 60_000 }, async () => {
    const good = await depcruiseInTerminal(copy());
    expect(good.exitCode).toBe(0);
    expect(good.output).toMatch(/^✔ no dependency violations found \(\d+ modules, \d+ dependencies cruised\)$/m);
    const dir = copy();
    edit(dir, 'packages/domain/src/document.ts', insert("import type { FastifyInstance } from 'fastify';", 3));
    const bad = await depcruiseInTerminal(dir);
    expect(bad.exitCode).toBe(2);
    expect(bad.output).toMatch(/^ {2}error domain-imports-nothing: packages\/domain\/src\/document\.ts → .*node_modules\/fastify\/fastify\.js$/m);
    expect(bad.output).toMatch(/^x 2 dependency violations \(2 errors, 0 warnings\)\. \d+ modules, \d+ dependencies cruised\.$/m);
  });
});

describe("step 4: roadmap's verifier, on the same copies", () => {
  let deps: TestDeps | undefined;
  afterEach(async () => {
    await deps?.dispose();
    deps = undefined;
  });

  it('finds nothing on the layout, and names a stray import by package, file, line and rule', { timeout: 120_000 }, async () => {
    deps = createTestDeps({ runner: execaRunner() });
    const good = copy();
    const clean = await cruiseHexagon(deps, readWorkspace(good) as Workspace, good);
    expect([clean.cycles, clean.layerViolations, clean.internals]).toEqual([[], [], []]);
    expect(clean.modules).toBeGreaterThanOrEqual(15);

    const broken = copy();
    edit(broken, 'packages/domain/src/document.ts', insert("import type { FastifyInstance } from 'fastify';", 3));
    const report = await cruiseHexagon(deps, readWorkspace(broken) as Workspace, broken);
    expect(report.layerViolations).toEqual(['domain imports fastify at packages/domain/src/document.ts:3 (rule domain-imports-nothing)']);
  });
});
