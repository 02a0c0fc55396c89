import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  readonly firstFailure: { readonly test: string; readonly message: string } | null;
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

/** vitest's command line for a learner's copy: its own config, the JSON reporter into `outputFile`. */
export function vitestArgs(packageRoot: string, dir: string, outputFile: string, watch: boolean): string[] {
  return [
    join(dependenciesDir(packageRoot), 'vitest/vitest.mjs'),
    watch ? '--watch' : 'run',
    '--root',
    dir,
    '--config',
    join(packageRoot, 'exercises/vitest.kata.config.mjs'),
    '--reporter=json',
    `--outputFile=${outputFile}`,
  ];
}

/** The verdict in vitest's JSON report: the first failing test (or the load error) and the counts. */
export function verdictFromVitest(json: VitestJson): Omit<CheckResult, 'durationMs'> {
  const failedAssertion = json.testResults.flatMap((t) => t.assertionResults).find((a) => a.status === 'failed');
  const suiteError = json.testResults.find((t) => t.status === 'failed' && t.message);
  const firstFailure = failedAssertion
    ? { test: failedAssertion.fullName, message: brief(failedAssertion.failureMessages[0] ?? '') }
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
    const r = await deps.runner.run(process.execPath, vitestArgs(deps.paths.packageRoot, dir, file, false), { cwd: dir, timeoutMs: 120_000 });
    let json: VitestJson;
    try {
      json = JSON.parse(readFileSync(file, 'utf8')) as VitestJson;
    } catch {
      return { passed: false, total: 0, failed: 0, firstFailure: { test: '(the tests did not run)', message: brief(r.stderr || r.stdout) } };
    }
    const v = verdictFromVitest(json);
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
