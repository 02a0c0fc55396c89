/**
 * wapiti 3 as the DAST baseline when ZAP cannot run: its attack modules on the surface's URLs (given as start
 * URLs: an API has no links to crawl), bounded in time, its JSON report parsed into findings. Its categories are
 * mapped to ZAP's rule ids where ZAP has the same check, so reports compare across scanners.
 */
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { endpointUrl, templateOf, type Endpoint } from './endpoints.js';
import { runTool } from './tool-run.js';
import type { Finding, Severity } from './types.js';

/**
 * wapiti 3.0's modules that make sense against a JSON API on loopback within a minute. Left out: blindsql
 * (time-based, slow; sqlmap tests the same parameters), ssrf and xxe (they call wapiti's public endpoint
 * wapiti3.ovh, which a verify must not and offline cannot reach), backup, buster, nikto and brute_login_form
 * (brute force, not a baseline), htaccess and shellshock (Apache/CGI), wapp (downloads its database), csrf (forms).
 */
export const WAPITI_MODULES = ['sql', 'exec', 'file', 'xss', 'permanentxss', 'crlf', 'redirect', 'methods', 'http_headers', 'cookieflags', 'csp'] as const;

export function wapitiArgs(options: { readonly baseUrl: string; readonly startUrls: readonly string[]; readonly reportFile: string; readonly sessionDir: string; readonly scanSeconds: number }): string[] {
  const base = options.baseUrl.replace(/\/+$/, '') + '/';
  const attackSeconds = Math.max(5, Math.round(options.scanSeconds / 3));
  return [
    '-u',
    base,
    '--scope',
    'folder',
    '-m',
    WAPITI_MODULES.join(','),
    ...options.startUrls.flatMap((u) => ['-s', u]),
    '-d',
    '1',
    '-l',
    '1',
    '-f',
    'json',
    '-o',
    options.reportFile,
    '--flush-session',
    '--store-session',
    options.sessionDir,
    '--store-config',
    options.sessionDir,
    '--max-scan-time',
    String(options.scanSeconds),
    '--max-attack-time',
    String(attackSeconds),
    '-t',
    '10',
    '-v',
    '1',
    '--no-bugreport',
  ];
}

const entry = z.object({
  method: z.string(),
  path: z.string(),
  info: z.string(),
  level: z.number(),
  parameter: z.string().optional(),
  http_request: z.string().optional(),
});
const section = z.record(z.string(), z.array(entry)).optional();
const report = z.object({
  vulnerabilities: section,
  anomalies: section,
  additionals: section,
  infos: z.object({ version: z.string().optional() }).passthrough().optional(),
});

/** wapiti's categories that ZAP has a rule for (the headers category is split by the header named in `info`). */
const CATEGORY_RULES: Readonly<Record<string, string>> = {
  'SQL Injection': '40018',
  'Blind SQL Injection': '40018',
  'Cross Site Scripting': '40012',
  'Stored Cross Site Scripting': '40014',
  'CRLF Injection': '40003',
  'Commands execution': '90020',
  'Path Traversal': '6',
  'Open Redirect': '20019',
  'Server Side Request Forgery': '40046',
  'XML External Entity': '90023',
  'Content Security Policy Configuration': '10038',
};
const HEADER_RULES: readonly [RegExp, string][] = [
  [/X-Frame-Options/i, '10020'],
  [/X-Content-Type-Options/i, '10021'],
  [/Strict-Transport-Security/i, '10035'],
];
const COOKIE_RULES: readonly [RegExp, string][] = [
  [/HttpOnly/i, '10010'],
  [/Secure/i, '10011'],
];

function ruleFor(category: string, info: string): string {
  if (CATEGORY_RULES[category]) return CATEGORY_RULES[category]!;
  // An unmapped header keeps its own name in the id, so two of them never compare as one.
  if (/header/i.test(category)) return HEADER_RULES.find(([p]) => p.test(info))?.[1] ?? `${category}: ${info.replace(/ is not set$/, '')}`;
  if (/cookie/i.test(category)) return COOKIE_RULES.find(([p]) => p.test(category))?.[1] ?? category;
  return category;
}

/** wapiti's levels: 1 low, 2 medium, 3 high, 4 critical (newer versions; also high here), 0 informational. */
export function wapitiSeverity(level: number): Severity {
  if (level >= 3) return 'high';
  if (level === 2) return 'medium';
  if (level === 1) return 'low';
  return 'informational';
}

/**
 * The findings of a wapiti JSON report. Vulnerabilities keep wapiti's level. Anomalies (a 500 while injecting, a
 * timeout) are not vulnerabilities, and wapiti's own report keeps them apart: they are at most low here, and the
 * passive check 90022 judges whether an error page discloses anything.
 */
export function parseWapitiReport(json: string, baseUrl: string, endpoints: readonly Endpoint[]): Finding[] {
  const parsed = report.parse(JSON.parse(json));
  const origin = new URL(baseUrl).origin;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (category: string, e: z.infer<typeof entry>, level: Severity): void => {
    let severity = level;
    const url = origin + e.path;
    const ruleId = ruleFor(category, e.info);
    // HSTS means nothing over plain http (browsers ignore it there; ZAP raises nothing): informational only.
    if (ruleId === '10035' && url.startsWith('http:')) severity = 'informational';
    const key = [ruleId, severity, e.method, e.path, e.parameter ?? '', category === 'HTTP Secure Headers' ? e.info : ''].join(' ');
    if (seen.has(key)) return;
    seen.add(key);
    const endpoint = templateOf(endpoints, e.method, url);
    findings.push({
      tool: 'wapiti',
      ruleId,
      name: `${category}: ${e.info}`.slice(0, 160),
      severity,
      url,
      method: e.method,
      ...(endpoint ? { endpoint } : {}),
      ...(e.parameter ? { param: e.parameter } : {}),
      evidence: (e.http_request?.split('\n')[0] ?? e.info).slice(0, 300),
    });
  };
  for (const [category, list] of Object.entries(parsed.vulnerabilities ?? {})) for (const e of list) add(category, e, wapitiSeverity(e.level));
  for (const [category, list] of Object.entries(parsed.anomalies ?? {})) for (const e of list) add(category, e, wapitiSeverity(Math.min(e.level, 1)));
  return findings;
}

/** `Wapiti-3.0.4 (wapiti.sourceforge.io)` / `Wapiti 3.0.4` → `3.0.4`. */
export function parseWapitiVersion(output: string): string {
  return /Wapiti[- ](\d+(?:\.\d+)+)/i.exec(output)?.[1] ?? 'unknown';
}

export interface WapitiRun {
  readonly findings: Finding[];
  readonly notes: string[];
}

/** Runs wapiti on the surface for about `scanSeconds` (stopped for good 30 s later, or on `signal`). */
export async function runWapiti(
  deps: Pick<Deps, 'runner' | 'env'>,
  wapiti: string,
  options: { readonly baseUrl: string; readonly endpoints: readonly Endpoint[]; readonly workDir: string; readonly signal: AbortSignal; readonly progress: (status: string) => void; readonly scanSeconds: number },
): Promise<WapitiRun> {
  const dir = join(options.workDir, 'wapiti');
  mkdirSync(dir, { recursive: true });
  const reportFile = join(dir, 'report.json');
  const args = wapitiArgs({ baseUrl: options.baseUrl, startUrls: options.endpoints.map((e) => endpointUrl(options.baseUrl, e)), reportFile, sessionDir: join(dir, 'session'), scanSeconds: options.scanSeconds });
  options.progress(`wapiti: ${WAPITI_MODULES.length} modules on ${options.endpoints.length} endpoints (up to ${options.scanSeconds} s)`);
  const run = await runTool(deps, wapiti, args, {
    signal: options.signal,
    timeoutMs: (options.scanSeconds + 30) * 1000,
    logFile: join(dir, 'stdout.log'),
    onLine: (line) => {
      const module = /^\[\*\] Launching module (\w+)/.exec(line.trim());
      if (module) options.progress(`wapiti: module ${module[1]}`);
    },
  });
  if (run.aborted) return { findings: [], notes: ['wapiti: interrupted'] };
  if (!existsSync(reportFile)) {
    const last = run.lines.filter((l) => l.trim()).at(-1)?.trim() ?? '(no output)';
    throw new Error(`wapiti wrote no report (exit ${run.exitCode ?? 'on a signal'}${run.timedOut ? ', stopped at its time limit' : ''}): ${last.slice(0, 160)}`);
  }
  const notes = run.timedOut ? [`wapiti: stopped ${options.scanSeconds + 30} s in; its report may be partial`] : [];
  return { findings: parseWapitiReport(readFileSync(reportFile, 'utf8'), options.baseUrl, options.endpoints), notes };
}
