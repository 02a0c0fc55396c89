/**
 * The security scan of `roadmap verify phase-4`: ZAP's baseline when Docker or podman has its image here, else
 * the real scanners this machine has — wapiti (DAST baseline), sqlmap on every parameter, and the passive checks
 * ZAP's baseline makes — named as such in the result. "No high severities" is judged on whichever ran.
 */
import type { Deps } from '../../../deps.js';
import { findBinary } from '../../../services/service-resolver.js';
import { missing, type Missing } from '../../frame.js';
import { endpointLabel, type Endpoint } from './endpoints.js';
import { collectExchanges, passiveFindings } from './passive.js';
import { parseSqlmapVersion, runSqlmap } from './sqlmap.js';
import type { Finding, ScanResult } from './types.js';
import { parseWapitiVersion, runWapiti } from './wapiti.js';
import { findZapEngine, runZapBaseline } from './zap.js';

export interface ScanOptions {
  /** The target's origin, e.g. `http://127.0.0.1:41234`. */
  readonly baseUrl: string;
  readonly endpoints: readonly Endpoint[];
  /** A folder of the check's own for the tools' reports and sessions. */
  readonly workDir: string;
  readonly signal: AbortSignal;
  progress(status: string): void;
  /** The whole scan's budget; wapiti gets about half of it, each sqlmap run a quarter. @default 180000 */
  readonly timeLimitMs?: number;
  /** Skip ZAP even when it could run (tests of the fallback; a learner's `--scanner` flag). @default false */
  readonly noZap?: boolean;
  /** @default process.platform, passed in by the caller */
  readonly platform?: string;
}

export const MISSING_SCANNERS = missing('needs wapiti and sqlmap (or Docker/podman with zaproxy/zap-stable)', 'apt-get install wapiti sqlmap, or docker pull zaproxy/zap-stable');

async function version(deps: Deps, path: string, parse: (out: string) => string): Promise<string> {
  const r = await deps.runner.run(path, ['--version'], { timeoutMs: 30_000, env: { ...deps.env, TERM: 'dumb' } });
  return parse(`${r.stdout}\n${r.stderr}`);
}

/**
 * Scans `baseUrl`'s endpoints: ZAP if runnable, else wapiti + sqlmap + passive; a `Missing` when neither set is
 * here (the check is skipped, never failed). Findings carry their endpoint's template so reruns compare.
 */
export async function scanTarget(deps: Deps, options: ScanOptions): Promise<ScanResult | Missing> {
  const started = deps.clock.now().getTime();
  const timeLimitMs = options.timeLimitMs ?? 180_000;
  const surface = options.endpoints.map(endpointLabel);
  const common = { target: options.baseUrl, endpoints: options.endpoints.length, surface };

  const zap = options.noZap ? ({ ok: false, why: 'ZAP not asked for' } as const) : await findZapEngine(deps);
  if (zap.ok) {
    const run = await runZapBaseline(deps, zap, { ...options, timeLimitMs, platform: options.platform ?? 'linux' });
    return {
      scanner: 'zap-baseline',
      why: `${zap.engine} has ${'zaproxy/zap-stable'}`,
      tools: [{ name: 'zap', version: run.version }],
      ...common,
      findings: run.findings,
      durationMs: deps.clock.now().getTime() - started,
      notes: run.notes,
    };
  }

  const wapiti = findBinary(deps, 'wapiti');
  const sqlmap = findBinary(deps, 'sqlmap');
  if (!wapiti || !sqlmap) return MISSING_SCANNERS;
  const notes: string[] = [];
  const tools = [
    { name: 'wapiti', version: await version(deps, wapiti, parseWapitiVersion) },
    { name: 'sqlmap', version: await version(deps, sqlmap, parseSqlmapVersion) },
    { name: 'passive (ZAP baseline rules)', version: '1' },
  ];

  options.progress('passive: headers, cookies, CORS, error pages');
  const passive = await collectExchanges(options.baseUrl, options.endpoints, options.signal);
  notes.push(...passive.notes);
  const findings: Finding[] = passiveFindings(passive.exchanges);

  // wapiti and sqlmap one after the other: two cores, and sqlmap already runs two at once.
  const w = await runWapiti(deps, wapiti, { ...options, scanSeconds: Math.max(15, Math.round(timeLimitMs / 2000)) });
  findings.push(...w.findings);
  notes.push(...w.notes);
  const s = await runSqlmap(deps, sqlmap, { ...options, perRunTimeoutMs: Math.max(30_000, Math.round(timeLimitMs / 4)) });
  findings.push(...s.findings);
  notes.push(`sqlmap: tested ${s.tested} parameter(s)`, ...s.notes);

  return {
    scanner: 'wapiti+sqlmap+passive',
    why: `ZAP could not run here (${zap.why}); wapiti and sqlmap could`,
    tools,
    ...common,
    findings,
    durationMs: deps.clock.now().getTime() - started,
    notes,
  };
}
