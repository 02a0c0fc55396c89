import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKatas, type Kata } from '../content/kata.js';
import { dayInfo } from '../core/calendar.js';
import type { LocalDate } from '../core/local-date.js';
import type { Deps } from '../deps.js';
import { RoadmapError, UsageError } from '../errors.js';
import type { KataRecord } from '../store/kata-repository.js';
import type { SqliteStore } from '../store/sqlite-store.js';
import { loadContext } from '../coach/context.js';
import { closest } from '../coach/tasks.js';
import { readDiffs, runKataTests, verdictFromVitest, vitestArgs, writeDiffReporter, type CheckResult, type VitestJson } from './kata-runner.js';
import { copyKata, kataCopyDir } from './kata-workspace.js';
import { ensureDir } from '../system/ensure-dir.js';

/** `started`: copied, never checked; `failing`: its last check failed and it has never passed. */
export type KataStatus = 'not started' | 'started' | 'failing' | 'passed';

export interface KataRow {
  readonly kata: Kata;
  readonly status: KataStatus;
  readonly attempts: number;
  readonly hintsUsed: number;
  /**
   * Time spent checking: from the first check to the first pass, or to the latest check while not passed
   * (0 when it passed at its first check); null before any check. Wall-clock between checks, as recorded.
   */
  readonly checkingMs: number | null;
  /** The latest start or check (ms), null when never started: what "the kata last worked on" means. */
  readonly lastWorkedAt: number | null;
  readonly dir: string;
}

function statusOf(r: KataRecord | undefined): KataStatus {
  if (!r) return 'not started';
  if (r.first_passed_at !== null) return 'passed';
  return r.attempts === 0 ? 'started' : 'failing';
}

interface CheckSpan {
  readonly first: number;
  readonly last: number;
}

/**
 * When each kata's checks ran (first and latest). KataRepository.records() counts the checks but does not
 * say when they ran, so this reads the check log itself (read-only).
 */
async function checkSpans(store: SqliteStore): Promise<Map<string, CheckSpan>> {
  const rows = await store.db
    .selectFrom('kata_checks')
    .select((eb) => ['kata_id', eb.fn.min<number>('at').as('first'), eb.fn.max<number>('at').as('last')])
    .groupBy('kata_id')
    .execute();
  return new Map(rows.map((r) => [r.kata_id, { first: r.first, last: r.last }]));
}

/** Every kata (or one phase's) with the learner's status, checks, hints and time spent checking. */
export async function listKatas(deps: Deps, today: LocalDate, phase?: number): Promise<KataRow[]> {
  const ctx = await loadContext(deps, today);
  const [records, spans] = await Promise.all([ctx.store.katas.records(), checkSpans(ctx.store)]);
  return loadKatas(deps.paths.packageRoot)
    .filter((k) => phase === undefined || k.phase === phase)
    .map((kata) => {
      const r = records.get(kata.id);
      const span = spans.get(kata.id);
      return {
        kata,
        status: statusOf(r),
        attempts: r?.attempts ?? 0,
        hintsUsed: r?.hints_revealed ?? 0,
        checkingMs: span ? (r?.first_passed_at ?? span.last) - span.first : null,
        lastWorkedAt: r ? Math.max(r.started_at, span?.last ?? 0) : null,
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

/**
 * The phase whose katas the learner is on: the phase of `today` in their plan (phase 1 before it starts);
 * null once the plan has ended (every phase is theirs to revisit).
 */
export async function learnerPhase(deps: Deps, today: LocalDate): Promise<number | null> {
  const ctx = await loadContext(deps, today);
  const info = dayInfo(ctx.calendar, today);
  return info.kind === 'study' || info.kind === 'rest' ? info.phase : info.kind === 'not-started' ? 1 : null;
}

/** The kata to do next: the first not passed of the learner's current phase, else of the phases after it. */
export async function nextKata(deps: Deps, today: LocalDate): Promise<KataRow | null> {
  const phase = (await learnerPhase(deps, today)) ?? 8;
  const rows = await listKatas(deps, today);
  return rows.find((r) => r.kata.phase === phase && r.status !== 'passed') ?? rows.find((r) => r.kata.phase > phase && r.status !== 'passed') ?? null;
}

/**
 * The kata a command means when none is named: the one last worked on (started or checked most recently)
 * that is not passed yet; with `orPassed`, the last worked on even if it has just passed (for `hint` and
 * `solution`, which make sense right after a pass).
 */
export async function currentKata(deps: Deps, today: LocalDate, options: { readonly orPassed?: boolean } = {}): Promise<Kata> {
  const rows = (await listKatas(deps, today)).filter((r) => r.lastWorkedAt !== null && (options.orPassed || r.status !== 'passed'));
  const last = rows.sort((a, b) => b.lastWorkedAt! - a.lastWorkedAt!)[0];
  if (!last) throw new UsageError(`no kata ${options.orPassed ? 'worked on yet' : 'in progress'}: name one, or start the next with \`roadmap kata next\``);
  return last.kata;
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

/** What a reset did: where the copy is, and where the learner's code was kept (null when it was the starter). */
export interface ResetResult {
  readonly dir: string;
  readonly file: string;
  readonly backup: string | null;
}

/** A local timestamp fit for a folder name: 2025-06-12T09-00-00. */
function stamp(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}-${p(d.getMinutes())}-${p(d.getSeconds())}`;
}

/** Where reset keeps the learner's code: <workspace>/katas/backups/<id>/<timestamp>/ (a new folder each time). */
export function backupDir(workspace: string, kata: Kata, at: Date): string {
  const base = join(workspace, 'katas', 'backups', kata.id, stamp(at));
  let dir = base;
  for (let n = 2; existsSync(dir); n++) dir = `${base}-${n}`;
  return dir;
}

/**
 * Puts the starter back in the learner's copy (their attempts stay recorded). Their file is first copied to a
 * timestamped backup folder (see backupDir) unless it is still the starter, so a reset never loses code.
 */
export async function resetKata(deps: Deps, kata: Kata, today: LocalDate): Promise<ResetResult> {
  const ctx = await loadContext(deps, today);
  const dir = kataCopyDir(ctx.workspace, kata);
  const file = join(dir, kata.file);
  const starter = readFileSync(join(deps.paths.packageRoot, kata.dir, 'starter', kata.file));
  let backup: string | null = null;
  if (existsSync(file) && !readFileSync(file).equals(starter)) {
    backup = backupDir(ctx.workspace, kata, deps.clock.now());
    ensureDir(backup);
    cpSync(file, join(backup, kata.file), { errorOnExist: true, force: false });
  }
  copyKata(deps.paths.packageRoot, ctx.workspace, kata, true);
  await ctx.store.katas.start(kata.id, ctx.nowMs);
  return { dir, file, backup };
}

/** Whether resetting would replace code of the learner's (their file exists and is not the starter). */
export async function resetWouldReplace(deps: Deps, kata: Kata, today: LocalDate): Promise<string | null> {
  const ctx = await loadContext(deps, today);
  const file = join(kataCopyDir(ctx.workspace, kata), kata.file);
  if (!existsSync(file)) return null;
  return readFileSync(file).equals(readFileSync(join(deps.paths.packageRoot, kata.dir, 'starter', kata.file))) ? null : file;
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
  writeDiffReporter(out);
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
      const verdict = { ...verdictFromVitest(json, readDiffs(out)), durationMs: Math.round(performance.now() - lastSave) };
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
