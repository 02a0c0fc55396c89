/**
 * Runs the domain package's tests with roadmap's own vitest, offline: DATABASE_URL, REDIS_URL and every other
 * service address unset, and every process under the network guard (network-guard.ts), whose log proves no
 * socket was opened. Line coverage of the package's sources comes from vitest's V8 provider.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Deps } from '../../deps.js';
import { nodeBinary } from '../../system/runtime.js';
import { NETWORK_GUARD_SOURCE } from './network-guard.js';
import { roadmapTool } from './tools.js';

export interface DomainTestRun {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  /** The first failing test and its message, in one line. */
  readonly firstFailure: string | null;
  /** Connections the guard refused (each a line: "connect to 127.0.0.1:5432"). */
  readonly connections: readonly string[];
  /** Processes the guard was armed in: at least one, or the proof proves nothing. */
  readonly guardedProcesses: number;
  /** Line coverage of the package's sources, percent; null when it could not be measured. */
  readonly lineCoverage: number | null;
  /** When vitest produced no report at all: its last line of output. */
  readonly crashed: string | null;
}

/** Names of the environment that point at services: none of them reaches the domain tests. */
const SERVICE_ENV = /^(DATABASE_URL|REDIS_URL|PG[A-Z]*|POSTGRES.*|REDIS.*|MONGO.*|AMQP.*|KAFKA.*|HTTPS?_PROXY|ALL_PROXY|.*_URL)$/i;

interface VitestJson {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
}

/** Runs the tests of the package in `packageDir` offline, writing its files to `workDir`. */
export async function runDomainTests(deps: Deps, packageDir: string, workDir: string): Promise<DomainTestRun> {
  const guard = join(workDir, 'network-guard.mjs');
  const netLog = join(workDir, 'network.log');
  const report = join(workDir, 'domain-tests.json');
  const coverageDir = join(workDir, 'coverage');
  writeFileSync(guard, NETWORK_GUARD_SOURCE);
  writeFileSync(netLog, '');
  const config = join(workDir, 'vitest.domain.config.mjs');
  writeFileSync(
    config,
    `export default ${JSON.stringify({
      test: {
        pool: 'forks',
        exclude: ['**/node_modules/**', '**/dist/**'],
        coverage: { enabled: true, provider: 'v8', include: ['src/**'], exclude: ['**/*.test.*', '**/*.spec.*', '**/*.d.ts'], reporter: ['json-summary'], reportsDirectory: coverageDir },
      },
    })};\n`,
  );
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(deps.env)) if (v !== undefined && !SERVICE_ENV.test(k) && k !== 'NODE_OPTIONS') env[k] = v;
  env.NODE_OPTIONS = `--import ${pathToFileURL(guard).href}`;
  env.ROADMAP_NET_LOG = netLog;
  const vitest = roadmapTool(deps, 'vitest', 'vitest.mjs');
  const run = (extra: readonly string[]) =>
    deps.runner.run(nodeBinary(), [vitest, 'run', '--root', packageDir, '--config', config, '--reporter=json', `--outputFile=${report}`, '--passWithNoTests', ...extra], {
      cwd: packageDir,
      env,
      timeoutMs: 120_000,
    });
  let r = await run([]);
  // A target whose vitest cannot load roadmap's coverage provider still gets its tests judged, without the figure.
  if (!existsSync(report) && /coverage/i.test(`${r.stderr}${r.stdout}`)) r = await run(['--coverage.enabled=false']);
  const notes = readFileSync(netLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { pid: number; what: string });
  const guardedProcesses = new Set(notes.filter((n) => n.what === 'armed').map((n) => n.pid)).size;
  const connections = [...new Set(notes.filter((n) => n.what !== 'armed').map((n) => n.what))];
  if (!existsSync(report)) {
    const last = `${r.stderr}\n${r.stdout}`.trim().split('\n').filter(Boolean).at(-1) ?? `exit ${r.exitCode}`;
    return { total: 0, passed: 0, failed: 0, firstFailure: null, connections, guardedProcesses, lineCoverage: null, crashed: last.slice(0, 240) };
  }
  const json = JSON.parse(readFileSync(report, 'utf8')) as VitestJson;
  const failedTest = json.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === 'failed').map((a) => ({ file: f.name, a }))).at(0);
  const summary = join(coverageDir, 'coverage-summary.json');
  const lineCoverage = existsSync(summary) ? (JSON.parse(readFileSync(summary, 'utf8')) as { total: { lines: { pct: number } } }).total.lines.pct : null;
  return {
    total: json.numTotalTests,
    passed: json.numPassedTests,
    failed: json.numFailedTests,
    firstFailure: failedTest ? `${failedTest.a.fullName}: ${(failedTest.a.failureMessages[0] ?? '').split('\n')[0]!.slice(0, 200)}` : null,
    connections,
    guardedProcesses,
    lineCoverage: typeof lineCoverage === 'number' ? lineCoverage : null,
    crashed: null,
  };
}
