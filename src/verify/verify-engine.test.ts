import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatThreshold, type FigureSummary } from '../core/criteria.js';
import { RoadmapError, UsageError } from '../errors.js';
import { execaRunner } from '../system/runner.js';
import { createTestDeps, type TestDeps } from '../system/test-deps.js';
import { FULL_PAGES } from './phase-1.js';
import { initProject } from './project-init.js';
import { runPhase } from './run-engine.js';
import { verifyPhase } from './verify-engine.js';

let deps: TestDeps | undefined;
afterEach(async () => {
  await deps?.dispose();
  deps = undefined;
});

function realDeps(): TestDeps {
  deps = createTestDeps({ now: '2025-07-05T10:00:00', runner: execaRunner() });
  return deps;
}

const figureOf = (c: { figures: readonly FigureSummary[] }, name: string): FigureSummary | undefined => c.figures.find((f) => f.name === name);

describe('verify phase-1 against the reference scraper (4,000 pages: a smoke-size run)', () => {
  it('holds both criteria, writes reports/phase-1.{json,md} that agree, and does not record a smaller run', { timeout: 60_000 }, async () => {
    const d = realDeps();
    const statuses: string[] = [];
    const { report, files, recorded } = await verifyPhase(d, { phase: 1, target: 'reference', pages: 4_000, onProgress: (s) => statuses.push(s) });
    expect(report.criteria.map((c) => [c.id, c.passed, c.reasons])).toEqual([
      ['p1.ac.10k-requests', true, []],
      ['p1.ac.progress-500ms', true, []],
    ]);
    const crawl = report.criteria[0]!;
    expect(figureOf(crawl, 'reachable pages requested')!.value).toBeGreaterThan(3_900);
    expect(figureOf(crawl, 'event-loop delay p99')!.value).toBeLessThan(50);
    expect(figureOf(crawl, 'peak RSS')).toMatchObject({ pass: null });
    const ticks = report.criteria[1]!;
    expect(figureOf(ticks, 'tick interval p50')!.value).toBeGreaterThanOrEqual(400);
    expect(statuses.some((s) => /crawling: [\d,]+\/[\d,]+ pages/.test(s))).toBe(true);
    expect(report).toMatchObject({ phase: 1, target: { kind: 'reference', name: 'scraper' }, full: false, settings: { pages: 4_000 }, repeat: 1 });
    expect(report.node).toBe(process.versions.node);
    expect(JSON.parse(readFileSync(files.json, 'utf8'))).toEqual(report);
    const md = readFileSync(files.md, 'utf8');
    expect(md).toContain('# Phase 1 — Language & Runtime Mastery: every criterion holds');
    expect(md).toContain(`| reachable pages requested | ${figureOf(crawl, 'reachable pages requested')!.value.toLocaleString('en-US')} pages |`);
    expect(md).toContain('not recorded as verified');
    expect(recorded).toBe(false);
    expect(await (await d.store()).checks.criterionHistory()).toEqual([]);
    // The target's output went to a log file in the workspace.
    expect(report.logFile.startsWith(join(d.paths.defaultWorkspace, 'logs'))).toBe(true);
    expect(existsSync(report.logFile)).toBe(true);
  });
});

describe('verify phase-1 against projects that do not hold', () => {
  it('a learner’s fresh starter fails with readable reasons, and a full-size run is recorded as failed', { timeout: 30_000 }, async () => {
    const d = realDeps();
    const { dir, files } = await initProject(d, { phase: 1 });
    expect(dir).toBe(join(d.paths.defaultWorkspace, 'projects', 'scraper'));
    expect(files).toEqual(['README.md', 'package.json', 'roadmap.project.json', 'src/cli.ts', 'tsconfig.json']);
    await expect(verifyPhase(d, { phase: 1 })).rejects.toThrow(/projects\/scraper: its dependencies are not installed: run `npm install` there first/);
    // What `npm install` would give it (tsx and the starter's libraries are the package's own dependencies).
    symlinkSync(join(d.paths.packageRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const { report, recorded } = await verifyPhase(d, { phase: 1 });
    expect(report).toMatchObject({ passed: false, full: true, settings: { pages: FULL_PAGES }, target: { kind: 'workspace' } });
    const [crawl, ticks] = report.criteria;
    expect(crawl!.reasons[0]).toBe('no summary line with eventLoopDelayP99Ms on stderr (run with --progress json; see the contract in README.md)');
    expect(crawl!.reasons).toContain(`reachable pages requested 0 pages (needs ${formatThreshold(figureOf(crawl!, 'reachable pages requested')!.threshold!, 'pages')})`);
    expect(figureOf(crawl!, 'reachable pages requested')).toMatchObject({ value: 0, pass: false });
    expect(ticks!.reasons[0]).toMatch(/^no progress ticks on stderr/);
    expect(recorded).toBe(true);
    const store = await d.store();
    expect((await store.checks.criterionHistory()).map((h) => [h.criterionId, h.passed, h.target])).toEqual([
      ['p1.ac.10k-requests', false, `workspace:${dir}`],
      ['p1.ac.progress-500ms', false, `workspace:${dir}`],
    ]);
    expect(await store.checks.verifiedCriteria()).toEqual(new Set());
  });

  it('a naive scraper is caught requesting robots-disallowed pages and ticking every 300 ms', { timeout: 30_000 }, async () => {
    const d = realDeps();
    const { report } = await verifyPhase(d, { phase: 1, target: join(import.meta.dirname, 'fixtures', 'naive-scraper'), pages: 300 });
    const [crawl, ticks] = report.criteria;
    expect(figureOf(crawl!, 'robots-disallowed requests')!.value).toBeGreaterThan(0);
    expect(crawl!.reasons).toContain(`robots-disallowed requests ${figureOf(crawl!, 'robots-disallowed requests')!.value} requests (needs = 0 requests)`);
    expect(figureOf(ticks!, 'tick interval p50')).toMatchObject({ pass: false });
    expect(ticks!.reasons.some((r) => /^tick interval p50 3\d\d(\.\d+)? ms \(needs 400–600 ms\)$/.test(r))).toBe(true);
  });

  it.each([
    ['a command that does not exist', ['roadmap-no-such-scraper'], /^could not start `roadmap-no-such-scraper`: command not found/],
    ['a scraper that crashes', ['node', '-e', "console.error('TypeError: boom'); process.exit(1)"], /^the scraper exited 1: TypeError: boom \(log: .*\.log\)$/],
  ])('%s fails with one line saying why', { timeout: 20_000 }, async (_name, command, reason) => {
    const d = realDeps();
    const dir = join(d.paths.home, 'broken');
    mkdirSync(dir);
    writeFileSync(join(dir, 'roadmap.project.json'), JSON.stringify({ name: 'scraper', phases: [1], command }));
    const { report } = await verifyPhase(d, { phase: 1, target: dir, pages: 100 });
    expect(report.passed).toBe(false);
    expect(report.criteria[0]!.reasons).toHaveLength(1);
    expect(report.criteria[0]!.reasons[0]).toMatch(reason);
    expect(report.criteria[1]!.reasons).toEqual(['not measured: the crawl did not complete']);
  });
});

describe('verify and run refuse what cannot be checked, in one line', () => {
  it.each([
    [{ phase: 1 }, RoadmapError, /^No phase 1 project in .*projects\/scraper yet: `roadmap project init phase-1` scaffolds one, and `--target reference` checks the shipped reference\.$/],
    [{ phase: 1, target: '/no/such/folder' }, UsageError, /^--target \/no\/such\/folder: no such folder/],
    [{ phase: 1, target: '/' }, RoadmapError, /^\/ has no roadmap\.project\.json/],
    [{ phase: 3 }, UsageError, /^roadmap verify phase-3: not available yet in this version \(available: phase-1, phase-2\)$/],
    [{ phase: 12 }, UsageError, /^unknown phase 12: phases are 1–9$/],
  ])('%j', async (options, kind, message) => {
    const d = realDeps();
    const error = await verifyPhase(d, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(kind);
    expect((error as Error).message).toMatch(message);
  });

  it('a manifest for another phase is named as such', async () => {
    const d = realDeps();
    const dir = join(d.paths.home, 'api');
    mkdirSync(dir);
    writeFileSync(join(dir, 'roadmap.project.json'), JSON.stringify({ name: 'docs-api', phases: [2], command: ['node', 'x.js'] }));
    await expect(verifyPhase(d, { phase: 1, target: dir })).rejects.toThrow(/is a project for phase 2, not phase 1/);
  });

  it('a malformed manifest names the file and the field', async () => {
    const d = realDeps();
    const dir = join(d.paths.home, 'bad');
    mkdirSync(dir);
    writeFileSync(join(dir, 'roadmap.project.json'), JSON.stringify({ name: 'scraper', phases: [1], command: [] }));
    await expect(verifyPhase(d, { phase: 1, target: dir })).rejects.toThrow(/bad\/roadmap\.project\.json: command: /);
  });

  it('project init never overwrites the learner’s folder', async () => {
    const d = realDeps();
    await initProject(d, { phase: 1 });
    await expect(initProject(d, { phase: 1 })).rejects.toThrow(/projects\/scraper already exists and is not empty: it is kept as it is/);
  });

  it('run without a project of the learner’s runs the reference, and says so', { timeout: 30_000 }, async () => {
    const d = realDeps();
    const code = await runPhase(d, { phase: 1, pages: 300 });
    expect(code).toBe(0);
    expect(d.io.stderr()).toContain('No phase 1 project of yours yet (`roadmap project init phase-1`): running the reference.');
    const out = readFileSync(join(d.paths.defaultWorkspace, 'runs', 'phase-1', 'pages.ndjson'), 'utf8').trim().split('\n');
    expect(out.length).toBeGreaterThan(250);
    for (const line of out) expect(JSON.parse(line)).toHaveProperty('url');
  });
});

describe('roadmap verify on a terminal', () => {
  it('a failed criterion offers a flashcard made of the failure and the learner’s rule, then exits 3', { timeout: 30_000 }, async () => {
    deps = createTestDeps({ runner: execaRunner(), answers: ['y', 'Read robots.txt before the first request and check every URL against it.'] });
    Object.assign(deps.io, { isTTY: true });
    const { makeVerifyCommand } = await import('../cli/commands/verify.js');
    const naive = join(import.meta.dirname, 'fixtures', 'naive-scraper');
    await expect(makeVerifyCommand(deps).exitOverride().parseAsync(['phase-1', '--target', naive, '--pages', '300'], { from: 'user' })).rejects.toMatchObject({
      kind: 'check-failed',
      message: expect.stringMatching(/^2 criteria of phase 1 not met: /),
    });
    const cards = await (await deps.store()).cards.userCards();
    expect(cards).toHaveLength(1);
    expect(cards[0]!.front).toMatch(/^Phase 1 criterion "CLI handles 10 k requests without blocking" failed: .* — what is the fix\?$/);
    expect(cards[0]).toMatchObject({ back: 'Read robots.txt before the first request and check every URL against it.', tags: expect.stringContaining('phase-1') });
    // On a terminal the status line is redrawn in place and cleared before the results.
    expect(deps.io.stderr()).toContain('\r\u001b[K');
    expect(deps.io.stdout()).toMatch(/✗ CLI handles 10 k requests without blocking p1\.ac\.10k-requests/);
  });
});
