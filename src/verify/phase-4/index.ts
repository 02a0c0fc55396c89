/**
 * Phase 4: quality gates and security on the docs API. The CI gates are proved by doing it in a copy of the target
 * (gates.ts): its CI command green, then failing on coverage with the domain's tests deleted, then failing on the
 * mutation score with assertions disabled. The security checks drive the running target through its phase 2
 * contract: access tokens from roadmap's own issuer, forged every way an attacker would (jwt.ts), the rate
 * limit, the OAuth 2.1 flow against the project's authorization server (security.ts), and the security scan,
 * compared with the report committed in its reports/.
 */
import { z } from 'zod';
import { figure, type Figure } from '../../core/criteria.js';
import { isMissing, type Check, type CheckContext, type CheckOutcome, type PhaseVerifier } from '../frame.js';
import { postgresServer, redis } from '../fixtures/services.js';
import { intOption } from '../options.js';
import { apiEnv, crawl, Document, edited, hotIds, phase2, seededDatabase, serve } from '../phase-2/index.js';
import { getJson } from '../kit/http.js';
import { COVERAGE_GOAL, MUTATION_GOAL, proveGates } from './gates.js';
import { AUDIENCE, checkTokens, startIssuer, tokenCases } from './jwt.js';
import { PHASE4_PAGES, phase4Options } from './options.js';
import { oauthFlow, scanners, scanOutcome, sharedScan, zapReport } from './security.js';

/** One CI run of the proof may take this long (Stryker cold on 2 cores is about 2 minutes for the reference). */
const CI_RUN_TIMEOUT_MS = 15 * 60_000;
/** The rate limit the target is started with for its check, per window. */
const RATE_LIMIT = 20;

/** The variables of the phase's contract: the phase 2 ones and the security settings the verifier passes. */
const SECURITY_ENV = ['AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_JWKS_URL', 'AUTH_CLOCK_TOLERANCE_SECONDS', 'RATE_LIMIT_MAX', 'RATE_LIMIT_WINDOW_MS', 'CORS_ORIGINS', 'BODY_LIMIT_BYTES'];
const CONTRACT_ENV = [...(phase2.contractEnv ?? []), ...SECURITY_ENV];

function ciCommand(ctx: CheckContext): readonly string[] {
  const ci = (ctx.project as { ci?: readonly string[] }).ci;
  if (!ci?.length) throw new Error('roadmap.project.json names no "ci" command');
  return ci;
}

/** roadmap's environment minus the contract's variables, and the fixtures' services: what the CI command gets. */
function ciEnv(ctx: CheckContext): Record<string, string> {
  const inherited = Object.fromEntries(Object.entries(ctx.deps.env).filter((e): e is [string, string] => typeof e[1] === 'string' && !CONTRACT_ENV.includes(e[0])));
  return { ...inherited, DATABASE_URL: ctx.fixture(postgresServer).url, REDIS_URL: ctx.fixture(redis).url };
}

const gatesNeeds = [postgresServer, redis];

function gatesCheck(id: string, mutation: boolean): Check {
  return {
    id,
    kind: 'static',
    needs: gatesNeeds,
    timeoutMs: () => 3 * CI_RUN_TIMEOUT_MS,
    check: (ctx) => ctx.shared(`gates:${mutation}`, () => proveGates(ctx, { ci: ciCommand(ctx), env: ciEnv(ctx), mutation, runTimeoutMs: CI_RUN_TIMEOUT_MS })),
  };
}

/** A PUT of a document (the contract's write) with `token`, on the API at `base`. */
function writer(base: string, id: string, body: Record<string, unknown>) {
  return async (token: string | null): Promise<{ status: number; body: string }> => {
    const res = await fetch(`${base}/documents/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: res.status, body: await res.text() };
  };
}

/** Requests until the first 429, and its Retry-After. */
async function rateLimit(base: string, limit: number): Promise<{ figures: Figure[]; failures: string[] }> {
  let first429: number | null = null;
  let retryAfter: string | null = null;
  const attempts = limit + 10;
  for (let i = 1; i <= attempts && first429 === null; i++) {
    const res = await fetch(`${base}/documents?limit=1`, { signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    if (res.status === 429) [first429, retryAfter] = [i, res.headers.get('retry-after')];
  }
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter) ? Number(retryAfter) : null;
  const figures = [figure(`requests answered before the first 429 (RATE_LIMIT_MAX=${limit})`, first429 === null ? attempts : first429 - 1, 'requests', { op: '=', value: limit })];
  if (seconds !== null) figures.push(figure('Retry-After of the 429', seconds, 's', { op: '>=', value: 1 }));
  const failures: string[] = [];
  if (first429 === null) failures.push(`${attempts} requests in a row with RATE_LIMIT_MAX=${limit} were never answered 429: read RATE_LIMIT_MAX and RATE_LIMIT_WINDOW_MS (@fastify/rate-limit)`);
  else if (seconds === null) failures.push(`the 429 has ${retryAfter === null ? 'no Retry-After header' : `Retry-After "${retryAfter}"`}: say in seconds when to come back`);
  return { figures, failures };
}

async function tokensAndLimits(ctx: CheckContext): Promise<CheckOutcome> {
  const db = await seededDatabase(ctx);
  const issuer = await startIssuer(ctx);
  ctx.progress('the API with roadmap as its token issuer');
  const api = await serve(ctx, {
    ...apiEnv(db.url, null),
    AUTH_ISSUER: issuer.issuer,
    AUTH_AUDIENCE: AUDIENCE,
    AUTH_JWKS_URL: issuer.jwksUrl,
    RATE_LIMIT_MAX: String(RATE_LIMIT),
    RATE_LIMIT_WINDOW_MS: '60000',
  });
  const [id] = await hotIds(api.url, 1);
  const doc = await getJson(api.url, `/documents/${id!}`, Document);
  ctx.progress('writes with forged access tokens');
  // The token checks come before the rate limit's (RATE_LIMIT requests at most: the 11 writes and 2 reads fit).
  const tokens = await checkTokens(tokenCases(issuer), writer(api.url, String(id), edited(doc, `${doc.title} (verified)`)));
  await api.server.stop();
  ctx.progress('the rate limit');
  const limited = await serve(ctx, { ...apiEnv(db.url, null), RATE_LIMIT_MAX: String(RATE_LIMIT), RATE_LIMIT_WINDOW_MS: '60000' });
  const limits = await rateLimit(limited.url, RATE_LIMIT);
  await limited.server.stop();
  const oauth = await oauthFlow(ctx, db.url);
  return {
    figures: [...tokens.figures, figure('JWKS fetches by the API', issuer.fetches(), 'fetches', { op: '>=', value: 1 }), ...limits.figures, ...oauth.figures],
    failures: [...tokens.failures, ...limits.failures, ...oauth.failures],
  };
}

const authConformance: Check = {
  id: 'auth-conformance',
  kind: 'static',
  needs: [postgresServer, crawl],
  timeoutMs: () => 300_000,
  check: tokensAndLimits,
};

/** Stage 3's scan: 0 high findings (the criterion also compares with the committed report). */
const securityScan: Check = {
  id: 'security-scan',
  kind: 'static',
  needs: [postgresServer, crawl, scanners],
  timeoutMs: () => 420_000,
  async check(ctx) {
    const scan = await sharedScan(ctx);
    return isMissing(scan) ? { figures: [], failures: [`${scan.reason}: ${scan.fix}`] } : scanOutcome(scan);
  },
};

const zapReportCommitted: Check = {
  id: 'p4.ac.zap-report',
  kind: 'static',
  needs: [postgresServer, crawl, scanners],
  timeoutMs: () => 420_000,
  check: zapReport,
};

export const phase4: PhaseVerifier = {
  phase: 4,
  contract: z.object(
    {
      command: z.array(z.string().min(1)).min(1, 'the phase 2 command (migrate, import, serve) is missing'),
      ci: z.array(z.string().min(1), { error: 'no "ci" command: add "ci": ["npm", "run", "ci"] (a script that runs the coverage gate, then Stryker)' }).min(1, 'the "ci" command is empty'),
      authServer: z.array(z.string().min(1)).min(1).optional(),
    },
    { error: 'needs a "command" and a "ci"' },
  ),
  contractSummary:
    'roadmap.project.json keeps the phase 2 "command" (migrate, import, serve) and names the project\'s "ci" command (e.g. ["npm", "run", "ci"]) and its "authServer" (started with --port 0, printing {"event":"listening","url":ISSUER}); "ci" runs the coverage gate (coverage/coverage-summary.json) and Stryker (reports/mutation/mutation.json) and fails when either drops; `serve` reads AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL, RATE_LIMIT_MAX and RATE_LIMIT_WINDOW_MS (see the starter README)',
  contractEnv: CONTRACT_ENV,
  options: phase4Options,
  settings(options) {
    const pages = intOption(options, 'pages');
    return { settings: { pages, coverageGoal: COVERAGE_GOAL, mutationGoal: MUTATION_GOAL, rateLimit: RATE_LIMIT }, full: pages >= PHASE4_PAGES };
  },
  stageChecks: [gatesCheck('coverage-gate', false), gatesCheck('mutation-gate', true), authConformance, securityScan],
  criteria: [gatesCheck('p4.ac.ci-gates', true), zapReportCommitted],
};
