/**
 * sqlmap on every query and path parameter of the surface, one run per parameter (path parameters through its `*`
 * marker). Its exit code is 0 whether or not it found anything, so its output is parsed: each injection point it
 * prints (`Parameter: q (GET)` and its `Type:` lines) is a high SQL Injection finding under ZAP's rule 40018.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Deps } from '../../../deps.js';
import { endpointLabel, endpointUrl, type Endpoint } from './endpoints.js';
import { mapLimited, runTool } from './tool-run.js';
import type { Finding } from './types.js';

/**
 * B(oolean), E(rror), U(nion): each answers in one or a few requests. T(ime-based) and S(tacked, which proves
 * itself by a pg_sleep) wait ≥ 5 s per probe and are the ones a busy 2-core machine makes flaky; a GET that
 * returns data is caught by B or U anyway.
 */
export const SQLMAP_TECHNIQUES = 'BEU';

export interface SqlmapTarget {
  readonly endpoint: Endpoint;
  readonly param: string;
  readonly where: 'query' | 'path';
  readonly url: string;
}

/** One target per query parameter and per path parameter; a path parameter's URL carries `*` after its value. */
export function sqlmapTargets(baseUrl: string, endpoints: readonly Endpoint[]): SqlmapTarget[] {
  const out: SqlmapTarget[] = [];
  for (const e of endpoints) {
    for (const param of Object.keys(e.query)) out.push({ endpoint: e, param, where: 'query', url: endpointUrl(baseUrl, e) });
    const template = e.template.split('/');
    for (const param of e.pathParams) {
      const u = new URL(endpointUrl(baseUrl, e));
      const segments = u.pathname.split('/');
      // The template's segments are the last ones of the path (the base URL may have a prefix of its own).
      segments[segments.length - template.length + template.indexOf(`:${param}`)] += '*';
      // Put together by hand: URL would percent-encode the `*` and sqlmap would not see its marker.
      const url = `${u.origin}${segments.join('/')}${u.search}`;
      out.push({ endpoint: e, param, where: 'path', url });
    }
  }
  return out;
}

/** sqlmap's arguments for one target: one parameter, non-interactive, low level and risk, its own output folder. */
export function sqlmapArgs(target: SqlmapTarget, outputDir: string, techniques = SQLMAP_TECHNIQUES): string[] {
  return [
    '-u',
    target.url,
    ...(target.where === 'query' ? ['-p', target.param] : []),
    '--batch',
    '--level=1',
    '--risk=1',
    `--technique=${techniques}`,
    // Its default answer ("reduce the number of requests" → Y) skips the UNION tests that catch a LIKE '%...%' search.
    '--answers=reduce the number of requests=N',
    `--output-dir=${outputDir}`,
    '--disable-coloring',
    '--flush-session',
    '--timeout=10',
    '--retries=1',
    '-v',
    '1',
  ];
}

export interface SqlmapInjection {
  /** As sqlmap names it: `q`, or `#1*` for a marked path segment. */
  readonly parameter: string;
  readonly place: string;
  readonly types: readonly { readonly type: string; readonly title: string; readonly payload: string }[];
}

/** The injection points in sqlmap's output (its `Parameter: x (GET)` blocks); none when it found nothing. */
export function parseSqlmapOutput(output: string): SqlmapInjection[] {
  const out: { parameter: string; place: string; types: { type: string; title: string; payload: string }[] }[] = [];
  let current: (typeof out)[number] | undefined;
  let type: { type: string; title: string; payload: string } | undefined;
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.trim();
    const parameter = /^Parameter: (.+?) \(([^)]+)\)$/.exec(line);
    if (parameter) {
      current = out.find((p) => p.parameter === parameter[1] && p.place === parameter[2]);
      if (!current) out.push((current = { parameter: parameter[1]!, place: parameter[2]!, types: [] }));
      type = undefined;
      continue;
    }
    if (line === '---') {
      if (type) current = undefined;
      type = undefined;
      continue;
    }
    if (!current) continue;
    const field = /^(Type|Title|Payload): (.*)$/.exec(line);
    if (!field) continue;
    if (field[1] === 'Type') current.types.push((type = { type: field[2]!, title: '', payload: '' }));
    else if (type && field[1] === 'Title') type.title = field[2]!;
    else if (type && field[1] === 'Payload') type.payload = field[2]!;
  }
  return out.filter((p) => p.types.length > 0);
}

/** A line worth a note: sqlmap could not reach or judge the target. */
function problemLine(lines: readonly string[]): string | undefined {
  return lines.find((l) => /\[CRITICAL\]/.test(l))?.replace(/^\[[\d:]+\]\s*/, '');
}

export interface SqlmapRun {
  readonly findings: Finding[];
  readonly tested: number;
  readonly notes: string[];
}

/**
 * Runs sqlmap on every parameter of `endpoints`, `concurrency` at once, each stopped after `perRunTimeoutMs`;
 * progress as `sqlmap: 3/5 parameters`.
 */
export async function runSqlmap(
  deps: Pick<Deps, 'runner' | 'env'>,
  sqlmap: string,
  options: {
    readonly baseUrl: string;
    readonly endpoints: readonly Endpoint[];
    readonly workDir: string;
    readonly signal: AbortSignal;
    readonly progress: (status: string) => void;
    /** @default 90000 */
    readonly perRunTimeoutMs?: number;
    /** @default 2 */
    readonly concurrency?: number;
    readonly techniques?: string;
  },
): Promise<SqlmapRun> {
  const targets = sqlmapTargets(options.baseUrl, options.endpoints);
  const findings: Finding[] = [];
  const notes: string[] = [];
  let done = 0;
  options.progress(`sqlmap: 0/${targets.length} parameters`);
  await mapLimited(targets, options.concurrency ?? 2, async (target, i) => {
    if (options.signal.aborted) return;
    const dir = join(options.workDir, 'sqlmap', String(i));
    mkdirSync(dir, { recursive: true });
    const run = await runTool(deps, sqlmap, sqlmapArgs(target, dir, options.techniques), {
      signal: options.signal,
      timeoutMs: options.perRunTimeoutMs ?? 90_000,
      logFile: join(dir, 'stdout.log'),
    });
    const label = `${endpointLabel(target.endpoint)} ${target.where} parameter ${target.param}`;
    if (run.timedOut) notes.push(`sqlmap: ${label} stopped after ${Math.round((options.perRunTimeoutMs ?? 90_000) / 1000)} s`);
    const problem = problemLine(run.lines);
    if (problem) notes.push(`sqlmap: ${label}: ${problem.slice(0, 160)}`);
    for (const injection of parseSqlmapOutput(run.lines.join('\n'))) {
      findings.push({
        tool: 'sqlmap',
        ruleId: '40018',
        name: 'SQL Injection',
        severity: 'high',
        url: target.url.replace('*', ''),
        method: 'GET',
        endpoint: endpointLabel(target.endpoint),
        param: target.param,
        evidence: injection.types.map((t) => `${t.type}: ${t.payload}`).join('; ').slice(0, 300),
      });
    }
    done += 1;
    options.progress(`sqlmap: ${done}/${targets.length} parameters`);
  });
  return { findings, tested: done, notes };
}

/** `1.7.2#stable` → `1.7.2`. */
export function parseSqlmapVersion(output: string): string {
  return /(\d+\.\d+(?:\.\d+)*)/.exec(output)?.[1] ?? 'unknown';
}
