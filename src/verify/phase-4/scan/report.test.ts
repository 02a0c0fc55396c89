import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareReports, readSecurityReport, writeSecurityReport } from './report.js';
import type { Finding, ScanResult } from './types.js';

const sqli = (id: number): Finding => ({ tool: 'sqlmap', ruleId: '40018', name: 'SQL Injection', severity: 'high', url: `http://127.0.0.1:4000/documents/${id}`, method: 'GET', endpoint: 'GET /documents/:id', param: 'id', evidence: 'UNION query: ...' });
const header = (port: number): Finding => ({ tool: 'passive', ruleId: '10021', name: 'X-Content-Type-Options Header Missing', severity: 'low', url: `http://127.0.0.1:${port}/health`, method: 'GET', endpoint: 'GET /health' });
const result = (findings: Finding[], over: Partial<ScanResult> = {}): ScanResult => ({
  scanner: 'wapiti+sqlmap+passive',
  why: 'ZAP could not run here',
  tools: [{ name: 'wapiti', version: '3.0.4' }],
  target: 'http://127.0.0.1:4000',
  endpoints: 2,
  surface: ['GET /documents/:id', 'GET /health'],
  findings,
  durationMs: 1234,
  notes: [],
  ...over,
});

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('security report', () => {
  it('round-trips, sorted by severity, with the same bytes whatever the order found', () => {
    dir = mkdtempSync(join(tmpdir(), 'roadmap-scan-report-'));
    const written = writeSecurityReport(dir, result([header(4000), sqli(612)]));
    const first = readFileSync(written.json, 'utf8');
    const read = readSecurityReport(dir);
    expect(read.ok && read.result.findings.map((f) => f.severity)).toEqual(['high', 'low']);
    writeSecurityReport(dir, result([sqli(612), header(4000)]));
    expect(readFileSync(written.json, 'utf8')).toBe(first);
    const md = readFileSync(written.md, 'utf8');
    expect(md).toContain('Scanner: **wapiti+sqlmap+passive**');
    expect(md).toContain('| 1 | 0 | 1 | 0 |');
    expect(md).toContain('| high | 40018 | SQL Injection | sqlmap | GET /documents/:id | http://127.0.0.1:4000/documents/612 | id |');
  });

  it('gives one line for a missing or malformed file', () => {
    dir = mkdtempSync(join(tmpdir(), 'roadmap-scan-report-'));
    expect(readSecurityReport(dir)).toEqual({ ok: false, error: `${join(dir, 'security.json')} does not exist` });
    writeFileSync(join(dir, 'security.json'), '{"scanner":');
    expect(readSecurityReport(dir)).toMatchObject({ ok: false, error: expect.stringMatching(/security\.json is not JSON: /) });
    writeFileSync(join(dir, 'security.json'), JSON.stringify({ ...result([]), findings: [{ ...sqli(1), severity: 'critical' }] }));
    const bad = readSecurityReport(dir);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/security\.json: findings\.0\.severity: /);
    expect(!bad.ok && bad.error).not.toContain('\n');
  });

  it('compares by endpoint template: a rerun on a reseeded database (other ids, another port) matches', () => {
    expect(compareReports(result([sqli(612), header(4000)]), result([sqli(977), header(5111)]))).toEqual({ matches: true, missingFromCommitted: [], notFoundAgain: [] });
    const { endpoint: _, ...noTemplate } = sqli(612);
    expect(compareReports(result([noTemplate]), result([{ ...noTemplate, url: 'http://127.0.0.1:4000/documents/977' }])).matches).toBe(true);
  });

  it('says what is new and what is gone', () => {
    const fixed = compareReports(result([sqli(612), header(4000)]), result([header(4000)]));
    expect(fixed.matches).toBe(false);
    expect(fixed.notFoundAgain.map((f) => f.ruleId)).toEqual(['40018']);
    expect(fixed.missingFromCommitted).toEqual([]);
    const worse = compareReports(result([header(4000)]), result([header(4000), { ...header(4000), severity: 'medium' }]));
    expect(worse.missingFromCommitted.map((f) => f.severity)).toEqual(['medium']);
  });
});
