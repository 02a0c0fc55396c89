/**
 * A throwaway copy of the target for the CI-gate proof: its sources without installs and build output, its
 * installed packages linked (the workspace's own packages to their copies), and its CI command run there with the
 * fixtures' Postgres and Redis. Each run reads what the gates wrote: the coverage summary (istanbul json-summary
 * in coverage/) and Stryker's JSON report.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, delimiter, join, relative } from 'node:path';
import type { Project } from '../../content/project.js';
import type { Deps } from '../../deps.js';
import type { Scope } from '../frame.js';
import { linkNodeModules, nodeModulesChain, readWorkspace, type Workspace } from '../phase-3/workspace.js';
import { MUTATION_REPORT, mutationCounts, readMutationReport, type MutationCounts, type MutationReport } from './mutation-report.js';

/** Never copied nor hashed: installs, builds, caches and the gates' own output. */
const SKIP = new Set(['node_modules', 'dist', '.git', 'coverage', '.turbo', '.stryker-tmp']);
const SKIP_PATHS = new Set(['reports/mutation']);
/** Copied (Stryker's incremental file saves minutes) but not hashed: it changes with every run of the gate. */
const UNHASHED = new Set(['reports/stryker-incremental.json']);

const rel = (root: string, path: string): string => relative(root, path).split('\\').join('/');

function skipped(root: string, path: string): boolean {
  const name = basename(path);
  return SKIP.has(name) || name.endsWith('.tsbuildinfo') || SKIP_PATHS.has(rel(root, path));
}

/** A hash of the project's sources (what the copy is made of), for the proof's cache. */
export function contentHash(dir: string, extra: readonly string[]): string {
  const hash = createHash('sha256');
  for (const e of extra) hash.update(`${e}\0`);
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(d, entry.name);
      if (skipped(dir, path) || UNHASHED.has(rel(dir, path))) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) hash.update(`${relative(dir, path)}\0`).update(readFileSync(path)).update('\0');
    }
  };
  walk(dir);
  return hash.digest('hex').slice(0, 32);
}

export interface Coverage {
  readonly lines: number;
  readonly branches: number;
}

export interface CiRun {
  readonly code: number | undefined;
  readonly timedOut: boolean;
  readonly ms: number;
  readonly lines: readonly string[];
  /** From coverage/coverage-summary.json when this run wrote it. */
  readonly coverage: Coverage | null;
  /** From Stryker's report when this run wrote it (the mutation gate ran). */
  readonly mutation: MutationCounts | null;
  readonly report: MutationReport | null;
  /** Why the report could not be read, when Stryker ran but left none readable. */
  readonly reportProblem: string | null;
  /** vitest's "Coverage for lines (80.1%) does not meet global threshold (85%)" lines. */
  readonly coverageThresholdErrors: readonly string[];
  /** Stryker's "Final mutation score of 75.65 is less than break threshold 90". */
  readonly breakLine: string | null;
  /** The time each gate took, from its first output line to its report, when both were seen. */
  readonly coverageMs: number | null;
  readonly mutationMs: number | null;
}

export interface CiCopy {
  readonly dir: string;
  /** Test files of the copy (relative paths). */
  testFiles(): string[];
  remove(file: string): void;
  write(file: string, text: string): void;
  read(file: string): string;
  /** Puts back the target's own version of `file`. */
  restore(file: string): void;
  run(progress: (status: string) => void, timeoutMs: number, signal: AbortSignal): Promise<CiRun>;
}

const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;
const COVERAGE_SUMMARY = 'coverage/coverage-summary.json';

function readCoverage(file: string): Coverage | null {
  try {
    const total = (JSON.parse(readFileSync(file, 'utf8')) as { total?: { lines?: { pct?: unknown }; branches?: { pct?: unknown } } }).total;
    const lines = total?.lines?.pct;
    const branches = total?.branches?.pct;
    return typeof lines === 'number' && typeof branches === 'number' ? { lines, branches } : null;
  } catch {
    return null;
  }
}

function mtime(file: string): number | null {
  return existsSync(file) ? statSync(file).mtimeMs : null;
}

/** The vitest banner (` RUN  v4.1.0 /path`) and Stryker's first log line: where each gate starts. */
const VITEST_START = /\bRUN\s+v\d+\.\d+/;
const STRYKER_START = /\bINFO\b.*\b(ProjectReader|Instrumenter|ConfigReader|DryRunExecutor)\b|Stryker\b/;
const COVERAGE_ERROR = /Coverage for (\w+) \(([\d.]+)%\) does not meet (?:global )?threshold \(([\d.]+)%\)/;
const BREAK_LINE = /Final mutation score (?:of )?[\d.]+ (?:is )?(?:less than|under) break(?:ing)? threshold [\d.]+/i;

/** Strips ANSI colours (Stryker colours its log even when told not to, through its logger). */
const plain = (line: string): string => line.replace(/\u001b\[[0-9;]*m/g, '');

/**
 * Makes the copy in `dir` and the way to run `ci` in it. `env` holds the services (DATABASE_URL, REDIS_URL) and
 * whatever else the target's CI reads; PATH gets the .bin of every node_modules the target would search.
 */
export function makeCiCopy(deps: Deps, scope: Scope, project: Project, ci: readonly string[], dir: string, env: Readonly<Record<string, string>>, logFile: string): CiCopy {
  const chain = nodeModulesChain(project.dir);
  cpSync(project.dir, dir, { recursive: true, filter: (src) => !skipped(project.dir, src) });
  const ws = readWorkspace(dir);
  const workspace: Workspace = typeof ws === 'string' ? { root: dir, packages: [] } : ws;
  if (chain.length) linkNodeModules(chain, dir, workspace, new Set(workspace.packages.map((p) => p.name)));
  const path = [...chain.map((m) => join(m, '.bin')), env.PATH ?? deps.env.PATH ?? ''].join(delimiter);
  const at = (file: string): string => join(dir, file);

  return {
    dir,
    testFiles() {
      const out: string[] = [];
      const walk = (d: string): void => {
        for (const e of readdirSync(d, { withFileTypes: true })) {
          if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
          const p = join(d, e.name);
          if (e.isDirectory()) walk(p);
          else if (TEST_FILE.test(e.name)) out.push(relative(dir, p).split('\\').join('/'));
        }
      };
      walk(dir);
      return out.sort();
    },
    remove: (file) => rmSync(at(file), { force: true }),
    write: (file, text) => writeFileSync(at(file), text),
    read: (file) => readFileSync(at(file), 'utf8'),
    restore: (file) => cpSync(join(project.dir, file), at(file)),
    async run(progress, timeoutMs, signal) {
      rmSync(at('coverage'), { recursive: true, force: true });
      rmSync(at(MUTATION_REPORT), { force: true });
      const lines: string[] = [];
      let vitestStart: number | null = null;
      let strykerStart: number | null = null;
      const started = Date.now();
      const [file, ...args] = ci;
      const p = deps.runner.start(file!, args, {
        cwd: dir,
        logFile,
        env: { ...env, PATH: path, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
        onLine: (raw) => {
          const line = plain(raw);
          lines.push(line);
          if (lines.length > 400) lines.shift();
          if (vitestStart === null && VITEST_START.test(line)) vitestStart = Date.now();
          if (strykerStart === null && STRYKER_START.test(line)) strykerStart = Date.now();
          const tested = /Mutation testing (\d+%).*?(\d+\/\d+) tested \((\d+) survived/.exec(line);
          if (tested) progress(`mutation gate: ${tested[2]} mutants tested, ${tested[3]} survived`);
          else if (VITEST_START.test(line)) progress('coverage gate: running the tests');
        },
      });
      scope.defer(() => p.stop(), `stop the CI command ${file}`);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        void p.stop();
      }, timeoutMs);
      const onAbort = (): void => void p.stop();
      signal.addEventListener('abort', onAbort, { once: true });
      const status = await p.exited;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      const ms = Date.now() - started;
      const coverageAt = mtime(at(COVERAGE_SUMMARY));
      const mutationAt = mtime(at(MUTATION_REPORT));
      const report = mutationAt === null ? null : readMutationReport(at(MUTATION_REPORT));
      return {
        code: status.notFound ? 127 : status.exitCode,
        timedOut,
        ms,
        lines,
        coverage: coverageAt === null ? null : readCoverage(at(COVERAGE_SUMMARY)),
        mutation: report && typeof report !== 'string' ? mutationCounts(report) : null,
        report: report && typeof report !== 'string' ? report : null,
        reportProblem: typeof report === 'string' ? report : null,
        coverageThresholdErrors: lines.filter((l) => COVERAGE_ERROR.test(l)).map((l) => COVERAGE_ERROR.exec(l)![0]),
        breakLine: lines.map((l) => BREAK_LINE.exec(l)?.[0]).find((l) => l !== undefined) ?? null,
        coverageMs: vitestStart !== null && coverageAt !== null && coverageAt >= vitestStart ? Math.round(coverageAt - vitestStart) : null,
        mutationMs: strykerStart !== null && mutationAt !== null && mutationAt >= strykerStart ? Math.round(mutationAt - strykerStart) : null,
      };
    },
  };
}
