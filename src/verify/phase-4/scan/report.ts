/**
 * The committed security report: `reports/security.json` (the ScanResult, stable key order, findings sorted,
 * no timestamps in findings, so a rerun's file differs only where the findings do) and `reports/security.md` for
 * people. `compareReports` says whether a fresh scan still finds what the committed one lists.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../../system/write-file-atomic.js';
import { countBySeverity, SEVERITIES, type Finding, type ScanResult } from './types.js';

export const SECURITY_JSON = 'security.json';
export const SECURITY_MD = 'security.md';

const severity = z.enum(['high', 'medium', 'low', 'informational']);
const finding = z.object({
  tool: z.enum(['zap', 'wapiti', 'sqlmap', 'passive']),
  ruleId: z.string(),
  name: z.string(),
  severity,
  url: z.string(),
  method: z.string(),
  endpoint: z.string().optional(),
  param: z.string().optional(),
  evidence: z.string().optional(),
});
const scanResult = z.object({
  scanner: z.enum(['zap-baseline', 'wapiti+sqlmap+passive']),
  why: z.string(),
  tools: z.array(z.object({ name: z.string(), version: z.string() })),
  target: z.string(),
  endpoints: z.number().int().nonnegative(),
  surface: z.array(z.string()),
  findings: z.array(finding),
  durationMs: z.number().nonnegative(),
  notes: z.array(z.string()),
});

/** Where a finding is, independent of this run's ids: its endpoint's template, else its path with numbers as `:id`. */
function place(f: Finding): string {
  if (f.endpoint) return f.endpoint;
  let path: string;
  try {
    path = new URL(f.url).pathname;
  } catch {
    path = f.url;
  }
  return `${f.method} ${path.replace(/\/\d+(?=\/|$)/g, '/:id')}`;
}

/** The key a finding is compared by: tool, rule, where (template), parameter and severity. */
export function findingKey(f: Finding): string {
  return [f.tool, f.ruleId, place(f), f.param ?? '', f.severity].join('|');
}

const rank = (f: Finding): number => SEVERITIES.indexOf(f.severity);

function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => rank(a) - rank(b) || (findingKey(a) < findingKey(b) ? -1 : findingKey(a) > findingKey(b) ? 1 : 0) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/** The result with its keys in one order and its findings sorted (the file's bytes depend on content only). */
function canonical(result: ScanResult): ScanResult {
  return {
    scanner: result.scanner,
    why: result.why,
    tools: result.tools.map((t) => ({ name: t.name, version: t.version })),
    target: result.target,
    endpoints: result.endpoints,
    surface: [...result.surface],
    findings: sortFindings(result.findings).map((f) => ({
      tool: f.tool,
      ruleId: f.ruleId,
      name: f.name,
      severity: f.severity,
      url: f.url,
      method: f.method,
      ...(f.endpoint !== undefined ? { endpoint: f.endpoint } : {}),
      ...(f.param !== undefined ? { param: f.param } : {}),
      ...(f.evidence !== undefined ? { evidence: f.evidence } : {}),
    })),
    durationMs: result.durationMs,
    notes: [...result.notes],
  };
}

const cell = (s: string | undefined): string => (s ?? '').replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

export function renderSecurityMarkdown(result: ScanResult): string {
  const r = canonical(result);
  const counts = countBySeverity(r.findings);
  const lines = [
    '# Security scan',
    '',
    `Scanner: **${r.scanner}** — ${r.why}.`,
    '',
    `Tools: ${r.tools.map((t) => `${t.name} ${t.version}`).join(', ')}.`,
    '',
    `Target: ${r.target} — ${r.endpoints} endpoint(s): ${r.surface.map((s) => `\`${s}\``).join(', ')}.`,
    '',
    `| high | medium | low | informational |`,
    `| ---: | ---: | ---: | ---: |`,
    `| ${counts.high} | ${counts.medium} | ${counts.low} | ${counts.informational} |`,
    '',
    counts.high === 0 ? 'No high severities.' : `**${counts.high} high severit${counts.high === 1 ? 'y' : 'ies'}.**`,
    '',
    '## Findings',
    '',
  ];
  if (r.findings.length === 0) lines.push('None.');
  else {
    lines.push('| severity | rule | name | tool | where | url | param | evidence |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const f of r.findings) lines.push(`| ${f.severity} | ${cell(f.ruleId)} | ${cell(f.name)} | ${f.tool} | ${cell(place(f))} | ${cell(f.url)} | ${cell(f.param)} | ${cell(f.evidence).slice(0, 160)} |`);
  }
  if (r.notes.length) lines.push('', '## Notes', '', ...r.notes.map((n) => `- ${n}`));
  return lines.join('\n') + '\n';
}

/** Writes `security.json` and `security.md` into `dir` (the project's reports/); returns their paths. */
export function writeSecurityReport(dir: string, result: ScanResult): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, SECURITY_JSON);
  const md = join(dir, SECURITY_MD);
  writeFileAtomic(json, JSON.stringify(canonical(result), null, 2) + '\n');
  writeFileAtomic(md, renderSecurityMarkdown(result));
  return { json, md };
}

/** The committed `security.json` of `dir`: the result, or a one-line reason it cannot be read. */
export function readSecurityReport(dir: string): { ok: true; result: ScanResult } | { ok: false; error: string } {
  const file = join(dir, SECURITY_JSON);
  if (!existsSync(file)) return { ok: false, error: `${file} does not exist` };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { ok: false, error: `${file} is not JSON: ${(error as Error).message.split('\n')[0]}` };
  }
  const parsed = scanResult.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}` };
  }
  return { ok: true, result: parsed.data };
}

export interface ReportComparison {
  readonly matches: boolean;
  /** Found by the fresh scan, not listed in the committed report. */
  readonly missingFromCommitted: Finding[];
  /** Listed in the committed report, not found again. */
  readonly notFoundAgain: Finding[];
}

/** Compares by `findingKey` (templates, not this run's ids), so a rerun on a freshly seeded database matches. */
export function compareReports(committed: ScanResult, fresh: ScanResult): ReportComparison {
  const committedKeys = new Set(committed.findings.map(findingKey));
  const freshKeys = new Set(fresh.findings.map(findingKey));
  const unique = (list: readonly Finding[]): Finding[] => [...new Map(list.map((f) => [findingKey(f), f])).values()];
  const missingFromCommitted = sortFindings(unique(fresh.findings.filter((f) => !committedKeys.has(findingKey(f)))));
  const notFoundAgain = sortFindings(unique(committed.findings.filter((f) => !freshKeys.has(findingKey(f)))));
  return { matches: missingFromCommitted.length === 0 && notFoundAgain.length === 0, missingFromCommitted, notFoundAgain };
}
