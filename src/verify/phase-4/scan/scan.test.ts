// Integration: the real scanners of this machine (wapiti, sqlmap) against real servers on 127.0.0.1 over the
// real Postgres. ZAP is left out (`noZap`): its image cannot be had here, and the fallback is what runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../../../system/test-deps.js';
import { startScanTarget, type ScanTarget } from '../../fixtures/scan-target.js';
import { isMissing } from '../../frame.js';
import { endpoint } from './endpoints.js';
import { readSecurityReport, writeSecurityReport, compareReports } from './report.js';
import { MISSING_SCANNERS, scanTarget } from './scan.js';
import { countBySeverity, type ScanResult } from './types.js';
import { runWapiti } from './wapiti.js';

const PG = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const surface = (t: ScanTarget) => [
  endpoint('/documents', {}, { limit: '5', cursor: '' }),
  endpoint('/documents/:id', { id: t.ids[0]! }),
  endpoint('/documents/by-slug/:slug', { slug: t.slugs[0]! }),
  endpoint('/search', {}, { q: 'stream' }),
  endpoint('/health'),
];

async function scan(deps: TestDeps, t: ScanTarget, workDir: string, progress: string[] = []): Promise<ScanResult> {
  const r = await scanTarget(deps, { baseUrl: t.url, endpoints: surface(t), workDir, signal: new AbortController().signal, progress: (s) => progress.push(s), timeLimitMs: 60_000, noZap: true });
  if (isMissing(r)) throw new Error(`scanners missing: ${r.reason}`);
  return r;
}

describe('scanTarget with wapiti + sqlmap + passive', () => {
  let deps: TestDeps;
  let workDir: string;
  beforeAll(() => {
    deps = createTestDeps({ runner: 'real', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    workDir = mkdtempSync(join(tmpdir(), 'roadmap-scan-'));
  });
  afterAll(async () => {
    await deps.dispose();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('finds the concatenated SQL of the vulnerable build (high, 40018) and its missing headers', { timeout: 240_000 }, async () => {
    const target = await startScanTarget(PG, 'vulnerable');
    try {
      const progress: string[] = [];
      const result = await scan(deps, target, join(workDir, 'vulnerable'), progress);
      expect(result.scanner).toBe('wapiti+sqlmap+passive');
      expect(result.tools.map((t) => t.name)).toEqual(['wapiti', 'sqlmap', 'passive (ZAP baseline rules)']);
      const sqli = result.findings.filter((f) => f.tool === 'sqlmap');
      expect(sqli.map((f) => `${f.ruleId} ${f.severity} ${f.endpoint} ${f.param}`)).toContain('40018 high GET /search q');
      expect(countBySeverity(result.findings).high).toBeGreaterThanOrEqual(1);
      const passive = new Set(result.findings.filter((f) => f.tool === 'passive').map((f) => f.ruleId));
      for (const id of ['10021', '10036', '10037', '10098', '90022']) expect(passive).toContain(id);
      expect(result.notes).toContain('sqlmap: tested 5 parameter(s)');
      expect(progress).toContain('sqlmap: 5/5 parameters');

      // What a rerun against a freshly seeded database (other ids, another port) compares to.
      writeSecurityReport(join(workDir, 'reports'), result);
      const committed = readSecurityReport(join(workDir, 'reports'));
      expect(committed.ok).toBe(true);
      const again = await startScanTarget(PG, 'vulnerable');
      try {
        const rerun = await scan(deps, again, join(workDir, 'rerun'));
        const sqlOnly = (r: ScanResult): ScanResult => ({ ...r, findings: r.findings.filter((f) => f.tool !== 'wapiti') });
        // wapiti's anomalies depend on which payloads fit in its time budget; sqlmap's and the passive findings do not.
        expect(compareReports(sqlOnly(committed.ok ? committed.result : result), sqlOnly(rerun))).toMatchObject({ matches: true });
      } finally {
        await again.close();
      }
    } finally {
      await target.close();
    }
  });

  it('finds no high severity on the hardened build', { timeout: 180_000 }, async () => {
    const target = await startScanTarget(PG, 'hardened');
    try {
      const result = await scan(deps, target, join(workDir, 'hardened'));
      expect(result.findings.filter((f) => f.severity === 'high')).toEqual([]);
      expect(result.findings.filter((f) => f.tool === 'passive' && f.severity !== 'informational')).toEqual([]);
      expect(result.notes).toContain('sqlmap: tested 5 parameter(s)');
    } finally {
      await target.close();
    }
  });
});

describe('runWapiti', () => {
  it('stops wapiti when the signal aborts', { timeout: 120_000 }, async () => {
    const deps = createTestDeps({ runner: 'real', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    const target = await startScanTarget(PG, 'vulnerable');
    const workDir = mkdtempSync(join(tmpdir(), 'roadmap-scan-'));
    try {
      const controller = new AbortController();
      const run = await runWapiti(deps, 'wapiti', {
        baseUrl: target.url,
        endpoints: surface(target),
        workDir,
        signal: controller.signal,
        // Aborted as soon as its first attack module starts.
        progress: (s) => s.startsWith('wapiti: module') && controller.abort(),
        scanSeconds: 600,
      });
      expect(run).toEqual({ findings: [], notes: ['wapiti: interrupted'] });
    } finally {
      await target.close();
      await deps.dispose();
      rmSync(workDir, { recursive: true, force: true });
    }
  });
});

describe('scanTarget without the scanners', () => {
  it('is Missing (skipped with how to install), not a failure', async () => {
    const deps = createTestDeps({ runner: 'real', env: { PATH: '/nonexistent' } });
    try {
      const r = await scanTarget(deps, { baseUrl: 'http://127.0.0.1:9', endpoints: [endpoint('/health')], workDir: tmpdir(), signal: new AbortController().signal, progress: () => {}, noZap: true });
      expect(r).toEqual(MISSING_SCANNERS);
      expect(MISSING_SCANNERS).toEqual({ missing: true, reason: 'needs wapiti and sqlmap (or Docker/podman with zaproxy/zap-stable)', fix: 'apt-get install wapiti sqlmap, or docker pull zaproxy/zap-stable' });
    } finally {
      await deps.dispose();
    }
  });
});
