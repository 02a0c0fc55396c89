import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Kata } from '../content/kata.js';
import type { Deps } from '../deps.js';
import { RoadmapError } from '../errors.js';
import { dependenciesDir } from './kata-workspace.js';

export interface CheckResult {
  readonly passed: boolean;
  readonly total: number;
  readonly failed: number;
  readonly durationMs: number;
  /** The first failing test and the start of its message (expected vs received), or a compile/load error. */
  readonly firstFailure: Failure | null;
}

export interface Failure {
  readonly test: string;
  readonly message: string;
  /**
   * vitest's diff of expected and received (plain text, `- ` expected and `+ ` received lines), cut to the
   * lines around the first difference; absent when the assertion has none (a throw, a timeout, Go).
   */
  readonly diff?: string;
}

const ANSI = /\u001b\[[0-9;]*m/g;

function brief(message: string, lines = 10): string {
  return message.replace(ANSI, '').split('\n').filter((l) => !/^\s+at /.test(l)).slice(0, lines).join('\n').trim();
}

export interface VitestJson {
  numTotalTests: number;
  numFailedTests: number;
  testResults: { message?: string; status: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
}

// vitest's JSON reporter keeps only each error's message and stack, where "expected [ 'a', …(7) ] to deeply
// equal [ 'a', …(7) ]" can read the same on both sides; the diff it shows on a terminal is on the error it
// hands to reporters. This reporter writes those diffs, keyed by the JSON reporter's test names. It is a file
// vitest loads in its own process, so it is written into the run's temp folder (the CLI ships as a bundle).
const DIFF_REPORTER = `import { writeFileSync } from 'node:fs';
export default class DiffReporter {
  onTestRunEnd(modules) {
    const diffs = {};
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const titles = [];
        for (let p = t.parent; p && p.type === 'suite'; p = p.parent) titles.unshift(p.name);
        const diff = t.result().errors?.find((e) => typeof e.diff === 'string')?.diff;
        if (diff) diffs[[...titles, t.name].join(' ')] = diff;
      }
    }
    writeFileSync(new URL('./diffs.json', import.meta.url), JSON.stringify(diffs));
  }
}
`;

/** Writes the diff reporter into a run's report folder (the folder of vitestArgs' `outputFile`), before the run. */
export function writeDiffReporter(outDir: string): void {
  writeFileSync(join(outDir, 'diff-reporter.mjs'), DIFF_REPORTER);
}

/** The diffs the last run wrote beside its JSON report, by test name; none when it wrote none. */
export function readDiffs(outDir: string): Record<string, string> {
  try {
    return JSON.parse(readFileSync(join(outDir, 'diffs.json'), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/** How many lines of a diff to show: enough for the first difference with some context. */
const DIFF_LINES = 16;

/**
 * A vitest diff as plain text, cut so the first difference shows: the "- Expected / + Received" legend, a few
 * unchanged lines before the first change, and what follows up to DIFF_LINES lines in all ("…" marks a cut).
 */
export function briefDiff(diff: string): string {
  const lines = diff.replace(ANSI, '').split('\n');
  const legend = lines.slice(0, 2);
  const body = lines.slice(2).filter((l, i) => i > 0 || l.trim() !== '');
  const first = body.findIndex((l) => l.startsWith('-') || l.startsWith('+'));
  if (first < 0) return [...legend, '', ...body.slice(0, DIFF_LINES)].join('\n');
  // A cut of a line or two saves nothing: show those lines rather than a "…" in their place.
  const fits = (n: number): boolean => n <= DIFF_LINES + 2;
  const from = first - 3 <= 2 || fits(body.length) ? 0 : first - 3;
  const to = fits(body.length - from) ? body.length : from + DIFF_LINES;
  return [...legend, '', ...(from > 0 ? ['  …'] : []), ...body.slice(from, to), ...(to < body.length ? ['  …'] : [])].join('\n');
}

/**
 * vitest's command line for a learner's copy: its own config, the diff reporter (see writeDiffReporter) and
 * the JSON reporter into `outputFile`.
 */
export function vitestArgs(packageRoot: string, dir: string, outputFile: string, watch: boolean): string[] {
  return [
    join(dependenciesDir(packageRoot), 'vitest/vitest.mjs'),
    watch ? '--watch' : 'run',
    '--root',
    dir,
    '--config',
    join(packageRoot, 'exercises/vitest.kata.config.mjs'),
    // The diff reporter first: its file is complete before the JSON report, which watch mode waits for.
    `--reporter=${join(dirname(outputFile), 'diff-reporter.mjs')}`,
    '--reporter=json',
    `--outputFile.json=${outputFile}`,
  ];
}

/** The verdict in vitest's JSON report: the first failing test (or the load error) with its diff, and the counts. */
export function verdictFromVitest(json: VitestJson, diffs: Record<string, string> = {}): Omit<CheckResult, 'durationMs'> {
  const failedAssertion = json.testResults.flatMap((t) => t.assertionResults).find((a) => a.status === 'failed');
  const suiteError = json.testResults.find((t) => t.status === 'failed' && t.message);
  const diff = failedAssertion && diffs[failedAssertion.fullName];
  const firstFailure = failedAssertion
    ? { test: failedAssertion.fullName, message: brief(failedAssertion.failureMessages[0] ?? '', diff ? 1 : 10), ...(diff ? { diff: briefDiff(diff) } : {}) }
    : suiteError
      ? { test: '(the test file failed to load)', message: brief(suiteError.message!) }
      : null;
  const passed = json.numFailedTests === 0 && !suiteError && json.numTotalTests > 0;
  return { passed, total: json.numTotalTests, failed: json.numFailedTests || (suiteError ? 1 : 0), firstFailure };
}

async function runVitest(deps: Deps, dir: string): Promise<Omit<CheckResult, 'durationMs'>> {
  const out = mkdtempSync(join(tmpdir(), 'roadmap-kata-'));
  try {
    const file = join(out, 'result.json');
    writeDiffReporter(out);
    // vitest's own temp folder inside ours: stopped on Ctrl-C, vitest does not remove it itself.
    const r = await deps.runner.run(process.execPath, vitestArgs(deps.paths.packageRoot, dir, file, false), { cwd: dir, timeoutMs: 120_000, env: { ...deps.env, TMPDIR: out } });
    let json: VitestJson;
    try {
      json = JSON.parse(readFileSync(file, 'utf8')) as VitestJson;
    } catch {
      return { passed: false, total: 0, failed: 0, firstFailure: { test: '(the tests did not run)', message: brief(r.stderr || r.stdout) } };
    }
    const v = verdictFromVitest(json, readDiffs(out));
    return { ...v, passed: v.passed && r.exitCode === 0 };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function runGo(deps: Deps, dir: string): Promise<Omit<CheckResult, 'durationMs'>> {
  const r = await deps.runner.run('go', ['test', '-json', '-count=1', './...'], { cwd: dir, timeoutMs: 120_000 });
  if (r.notFound) throw new RoadmapError('go is not installed: install Go (https://go.dev/dl/, or Debian\'s golang-go) to check phase 8 katas');
  const events = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { Action: string; Test?: string; Output?: string });
  const tests = events.filter((e) => e.Test && !e.Test.includes('/') && (e.Action === 'pass' || e.Action === 'fail'));
  const failed = tests.filter((e) => e.Action === 'fail');
  const first = failed[0];
  const output = first ? events.filter((e) => e.Test === first.Test && e.Action === 'output').map((e) => e.Output ?? '').join('') : '';
  const buildError = tests.length === 0 && !r.ok ? brief(`${r.stdout.split('\n').filter((l) => !l.startsWith('{')).join('\n')}\n${r.stderr}`) : '';
  return {
    passed: r.ok && tests.length > 0 && failed.length === 0,
    total: tests.length,
    failed: failed.length || (buildError ? 1 : 0),
    firstFailure: first ? { test: first.Test!, message: brief(output.replace(/^=== RUN.*\n/gm, '')) } : buildError ? { test: '(the code does not compile)', message: buildError } : null,
  };
}

/** Runs a kata's tests against the learner's copy in `dir` and reads the verdict. */
export async function runKataTests(deps: Deps, kata: Kata, dir: string): Promise<CheckResult> {
  const t0 = performance.now();
  const r = kata.runner === 'go' ? await runGo(deps, dir) : await runVitest(deps, dir);
  return { ...r, durationMs: Math.round(performance.now() - t0) };
}
