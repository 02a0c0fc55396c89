/**
 * ZAP's baseline scan (`zap-baseline.py` in the `zaproxy/zap-stable` image) when Docker or podman has that image
 * here. A verify never pulls: a missing image is a note with the pull command. ZAP's spider cannot find an API's
 * endpoints (nothing links to them), so a hook file has ZAP request each one before its passive scan.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { findBinary } from '../../../services/service-resolver.js';
import { endpointUrl, templateOf, type Endpoint } from './endpoints.js';
import { runTool } from './tool-run.js';
import type { Finding, Severity } from './types.js';

export const ZAP_IMAGE = 'zaproxy/zap-stable';
export const ZAP_PULL = `docker pull ${ZAP_IMAGE}`;

export type ZapEngine = { readonly ok: true; readonly engine: 'docker' | 'podman'; readonly path: string } | { readonly ok: false; readonly why: string };

/** Docker or podman on PATH with ZAP's image already present (inspected, never pulled). */
export async function findZapEngine(deps: Deps): Promise<ZapEngine> {
  const reasons: string[] = [];
  for (const engine of ['docker', 'podman'] as const) {
    const path = findBinary(deps, engine);
    if (!path) continue;
    const args = engine === 'docker' ? ['image', 'inspect', ZAP_IMAGE] : ['image', 'exists', ZAP_IMAGE];
    const r = await deps.runner.run(path, args, { timeoutMs: 15_000, env: deps.env });
    if (r.ok) return { ok: true, engine, path };
    const daemon = /cannot connect|daemon/i.test(r.stderr) ? `${engine} cannot reach its daemon` : `ZAP image not present: ${ZAP_PULL}`;
    reasons.push(daemon);
  }
  return { ok: false, why: reasons.length ? reasons.join('; ') : 'neither docker nor podman is on PATH' };
}

/** The hook zap-baseline.py loads (`--hook`): it requests each endpoint so ZAP's passive rules see it. */
export function zapHook(urls: readonly string[]): string {
  return [
    '# Written by roadmap verify: an API has no links for the spider, so ZAP requests each endpoint itself.',
    `URLS = ${JSON.stringify(urls)}`,
    '',
    'def zap_started(zap, target):',
    '    for url in URLS:',
    '        zap.core.access_url(url=url, followredirects=True)',
    '',
  ].join('\n');
}

/**
 * The container command. Linux: host networking, so the target on 127.0.0.1 is reachable as is. Elsewhere
 * (Docker Desktop) the host is `host.docker.internal`. The work folder is mounted at /zap/wrk, where ZAP writes
 * `report.json`.
 */
export function zapCommand(options: { readonly engine: 'docker' | 'podman'; readonly baseUrl: string; readonly workDir: string; readonly minutes: number; readonly platform: string }): { args: string[]; target: string } {
  const linux = options.platform === 'linux';
  const target = linux ? options.baseUrl : options.baseUrl.replace(/\/\/(127\.0\.0\.1|localhost)\b/, '//host.docker.internal');
  const args = [
    'run',
    '--rm',
    ...(linux ? ['--network', 'host'] : []),
    '-v',
    `${options.workDir}:/zap/wrk/:rw`,
    ZAP_IMAGE,
    'zap-baseline.py',
    '-t',
    target,
    '-J',
    'report.json',
    '-m',
    String(options.minutes),
    '--hook=/zap/wrk/roadmap_hook.py',
    // Warnings and failures are in the report; exit codes 1 and 2 only say that there are some.
    '-I',
  ];
  return { args, target };
}

const instance = z.object({ uri: z.string(), method: z.string().optional(), param: z.string().optional(), evidence: z.string().optional() }).passthrough();
const alert = z
  .object({
    pluginid: z.string(),
    alert: z.string().optional(),
    name: z.string().optional(),
    riskcode: z.string(),
    instances: z.array(instance).optional(),
  })
  .passthrough();
const zapReport = z.object({ '@version': z.string().optional(), site: z.array(z.object({ '@name': z.string(), alerts: z.array(alert) }).passthrough()) }).passthrough();

const RISK: Readonly<Record<string, Severity>> = { '3': 'high', '2': 'medium', '1': 'low', '0': 'informational' };

/** ZAP's traditional JSON report (`-J`): one finding per alert instance; `version` from `@version`. */
export function parseZapReport(json: string, endpoints: readonly Endpoint[], localBase?: string): { findings: Finding[]; version: string } {
  const parsed = zapReport.parse(JSON.parse(json));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const site of parsed.site) {
    for (const a of site.alerts) {
      const severity = RISK[a.riskcode] ?? 'informational';
      for (const i of a.instances ?? [{ uri: site['@name'] }]) {
        // Back to the URL the verifier knows (host.docker.internal → 127.0.0.1 on Docker Desktop).
        const url = localBase ? i.uri.replace(/^https?:\/\/host\.docker\.internal(:\d+)?/, new URL(localBase).origin) : i.uri;
        const method = i.method ?? 'GET';
        const key = [a.pluginid, severity, method, url, i.param ?? ''].join(' ');
        if (seen.has(key)) continue;
        seen.add(key);
        const endpoint = templateOf(endpoints, method, url);
        findings.push({
          tool: 'zap',
          ruleId: a.pluginid,
          name: a.alert ?? a.name ?? a.pluginid,
          severity,
          url,
          method,
          ...(endpoint ? { endpoint } : {}),
          ...(i.param ? { param: i.param } : {}),
          ...(i.evidence ? { evidence: i.evidence.slice(0, 300) } : {}),
        });
      }
    }
  }
  return { findings, version: parsed['@version'] ?? 'unknown' };
}

/** Runs the baseline in the container and parses its report. */
export async function runZapBaseline(
  deps: Pick<Deps, 'runner' | 'env'>,
  engine: { readonly engine: 'docker' | 'podman'; readonly path: string },
  options: { readonly baseUrl: string; readonly endpoints: readonly Endpoint[]; readonly workDir: string; readonly signal: AbortSignal; readonly progress: (status: string) => void; readonly timeLimitMs: number; readonly platform: string },
): Promise<{ findings: Finding[]; version: string; notes: string[] }> {
  const dir = join(options.workDir, 'zap');
  mkdirSync(dir, { recursive: true });
  // ZAP runs as its own user (uid 1000) in the container and must write its report here.
  chmodSync(dir, 0o777);
  const { args, target } = zapCommand({ engine: engine.engine, baseUrl: options.baseUrl, workDir: dir, minutes: Math.max(1, Math.floor(options.timeLimitMs / 120_000)), platform: options.platform });
  const urls = options.endpoints.map((e) => endpointUrl(target, e));
  writeFileSync(join(dir, 'roadmap_hook.py'), zapHook(urls));
  options.progress(`zap: baseline on ${urls.length} endpoints`);
  const run = await runTool(deps, engine.path, args, { signal: options.signal, timeoutMs: options.timeLimitMs, logFile: join(dir, 'stdout.log') });
  const reportFile = join(dir, 'report.json');
  if (run.aborted) return { findings: [], version: 'unknown', notes: ['zap: interrupted'] };
  if (!existsSync(reportFile)) {
    const last = run.lines.filter((l) => l.trim()).at(-1)?.trim() ?? '(no output)';
    throw new Error(`zap-baseline.py wrote no report (exit ${run.exitCode ?? 'on a signal'}): ${last.slice(0, 160)}`);
  }
  return { ...parseZapReport(readFileSync(reportFile, 'utf8'), options.endpoints, options.baseUrl), notes: [] };
}
