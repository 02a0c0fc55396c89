/**
 * The security checks that drive the running target: the scan (ZAP's baseline, or wapiti + sqlmap + ZAP's
 * passive rules) of its read surface, compared with the report committed in its reports/, and the OAuth 2.1 flow
 * against the learner's authorization server, whose access token must then open the API's writes.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { figure, type Figure } from '../../core/criteria.js';
import { findBinary } from '../../services/service-resolver.js';
import { isMissing, type CheckContext, type CheckOutcome, type FixtureSpec, type Missing } from '../frame.js';
import { getJson } from '../kit/http.js';
import { startServer } from '../kit/process.js';
import { z } from 'zod';
import { apiEnv, Document, edited, hotIds, seededDatabase, serve } from '../phase-2/index.js';
import { checkOAuth } from './oauth.js';
import { endpoint, type Endpoint } from './scan/endpoints.js';
import { compareReports, findingKey, readSecurityReport, SECURITY_JSON, writeSecurityReport } from './scan/report.js';
import { MISSING_SCANNERS, scanTarget } from './scan/scan.js';
import { countBySeverity, type Finding, type ScanResult } from './scan/types.js';
import { findZapEngine } from './scan/zap.js';
import { AUDIENCE, startIssuer, WRITE_SCOPE } from './jwt.js';

/** A scanner this machine can run: ZAP's image under Docker or podman, or wapiti and sqlmap. */
export const scanners: FixtureSpec<string> = {
  id: 'tool:security-scanner',
  label: 'a security scanner (ZAP, or wapiti and sqlmap)',
  async probe(deps) {
    const zap = await findZapEngine(deps);
    if (zap.ok) return { ok: true, detail: `ZAP baseline (${zap.engine})` };
    if (findBinary(deps, 'wapiti') && findBinary(deps, 'sqlmap')) return { ok: true, detail: `wapiti and sqlmap (ZAP: ${zap.why})` };
    return { ok: false, detail: 'none', fix: MISSING_SCANNERS.fix };
  },
  async resolve(ctx): Promise<string | Missing> {
    const probe = await scanners.probe(ctx.deps);
    return probe.ok ? probe.detail : MISSING_SCANNERS;
  },
};

/** The read surface of the phase 2 contract, with a real id and slug of the seeded database. */
function surface(id: string, slug: string | undefined): Endpoint[] {
  return [
    endpoint('/health'),
    endpoint('/documents', {}, { limit: '5' }),
    endpoint('/documents/:id', { id }),
    ...(slug ? [endpoint('/documents/by-slug/:slug', { slug })] : []),
    endpoint('/search', {}, { q: 'stream' }),
  ];
}

/** The scan of a freshly seeded target, started as it would be deployed (writes behind tokens). Once per run. */
export function sharedScan(ctx: CheckContext): Promise<ScanResult | Missing> {
  return ctx.shared('scan', async () => {
    const db = await seededDatabase(ctx);
    const issuer = await startIssuer(ctx);
    const api = await serve(ctx, { ...apiEnv(db.url, null), AUTH_ISSUER: issuer.issuer, AUTH_AUDIENCE: AUDIENCE, AUTH_JWKS_URL: issuer.jwksUrl });
    const [id] = await hotIds(api.url, 1);
    const doc = await getJson(api.url, `/documents/${id!}`, Document);
    const slug = typeof doc.slug === 'string' ? doc.slug : undefined;
    const dir = join(ctx.workDir, 'scan');
    mkdirSync(dir, { recursive: true });
    const result = await scanTarget(ctx.deps, { baseUrl: api.url, endpoints: surface(String(id), slug), workDir: dir, signal: ctx.signal, progress: (s) => ctx.progress(`scan: ${s}`), timeLimitMs: 180_000 });
    await api.server.stop();
    return result;
  });
}

const label = (f: Finding): string => `${f.severity} ${f.ruleId} ${f.name} on ${f.endpoint ?? f.url}${f.param ? ` (${f.param})` : ''}`;

/** Figures of a scan: its findings by severity, 0 high. */
export function scanOutcome(result: ScanResult): CheckOutcome {
  const counts = countBySeverity(result.findings);
  const highs = result.findings.filter((f) => f.severity === 'high');
  return {
    figures: [
      figure(`high findings (${result.scanner})`, counts.high, 'findings', { op: '=', value: 0 }),
      figure('medium findings', counts.medium, 'findings'),
      figure('low findings', counts.low, 'findings'),
      figure('informational findings', counts.informational, 'findings'),
      figure('endpoints scanned', result.endpoints, 'endpoints', { op: '>=', value: 1 }),
      figure('scan time', Math.round(result.durationMs / 100) / 10, 's'),
    ],
    failures: [...new Map(highs.map((f) => [findingKey(f), `the scan found ${label(f)}${f.evidence ? `: ${f.evidence.slice(0, 120)}` : ''}`])).values()],
  };
}

/** Informational findings come and go with timing; the comparison is about what a reviewer acts on. */
const counted = (r: ScanResult): ScanResult => ({ ...r, findings: r.findings.filter((f) => f.severity !== 'informational') });

/** The committed report against the fresh scan (after writing it there when asked). */
export function committedReport(ctx: CheckContext, fresh: ScanResult): CheckOutcome {
  const dir = join(ctx.project.dir, 'reports');
  if (ctx.options.saveSecurityReport === true) {
    mkdirSync(dir, { recursive: true });
    writeSecurityReport(dir, fresh);
    ctx.progress(`wrote ${join('reports', SECURITY_JSON)} and security.md`);
  }
  const committed = readSecurityReport(dir);
  if (!committed.ok) {
    return {
      figures: [figure('security report in reports/', 0, '', { op: '=', value: 1 })],
      failures: [`${committed.error}: run \`roadmap verify phase-4 --save-security-report\` and commit reports/security.json and security.md`],
    };
  }
  const c = compareReports(counted(committed.result), counted(fresh));
  const failures = [
    ...c.missingFromCommitted.slice(0, 5).map((f) => `the fresh scan found ${label(f)}, which reports/security.json does not list: scan again (--save-security-report) and commit it`),
    ...c.notFoundAgain.slice(0, 5).map((f) => `reports/security.json lists ${label(f)}, which the fresh scan no longer finds: scan again (--save-security-report) and commit it`),
  ];
  return {
    figures: [
      figure('security report in reports/', 1, '', { op: '=', value: 1 }),
      figure('fresh findings missing from the committed report', c.missingFromCommitted.length, 'findings', { op: '=', value: 0 }),
      figure('committed findings not found again', c.notFoundAgain.length, 'findings', { op: '=', value: 0 }),
    ],
    failures,
  };
}

export async function zapReport(ctx: CheckContext): Promise<CheckOutcome> {
  const result = await sharedScan(ctx);
  if (isMissing(result)) return { figures: [], failures: [`${result.reason}: ${result.fix}`] };
  const scan = scanOutcome(result);
  const report = committedReport(ctx, result);
  return { figures: [...scan.figures, ...report.figures], failures: [...scan.failures, ...report.failures] };
}

const Metadata = z.looseObject({ jwks_uri: z.string() });
const REDIRECT_URI = 'http://127.0.0.1:53682/roadmap-callback';
const CLIENT_ID = 'roadmap-verify';
const USER = 'roadmap-learner';
const PASSWORD = 'roadmap-verify-password';

/**
 * The learner's authorization server (`authServer` of roadmap.project.json, `--port 0`) with roadmap's client and
 * account: the OAuth 2.1 rules, then a write on the API with the flow's access token.
 */
export async function oauthFlow(ctx: CheckContext, dbUrl: string): Promise<CheckOutcome> {
  const command = (ctx.project as { authServer?: readonly string[] }).authServer;
  if (!command?.length) {
    return { figures: [], failures: ['roadmap.project.json names no "authServer": add the command that starts your authorization server (it gets `--port 0` and prints {"event":"listening","url":ISSUER}; see the starter README)'] };
  }
  const env = { AUTH_CLIENT_ID: CLIENT_ID, AUTH_REDIRECT_URI: REDIRECT_URI, AUTH_AUDIENCE: AUDIENCE, AUTH_TEST_USER: USER, AUTH_TEST_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' };
  ctx.progress('the authorization server');
  const [file, ...first] = command;
  const auth = await startServer(
    {
      logFile: ctx.logFile,
      signal: ctx.signal,
      startTarget: (args, onLine, e) => {
        const p = ctx.deps.runner.start(file!, [...first, ...args], { cwd: ctx.project.dir, logFile: ctx.logFile, onLine, env: { ...ctx.deps.env, ...e } });
        ctx.defer(() => p.stop(), 'stop the authorization server');
        return p;
      },
    },
    ['--port', '0'],
    env,
  );
  const issuer = auth.url.replace(/\/$/, '');
  ctx.progress('OAuth 2.1: PKCE, the code flow, refresh rotation');
  const oauth = await checkOAuth({ issuer, clientId: CLIENT_ID, redirectUri: REDIRECT_URI, audience: AUDIENCE, username: USER, password: PASSWORD, scope: `${WRITE_SCOPE} offline_access` }, ctx.signal);
  const figures: Figure[] = [...oauth.figures];
  const failures = [...oauth.failures];
  if (oauth.accessToken) {
    const meta = await getJson(issuer, '/.well-known/openid-configuration', Metadata).catch(() => null);
    if (!meta) failures.push(`${issuer}/.well-known/openid-configuration has no jwks_uri: the API cannot find the keys`);
    else {
      const api = await serve(ctx, { ...apiEnv(dbUrl, null), AUTH_ISSUER: auth.url, AUTH_AUDIENCE: AUDIENCE, AUTH_JWKS_URL: meta.jwks_uri });
      const [id] = await hotIds(api.url, 1);
      const doc = await getJson(api.url, `/documents/${id!}`, Document);
      const res = await fetch(`${api.url}/documents/${id!}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${oauth.accessToken}` },
        body: JSON.stringify(edited(doc, `${doc.title} (oauth)`)),
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      figures.push(figure("status of a write with the authorization server's access token", res.status, '', { op: '=', value: 200 }));
      if (res.status !== 200) failures.push(`the API answered ${res.status} to a write with an access token from your authorization server: start it with AUTH_ISSUER=${auth.url} and AUTH_JWKS_URL=<its jwks_uri>`);
      await api.server.stop();
    }
  }
  await auth.stop();
  return { figures, failures };
}
