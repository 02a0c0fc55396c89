import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatThreshold, type FigureSummary } from '../core/criteria.js';
import { RoadmapError, UsageError } from '../errors.js';
import { execaRunner } from '../system/runner.js';
import { createTestDeps, type TestDeps } from '../system/test-deps.js';
import type { LocalLifecycle } from '../system/lifecycle.js';
import { initRepository } from './milestone.js';
import { FULL_PAGES } from './phase-1/options.js';
import { initProject } from './project-init.js';
import { runPhase } from './run-engine.js';
import { verifyPhase } from './verify-engine.js';

let deps: TestDeps | undefined;
afterEach(async () => {
  await deps?.dispose();
  deps = undefined;
});

function realDeps(): TestDeps {
  deps = createTestDeps({ now: '2025-07-05T10:00:00', runner: execaRunner(), env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
  return deps;
}

const figureOf = (c: { figures: readonly FigureSummary[] }, name: string): FigureSummary | undefined => c.figures.find((f) => f.name === name);
const reference = (d: TestDeps): string => join(d.paths.packageRoot, 'projects', 'scraper');

/**
 * A learner's project that is the reference crawl underneath with steady self-reported progress (the
 * steady-scraper fixture), so its full pass does not hang on the machine's load.
 */
function learnerCopyOfReference(d: TestDeps): string {
  const dir = join(d.paths.defaultWorkspace, 'projects', 'scraper');
  mkdirSync(dir, { recursive: true });
  const steady = join(import.meta.dirname, 'fixtures', 'steady-scraper', 'steady.mjs');
  writeFileSync(join(dir, 'roadmap.project.json'), JSON.stringify({ name: 'scraper', phases: [1], command: ['node', steady, join(reference(d), 'bin', 'scraper.js')] }));
  writeFileSync(join(dir, 'NOTES.md'), 'my scraper\n');
  return dir;
}

describe('verify phase-1 against the reference scraper (4,000 pages: a smoke-size run)', () => {
  it('passes the last stage and both criteria, writes a report per target and run, and counts nothing as progress', { timeout: 90_000 }, async () => {
    const d = realDeps();
    const statuses: string[] = [];
    const { report, files, recorded, tag } = await verifyPhase(d, { phase: 1, target: 'reference', options: { pages: 4_000 }, onProgress: (s) => statuses.push(s) });
    expect(report.stages.map((s) => [s.id, s.verdict])).toEqual([['p1.s4.concurrency-and-retries', 'passed']]);
    expect(report.criteria.map((c) => c.id)).toEqual(['p1.ac.10k-requests', 'p1.ac.progress-500ms']);
    // Timing figures are the machine's as much as the scraper's (a busy 2-core machine delays timers): the suite
    // checks that nothing but timing can fail; `npm run bench` and `verify --repeat` judge the timing itself.
    for (const c of report.criteria) for (const r of c.reasons) expect(r).toMatch(/^(event-loop delay p99|tick interval (p50|max)) [\d.]+ ms \(needs /);
    const crawl = report.criteria[0]!;
    expect(figureOf(crawl, 'reachable pages requested')!.value).toBeGreaterThan(3_900);
    expect(figureOf(crawl, 'peak RSS')).toMatchObject({ pass: null });
    expect(figureOf(crawl, 'event-loop delay p99')!.value).toBeGreaterThan(0);
    expect(figureOf(report.criteria[1]!, 'tick interval p50')!.value).toBeGreaterThan(0);
    expect(statuses.some((s) => /crawl: [\d,]+\/[\d,]+ pages/.test(s))).toBe(true);
    expect(report).toMatchObject({ schema: 2, phase: 1, stage: null, target: { kind: 'reference', name: 'scraper' }, full: false, settings: { pages: 4_000 }, repeat: 1 });
    expect(report.calibration.cores).toBeGreaterThan(0);
    expect(report.calibration.idleEventLoopDelayP99Ms).toBeGreaterThan(0);
    // reports/phase-1/reference-<stamp>.{json,md}: the reference never writes the learner's latest.
    expect(files.json).toMatch(/reports\/phase-1\/reference-2025-07-05T\d\d-00-00-000Z\.json$/);
    expect(files.latest).toBeNull();
    expect(existsSync(join(d.paths.defaultWorkspace, 'reports', 'phase-1', 'latest.json'))).toBe(false);
    expect(JSON.parse(readFileSync(files.json, 'utf8'))).toEqual(report);
    const md = readFileSync(files.md, 'utf8');
    expect(md).toContain(`# Phase 1 — Language & Runtime Mastery: ${report.summary}`);
    expect(md).toContain('### ✓ Stage 4: Concurrency limit, timeouts and retries with backoff');
    expect(md).toContain(`| reachable pages requested | ${figureOf(crawl, 'reachable pages requested')!.value.toLocaleString('en-US')} pages |`);
    expect(md).toContain('not recorded as verified');
    expect([recorded, tag]).toEqual([false, null]);
    const store = await d.store();
    expect(await store.checks.criterionHistory()).toEqual([]);
    expect(await store.checks.passedStages()).toEqual(new Map());
    expect(existsSync(report.logFile)).toBe(true);
  });
});

describe('stages, like a CodeCrafters tester', () => {
  it('--stage 1 on the learner’s fresh starter fails with the stage’s reason and is recorded; on the reference it passes', { timeout: 60_000 }, async () => {
    const d = realDeps();
    const { dir } = await initProject(d, { phase: 1 });
    symlinkSync(join(d.paths.packageRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const mine = await verifyPhase(d, { phase: 1, stage: 2 });
    expect(mine.report.stages.map((s) => [s.week, s.verdict])).toEqual([[1, 'failed']]);
    expect(mine.report.stagesNotRun).toEqual(['p1.s2.follow-links']);
    expect(mine.report.summary).toBe('2 of 2 failed');
    expect(mine.report.stages[0]!.checks[0]!.reasons).toContain(
      'no record for the start page /docs/p/0 in the --out file (one JSON object per line: {url, status, title, text, links})',
    );
    expect(mine.report.criteria).toEqual([]);
    expect(mine.files.latest).toBeNull();

    const ref = await verifyPhase(d, { phase: 1, stage: 4, target: 'reference' });
    expect(ref.report.stages.map((s) => [s.week, s.verdict])).toEqual([
      [1, 'passed'],
      [2, 'passed'],
      [3, 'passed'],
      [4, 'passed'],
    ]);
    expect(ref.report.summary).toBe('4 of 4 verified');
    // Only the learner's own stage runs count, and only passes.
    expect(await (await d.store()).checks.passedStages()).toEqual(new Map());
  });

  it('an unknown stage is a usage error naming the range', async () => {
    const d = realDeps();
    await expect(verifyPhase(d, { phase: 1, stage: 7, target: 'reference' })).rejects.toThrow(new UsageError('--stage 7: phase 1 has stages 1 to 4'));
  });

  it('a flag of another phase, or out of its range, is a usage error', async () => {
    const d = realDeps();
    await expect(verifyPhase(d, { phase: 1, target: 'reference', options: { loadSeconds: 3 } })).rejects.toThrow(/^--load-seconds is not an option of `roadmap verify phase-1` \(it takes --pages\)$/);
    await expect(verifyPhase(d, { phase: 2, target: 'reference', options: { pages: 5 } })).rejects.toThrow(/^--pages 5: phase 2 takes a whole number from 10 to 100,000$/);
  });
});

describe('the learner’s full run', () => {
  it('fails a fresh starter with readable reasons and records it; a full pass writes latest, counts and tags phase-1 once', { timeout: 120_000 }, async () => {
    const d = realDeps();
    const { dir } = await initProject(d, { phase: 1 });
    symlinkSync(join(d.paths.packageRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const failed = await verifyPhase(d, { phase: 1 });
    expect(failed.report).toMatchObject({ passed: false, full: true, settings: { pages: FULL_PAGES }, target: { kind: 'workspace' } });
    const [crawl, ticks] = failed.report.criteria;
    expect(crawl!.reasons[0]).toBe('no summary line with eventLoopDelayP99Ms on stderr (run with --progress json; see the contract in README.md)');
    expect(crawl!.reasons).toContain(`reachable pages requested 0 pages (needs ${formatThreshold(figureOf(crawl!, 'reachable pages requested')!.threshold!, 'pages')})`);
    expect(ticks!.reasons[0]).toMatch(/^no progress ticks on stderr/);
    expect(failed.recorded).toBe(true);
    expect(failed.tag).toBeNull();
    const store = await d.store();
    expect((await store.checks.criterionHistory()).map((h) => [h.criterionId, h.passed])).toEqual([
      ['p1.ac.10k-requests', false],
      ['p1.ac.progress-500ms', false],
    ]);

    // The same folder, now holding a scraper that works, committed.
    const { rmSync } = await import('node:fs');
    rmSync(dir, { recursive: true, force: true });
    learnerCopyOfReference(d);
    expect((await initRepository(d, dir, 1)).done).toBe(true);
    const passed = await verifyPhase(d, { phase: 1 });
    expect(passed.report.summary).toBe('3 of 3 verified');
    expect(passed.files.latest!.json).toBe(join(d.paths.defaultWorkspace, 'reports', 'phase-1', 'latest.json'));
    expect(JSON.parse(readFileSync(passed.files.latest!.json, 'utf8')).runId).toBe(passed.report.runId);
    expect(passed.tag).toMatchObject({ done: true, message: expect.stringMatching(/^tagged phase-1 on [0-9a-f]{7,}$/) });
    const git = await execaRunner().run('git', ['-C', dir, 'tag', '-n5', '-l', 'phase-1']);
    expect(git.stdout).toContain('Phase 1 — Language & Runtime Mastery: 3 of 3 verified');
    expect(await store.checks.verifiedCriteria()).toEqual(new Set(['p1.ac.10k-requests', 'p1.ac.progress-500ms']));
    expect([...(await store.checks.passedStages()).keys()]).toEqual(['p1.s4.concurrency-and-retries']);

    const again = await verifyPhase(d, { phase: 1, stage: 1 });
    expect(again.tag).toBeNull();
    const third = await verifyPhase(d, { phase: 1, options: { pages: FULL_PAGES } });
    expect(third.tag).toMatchObject({ done: false, message: expect.stringMatching(/^tag phase-1 already exists \(on [0-9a-f]{7}\): it is never moved$/) });
    // `roadmap status` counts the stages passed: the full runs' last stage and the --stage 1 run.
    const { getStatus } = await import('../coach/status.js');
    expect((await getStatus(d, '2025-07-05')).stages.find((st) => st.phase === 1)).toEqual({ phase: 1, passed: 2, total: 4 });
  });
});

describe('verify phase-1 against projects that do not hold', () => {
  it('a naive scraper is caught requesting robots-disallowed pages and ticking every 300 ms', { timeout: 60_000 }, async () => {
    const d = realDeps();
    const { report } = await verifyPhase(d, { phase: 1, target: join(import.meta.dirname, 'fixtures', 'naive-scraper'), options: { pages: 300 } });
    const [crawl, ticks] = report.criteria;
    expect(figureOf(crawl!, 'robots-disallowed requests')!.value).toBeGreaterThan(0);
    expect(crawl!.reasons).toContain(`robots-disallowed requests ${figureOf(crawl!, 'robots-disallowed requests')!.value} requests (needs = 0 requests)`);
    expect(figureOf(ticks!, 'tick interval p50')).toMatchObject({ pass: false });
    expect(ticks!.reasons.some((r) => /^tick interval p50 3\d\d(\.\d+)? ms \(needs 400–600 ms\)$/.test(r))).toBe(true);
  });

  it.each([
    ['a command that does not exist', ['roadmap-no-such-scraper'], /^could not start `roadmap-no-such-scraper`: command not found/],
    ['a scraper that crashes', ['node', '-e', "console.error('TypeError: boom'); process.exit(1)"], /^the scraper exited 1: TypeError: boom \(log: .*\.log\)$/],
    ['a scraper that dies mid-crawl', ['node', '-e', "setTimeout(() => process.kill(process.pid, 'SIGKILL'), 50)"], /^the scraper was killed by SIGKILL \(log: .*\.log\)$/],
  ])('%s fails every check with one line saying why, and still writes a report', { timeout: 30_000 }, async (_name, command, reason) => {
    const d = realDeps();
    const dir = join(d.paths.home, 'broken');
    mkdirSync(dir);
    writeFileSync(join(dir, 'roadmap.project.json'), JSON.stringify({ name: 'scraper', phases: [1], command }));
    const { report, files } = await verifyPhase(d, { phase: 1, target: dir, options: { pages: 100 } });
    expect(report.passed).toBe(false);
    for (const c of [...report.stages.flatMap((s) => s.checks), report.criteria[0]!]) expect(c.reasons).toEqual([expect.stringMatching(reason)]);
    expect(report.criteria[1]!.reasons[0]).toMatch(reason);
    expect(existsSync(files.md)).toBe(true);
  });
});

describe('verify and run refuse what cannot be checked, in one line', () => {
  it.each([
    [{ phase: 1 }, RoadmapError, /^No phase 1 project in .*projects\/scraper yet: `roadmap project init phase-1` scaffolds one, and `--target reference` checks the shipped reference\.$/],
    [{ phase: 1, target: '/no/such/folder' }, UsageError, /^--target \/no\/such\/folder: no such folder/],
    [{ phase: 1, target: '/' }, RoadmapError, /^\/ has no roadmap\.project\.json/],
    [{ phase: 5 }, UsageError, /^roadmap verify phase-5: not available yet in this version \(available: phase-1, phase-2, phase-3, phase-4\)$/],
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

  it('a manifest without the contract’s command names the phase’s contract', async () => {
    const d = realDeps();
    const dir = join(d.paths.home, 'bare');
    mkdirSync(dir);
    writeFileSync(join(dir, 'roadmap.project.json'), JSON.stringify({ name: 'scraper', phases: [1] }));
    await expect(verifyPhase(d, { phase: 1, target: dir })).rejects.toThrow(/bare\/roadmap\.project\.json does not meet phase 1's contract \(command: .*\): roadmap\.project\.json names the "command"/);
  });

  it('a malformed manifest names the file and the field', async () => {
    const d = realDeps();
    const dir = join(d.paths.home, 'bad');
    mkdirSync(dir);
    writeFileSync(join(dir, 'roadmap.project.json'), JSON.stringify({ name: 'scraper', phases: [1], command: [] }));
    await expect(verifyPhase(d, { phase: 1, target: dir })).rejects.toThrow(/bad\/roadmap\.project\.json: command: /);
  });

  it('project init makes a git repository with the starter committed, and never overwrites the learner’s folder', async () => {
    const d = realDeps();
    const { dir, git } = await initProject(d, { phase: 1 });
    expect(git).toMatchObject({ done: true });
    const log = await execaRunner().run('git', ['-C', dir, 'log', '--format=%s']);
    expect(log.stdout.trim()).toBe('Phase 1 starter (roadmap project init)');
    await expect(initProject(d, { phase: 1 })).rejects.toThrow(/projects\/scraper already exists and is not empty: it is kept as it is/);
  });

  it('run without a project of the learner’s runs the reference, and says so', { timeout: 30_000 }, async () => {
    const d = realDeps();
    const code = await runPhase(d, { phase: 1, options: { pages: 300 } });
    expect(code).toBe(0);
    expect(d.io.stderr()).toContain('No phase 1 project of yours yet (`roadmap project init phase-1`): running the reference.');
    const out = readFileSync(join(d.paths.defaultWorkspace, 'runs', 'phase-1', 'pages.ndjson'), 'utf8').trim().split('\n');
    expect(out.length).toBeGreaterThan(250);
    for (const line of out) expect(JSON.parse(line)).toHaveProperty('url');
  });
});

describe('roadmap verify on a terminal', () => {
  it('a failed stage offers a flashcard made of the failure and the learner’s rule, then exits 3', { timeout: 60_000 }, async () => {
    deps = createTestDeps({ runner: execaRunner(), answers: ['y', 'Read robots.txt before the first request and check every URL against it.'] });
    Object.assign(deps.io, { isTTY: true });
    const { makeVerifyCommand } = await import('../cli/commands/verify.js');
    const naive = join(import.meta.dirname, 'fixtures', 'naive-scraper');
    await expect(makeVerifyCommand(deps).exitOverride().parseAsync(['phase-1', '--target', naive, '--pages', '300'], { from: 'user' })).rejects.toMatchObject({
      kind: 'check-failed',
      message: expect.stringMatching(/^phase 1: 3 of 3 failed; stage 4 \(Concurrency limit, timeouts and retries with backoff\): /),
    });
    const cards = await (await deps.store()).cards.userCards();
    expect(cards).toHaveLength(1);
    expect(cards[0]!.front).toMatch(/^Phase 1 stage 4 \(Concurrency limit, timeouts and retries with backoff\) failed: .* — what is the fix\?$/);
    expect(cards[0]).toMatchObject({ back: 'Read robots.txt before the first request and check every URL against it.', tags: expect.stringContaining('phase-1') });
    // On a terminal the status line is redrawn in place and cleared before the results.
    expect(deps.io.stderr()).toContain('\r\u001b[K');
    expect(deps.io.stdout()).toMatch(/✗ CLI handles 10 k requests without blocking p1\.ac\.10k-requests/);
  });
});

describe('an interrupt', () => {
  it('stops the verify where it is: the running check’s target is stopped and no later check starts', { timeout: 60_000 }, async () => {
    const d = realDeps();
    const life = d.lifecycle as LocalLifecycle;
    const statuses: string[] = [];
    const run = verifyPhase(d, {
      phase: 1,
      target: 'reference',
      stage: 4,
      onProgress: (s) => {
        statuses.push(s);
        if (s.startsWith('stage 2:')) life.interrupt('SIGINT');
      },
    });
    await expect(run).rejects.toMatchObject({ kind: 'cancelled' });
    expect(statuses.some((s) => s.startsWith('stage 3'))).toBe(false);
    await life.runCleanups();
  });
});

describe('the checks’ own folders', () => {
  it('are gone after a verify', { timeout: 60_000 }, async () => {
    const d = realDeps();
    const { tmpdir } = await import('node:os');
    const before = new Set(readdirSync(tmpdir()).filter((f) => f.startsWith(`roadmap-check-${process.pid}-`) || f.startsWith(`roadmap-verify-${process.pid}-`)));
    await verifyPhase(d, { phase: 1, stage: 2, target: 'reference' });
    const after = readdirSync(tmpdir()).filter((f) => (f.startsWith(`roadmap-check-${process.pid}-`) || f.startsWith(`roadmap-verify-${process.pid}-`)) && !before.has(f));
    expect(after).toEqual([]);
  });
});
