import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKatas, type Kata } from '../../src/content/kata.js';
import { ROOT } from './content-root.js';

// Like rustlings' `cargo dev check`: every kata's starter must FAIL its tests (it is not solved already) and
// every reference solution must PASS them (the kata is not broken). The TypeScript katas run as two vitest
// runs over two trees (all solutions, all starters) under .kata-check/ so node_modules resolves; the Go
// katas run `go test` in a copy each.
const katas = loadKatas(ROOT);
const tsKatas = katas.filter((k) => k.runner === 'vitest');
const goKatas = katas.filter((k) => k.runner === 'go');

describe('kata manifests', () => {
  it('has at least 6 katas for each of phases 1–8', () => {
    for (let p = 1; p <= 8; p++) expect(katas.filter((k) => k.phase === p).length, `phase ${p}`).toBeGreaterThanOrEqual(6);
    expect(goKatas.every((k) => k.phase === 8)).toBe(true);
  });

  it.each(katas.map((k) => [k.id, k] as const))('%s: README teaches the concept, hints go from general to specific', (_id, k) => {
    const readme = readFileSync(join(ROOT, k.dir, 'README.md'), 'utf8');
    expect(readme).toMatch(/^# /m);
    expect(readme).toContain(k.docs.split('#')[0]!.replace(/\/$/, ''));
    expect(k.hints.length).toBeGreaterThanOrEqual(2);
    expect(k.hints.length).toBeLessThanOrEqual(4);
    const solution = readFileSync(join(ROOT, k.dir, 'solution', k.file), 'utf8');
    for (const h of k.hints) expect(solution.includes(h), 'a hint is not the full answer').toBe(false);
  });
});

interface FileResult {
  name: string;
  status: string;
  assertionResults: { status: string }[];
}

let work: string;
beforeAll(() => {
  mkdirSync(join(ROOT, '.kata-check'), { recursive: true });
  work = mkdtempSync(join(ROOT, '.kata-check', 'content-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function layTree(variant: 'starter' | 'solution', list: readonly Kata[]): string {
  const tree = join(work, variant);
  for (const k of list) {
    const dest = join(tree, k.dir);
    mkdirSync(dest, { recursive: true });
    for (const f of k.supportFiles) cpSync(join(ROOT, k.dir, f), join(dest, f));
    cpSync(join(ROOT, k.dir, variant, k.file), join(dest, k.file));
  }
  writeFileSync(join(tree, 'vitest.config.mjs'), "export default { test: { include: ['**/*.test.ts'], testTimeout: 15000, hookTimeout: 30000 } };\n");
  return tree;
}

async function runTree(variant: 'starter' | 'solution'): Promise<Map<string, FileResult>> {
  const tree = layTree(variant, tsKatas);
  const out = join(tree, 'result.json');
  await execa(join(ROOT, 'node_modules/.bin/vitest'), ['run', '--root', tree, '--config', join(tree, 'vitest.config.mjs'), '--reporter=json', `--outputFile=${out}`], {
    reject: false,
    timeout: 240_000,
  });
  const json = JSON.parse(readFileSync(out, 'utf8')) as { testResults: FileResult[] };
  return new Map(json.testResults.map((r) => [r.name.slice(tree.length + 1).replace(/\/[^/]+$/, ''), r]));
}

describe('TypeScript katas (vitest)', () => {
  let solutions: Map<string, FileResult>;
  let starters: Map<string, FileResult>;
  beforeAll(async () => {
    [solutions, starters] = await Promise.all([runTree('solution'), runTree('starter')]);
  }, 300_000);

  it.each(tsKatas.map((k) => [k.id, k] as const))('%s: the solution passes and the starter fails', (_id, k) => {
    const sol = solutions.get(k.dir);
    expect(sol, `${k.dir}: solution tests did not run`).toBeDefined();
    expect(sol!.status, `${k.dir}: solution`).toBe('passed');
    expect(sol!.assertionResults.length).toBeGreaterThan(0);
    expect(sol!.assertionResults.every((a) => a.status === 'passed')).toBe(true);
    const start = starters.get(k.dir);
    expect(start, `${k.dir}: starter tests did not run`).toBeDefined();
    expect(start!.status, `${k.dir}: starter must fail`).toBe('failed');
  });
});

describe('Go katas (go test)', () => {
  async function goTest(k: Kata, variant: 'starter' | 'solution') {
    const dir = join(work, 'go', variant, k.slug);
    mkdirSync(dir, { recursive: true });
    for (const f of k.supportFiles) cpSync(join(ROOT, k.dir, f), join(dir, f));
    cpSync(join(ROOT, k.dir, variant, k.file), join(dir, k.file));
    return execa('go', ['test', '-count=1', './...'], { cwd: dir, reject: false, timeout: 120_000 });
  }

  it.each(goKatas.map((k) => [k.id, k] as const))('%s: the solution passes and the starter fails', async (_id, k) => {
    const [sol, start] = await Promise.all([goTest(k, 'solution'), goTest(k, 'starter')]);
    expect(sol.exitCode, `${sol.stdout}\n${sol.stderr}`).toBe(0);
    expect(start.exitCode).not.toBe(0);
  });
});
