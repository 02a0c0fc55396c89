import { existsSync, mkdtempSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKatas, type Kata } from '../content/kata.js';
import { dayInfo } from '../core/calendar.js';
import type { LocalDate } from '../core/local-date.js';
import type { Deps } from '../deps.js';
import { RoadmapError, UsageError } from '../errors.js';
import type { KataRecord } from '../store/kata-repository.js';
import { loadContext } from '../coach/context.js';
import { closest } from '../coach/tasks.js';
import { runKataTests, verdictFromVitest, vitestArgs, type CheckResult, type VitestJson } from './kata-runner.js';
import { copyKata, kataCopyDir } from './kata-workspace.js';

export type KataStatus = 'not started' | 'failing' | 'passed';

export interface KataRow {
  readonly kata: Kata;
  readonly status: KataStatus;
  readonly attempts: number;
  readonly hintsUsed: number;
  /** From the first start to the first pass (or to now, while not passed). */
  readonly timeMs: number | null;
  readonly dir: string;
}

function statusOf(r: KataRecord | undefined): KataStatus {
  if (!r) return 'not started';
  return r.first_passed_at !== null ? 'passed' : 'failing';
}

/** Every kata (or one phase's) with the learner's status, attempts, hints and time. */
export async function listKatas(deps: Deps, today: LocalDate, phase?: number): Promise<KataRow[]> {
  const ctx = await loadContext(deps, today);
  const records = await ctx.store.katas.records();
  return loadKatas(deps.paths.packageRoot)
    .filter((k) => phase === undefined || k.phase === phase)
    .map((kata) => {
      const r = records.get(kata.id);
      return {
        kata,
        status: statusOf(r),
        attempts: r?.attempts ?? 0,
        hintsUsed: r?.hints_revealed ?? 0,
        timeMs: r ? (r.first_passed_at ?? ctx.nowMs) - r.started_at : null,
        dir: kataCopyDir(ctx.workspace, kata),
      };
    });
}

/** Finds a kata by id, with a suggestion for a near miss. */
export function requireKata(deps: Deps, id: string): Kata {
  const katas = loadKatas(deps.paths.packageRoot);
  const kata = katas.find((k) => k.id === id);
  if (kata) return kata;
  const guess = closest(id, katas.map((k) => k.id));
  throw new UsageError(`unknown kata "${id}"${guess ? ` — did you mean ${guess}?` : ''}; \`roadmap kata\` lists them`);
}

/** The kata to do next: the first not passed of the learner's current phase, else of the phases after it. */
export async function nextKata(deps: Deps, today: LocalDate): Promise<KataRow | null> {
  const ctx = await loadContext(deps, today);
  const info = dayInfo(ctx.calendar, today);
  const phase = info.kind === 'study' || info.kind === 'rest' ? info.phase : info.kind === 'not-started' ? 1 : 8;
  const rows = await listKatas(deps, today);
  return rows.find((r) => r.kata.phase === phase && r.status !== 'passed') ?? rows.find((r) => r.kata.phase > phase && r.status !== 'passed') ?? null;
}

/** The kata a command means when none is named: the most recently started one that is not passed yet. */
export async function currentKata(deps: Deps): Promise<Kata> {
  const records = await (await deps.store()).katas.records();
  const open = [...records.values()].filter((r) => r.first_passed_at === null).sort((a, b) => b.started_at - a.started_at)[0];
  if (!open) throw new UsageError('no kata in progress: name one, or start the next with `roadmap kata next`');
  return requireKata(deps, open.kata_id);
}

/** Copies the kata's starter into the workspace (keeping an existing copy) and records the start. */
export async function startKata(deps: Deps, kata: Kata, today: LocalDate): Promise<{ readonly dir: string; readonly file: string; readonly existed: boolean }> {
  const ctx = await loadContext(deps, today);
  const dir = kataCopyDir(ctx.workspace, kata);
  const existed = existsSync(join(dir, kata.file));
  copyKata(deps.paths.packageRoot, ctx.workspace, kata, false);
  await ctx.store.katas.start(kata.id, ctx.nowMs);
  return { dir, file: join(dir, kata.file), existed };
}

function requireCopy(dir: string, kata: Kata): void {
  if (!existsSync(join(dir, kata.file))) throw new RoadmapError(`${kata.id} is not started: \`roadmap kata start ${kata.id}\` copies it to your workspace`);
}

/** Runs the kata's tests against the learner's copy and records the attempt. */
export async function checkKata(deps: Deps, kata: Kata, today: LocalDate): Promise<CheckResult & { readonly dir: string }> {
  const ctx = await loadContext(deps, today);
  const dir = kataCopyDir(ctx.workspace, kata);
  requireCopy(dir, kata);
  const result = await runKataTests(deps, kata, dir);
  await ctx.store.katas.recordCheck(kata.id, deps.clock.now().getTime(), result.passed, result.failed, result.durationMs);
  return { ...result, dir };
}

/** Reveals the next hint (most general first); after the last one, says there are no more. */
export async function revealHint(deps: Deps, kata: Kata): Promise<{ readonly number: number; readonly of: number; readonly hint: string | null }> {
  const store = await deps.store();
  const shown = (await store.katas.records()).get(kata.id)?.hints_revealed ?? 0;
  if (shown >= kata.hints.length) return { number: kata.hints.length, of: kata.hints.length, hint: null };
  const n = await store.katas.revealHint(kata.id, deps.clock.now().getTime());
  return { number: n, of: kata.hints.length, hint: kata.hints[n - 1]! };
}

/** The reference solution, once the kata is passed (or with `force`, which is recorded). */
export async function solutionOf(deps: Deps, kata: Kata, force: boolean): Promise<string> {
  const store = await deps.store();
  const passed = (await store.katas.records()).get(kata.id)?.first_passed_at != null;
  if (!passed && !force) throw new RoadmapError(`${kata.id} is not passed yet: solve it first (\`roadmap kata hint\` helps), or use --force (it is recorded)`);
  await store.katas.viewSolution(kata.id, !passed, deps.clock.now().getTime());
  return readFileSync(join(deps.paths.packageRoot, kata.dir, 'solution', kata.file), 'utf8');
}

/** Puts the starter back in the learner's copy (their attempts stay recorded). */
export async function resetKata(deps: Deps, kata: Kata, today: LocalDate): Promise<string> {
  const ctx = await loadContext(deps, today);
  copyKata(deps.paths.packageRoot, ctx.workspace, kata, true);
  await ctx.store.katas.start(kata.id, ctx.nowMs);
  return kataCopyDir(ctx.workspace, kata);
}

export interface WatchOptions {
  readonly signal?: AbortSignal;
  readonly debounceMs?: number;
}

/**
 * Re-checks the kata on every save of the learner's file until it passes (or `signal` aborts). TypeScript
 * katas keep one `vitest --watch` running (a verdict in a few hundred milliseconds, where a cold run takes
 * about a second) and read each run's JSON report; Go katas re-run `go test` when writes settle.
 */
export async function watchKata(deps: Deps, kata: Kata, today: LocalDate, onResult: (r: CheckResult) => void, options: WatchOptions = {}): Promise<CheckResult | null> {
  const ctx = await loadContext(deps, today);
  const dir = kataCopyDir(ctx.workspace, kata);
  requireCopy(dir, kata);
  return kata.runner === 'vitest' ? watchWithVitest(deps, kata, dir, onResult, options) : watchByRerunning(deps, kata, today, dir, onResult, options);
}

function watchWithVitest(deps: Deps, kata: Kata, dir: string, onResult: (r: CheckResult) => void, options: WatchOptions): Promise<CheckResult | null> {
  const out = mkdtempSync(join(tmpdir(), 'roadmap-watch-'));
  const report = join(out, 'result.json');
  // The report folder belongs to the watcher's process group: the runner removes it when the group ends, however
  // roadmap ends (Ctrl-C, a crash, or a SIGKILL, through the leash). It is vitest's temp folder too: on SIGTERM
  // vitest exits without removing the one it makes in the temp folder (<tmp>/<random>/ssr).
  const proc = deps.runner.start(process.execPath, vitestArgs(deps.paths.packageRoot, dir, report, true), { cwd: dir, tempDir: out, env: { ...deps.env, TMPDIR: out } });
  let lastSave = performance.now();
  const sources = watch(dir, (_e, name) => {
    if (name && String(name) === kata.file) lastSave = performance.now();
  });
  let seenReport = '';
  let settled = false;
  return new Promise((resolve, reject) => {
    const finish = (value: CheckResult | null, error?: Error): void => {
      if (settled) return;
      settled = true;
      sources.close();
      reports.close();
      void proc.stop().finally(() => {
        rmSync(out, { recursive: true, force: true });
        if (error) reject(error);
        else resolve(value);
      });
    };
    const read = async (): Promise<void> => {
      let text: string;
      let json: VitestJson;
      try {
        text = readFileSync(report, 'utf8');
        json = JSON.parse(text) as VitestJson;
      } catch {
        return; // Half written: the next event has the whole report.
      }
      // One report per run, but several file events per write (and startTime is the watcher's, not the run's).
      if (text === seenReport) return;
      seenReport = text;
      const verdict = { ...verdictFromVitest(json), durationMs: Math.round(performance.now() - lastSave) };
      await deps.store().then((st) => st.katas.recordCheck(kata.id, deps.clock.now().getTime(), verdict.passed, verdict.failed, verdict.durationMs));
      onResult(verdict);
      if (verdict.passed) finish(verdict);
    };
    const reports = watch(out, (_e, name) => {
      if (name && String(name) === 'result.json') setTimeout(() => void read(), 10);
    });
    options.signal?.addEventListener('abort', () => finish(null), { once: true });
    if (options.signal?.aborted) finish(null);
    void proc.exited.then(() => finish(null, new RoadmapError(`the test watcher for ${kata.id} stopped unexpectedly; \`roadmap kata check\` shows why`)));
  });
}

function watchByRerunning(deps: Deps, kata: Kata, today: LocalDate, dir: string, onResult: (r: CheckResult) => void, options: WatchOptions): Promise<CheckResult | null> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let running = false;
    let again = false;
    const watcher = watch(dir, { persistent: true });
    const stop = (value: CheckResult | null): void => {
      clearTimeout(timer);
      watcher.close();
      resolve(value);
    };
    const run = async (): Promise<void> => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        const r = await checkKata(deps, kata, today);
        onResult(r);
        if (r.passed) return stop(r);
      } catch (e) {
        watcher.close();
        return reject(e);
      } finally {
        running = false;
      }
      if (again) {
        again = false;
        void run();
      }
    };
    watcher.on('change', (_event, name) => {
      if (name && String(name) !== kata.file) return;
      clearTimeout(timer);
      timer = setTimeout(() => void run(), options.debounceMs ?? 100);
    });
    options.signal?.addEventListener('abort', () => stop(null), { once: true });
    void run();
  });
}
