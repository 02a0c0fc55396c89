/**
 * Phase 2: the docs API on Postgres with a Redis cache. The target is driven through its contract
 * (`<command> migrate up|latest`, `<command> import FILE`, `<command> serve --port 0` printing
 * `{"event":"listening","url":...}`; DATABASE_URL, REDIS_URL, CACHE_PREFIX, CACHE_CHANNEL) against real services
 * from src/services: a crawl of the fixture site is imported, the expand/contract migrations run under load, two
 * instances serve hot keys from the cache and must drop a written document everywhere, and the database survives
 * pg_dump and pg_restore.
 */
import { join } from 'node:path';
import pg from 'pg';
import { startFixtureSite } from '../../projects/scraper/src/fixture-site.js';
import { figure, percentile, type CriterionRun, type Figure } from '../core/criteria.js';
import { RoadmapError } from '../errors.js';
import { findBinary, resolveService, type ResolvedService } from '../services/service-resolver.js';
import { loadPaths } from './http-load.js';
import type { CheckContext, PhaseOptions, PhaseVerifier, WatchContext } from './phase-verifier.js';
import { requireReference } from './target.js';

/** Pages of the fixture site crawled and imported: enough rows for indexes to matter, quick to crawl. */
const PHASE2_PAGES = 1_000;
const LOAD_SECONDS = 5;
const CONNECTIONS = 10;
const HOT_KEYS = 10;
/** How long after a write another instance may still serve the old version. */
const INVALIDATION_WINDOW_MS = 250;
const WRITES = 20;
/** The database `roadmap run phase-2` creates and keeps on the resolved server. */
const RUN_DATABASE = 'roadmap_run_phase2';

/** What the helpers below need from either a check run or a watch run. */
type Ctx = Pick<CheckContext, 'deps' | 'logFile' | 'startTarget'>;

interface Api {
  readonly url: string;
  stop(): Promise<void>;
}

interface Services {
  readonly postgres: ResolvedService;
  readonly redis: ResolvedService;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** A deadline for a race: it never keeps roadmap alive after the race is decided. */
const deadline = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms).unref());

function databaseUrl(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** One statement on its own connection (CREATE/DROP DATABASE cannot run in a pool's transaction anyway). */
async function queryRows<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  await queryRows(serverUrl, sql);
}

/** Runs the target's command to its end; its output lines for the failure line. */
async function runTarget(ctx: Ctx, args: readonly string[], env: Record<string, string>, timeoutMs = 120_000): Promise<{ code: number | undefined; lines: string[] }> {
  const lines: string[] = [];
  const p = ctx.startTarget(args, (line) => lines.push(line), env);
  const timer = setTimeout(() => void p.stop(), timeoutMs);
  const status = await p.exited;
  clearTimeout(timer);
  return { code: status.notFound ? 127 : status.exitCode, lines };
}

function lastLine(lines: readonly string[]): string {
  return lines.filter((l) => l.trim() !== '').at(-1)?.trim().slice(0, 200) ?? '(no output)';
}

/** Starts `<command> serve --port 0` and waits for its listening line. */
async function startApi(ctx: Ctx, env: Record<string, string>): Promise<Api> {
  const lines: string[] = [];
  let onUrl: (url: string) => void = () => {};
  const listening = new Promise<string>((resolve) => (onUrl = resolve));
  const p = ctx.startTarget(['serve', '--port', '0'], (line, stream) => {
    lines.push(line);
    if (stream !== 'stdout' || !line.startsWith('{')) return;
    try {
      const event = JSON.parse(line) as { event?: string; url?: string };
      if (event.event === 'listening' && event.url) onUrl(event.url);
    } catch {
      // Not the listening line.
    }
  }, env);
  let exitCode: number | undefined;
  const url = await Promise.race([listening, p.exited.then((s) => ((exitCode = s.exitCode), null)), deadline(20_000).then(() => undefined)]);
  if (!url) {
    await p.stop();
    throw new RoadmapError(
      url === null
        ? `\`serve\` exited ${exitCode ?? 'on a signal'} before printing {"event":"listening","url":...}: ${lastLine(lines)} (log: ${ctx.logFile})`
        : `\`serve\` printed no {"event":"listening","url":...} line on stdout within 20 s (log: ${ctx.logFile})`,
    );
  }
  return { url, stop: () => p.stop() };
}

/** Crawls the fixture site with the shipped reference scraper: the API imports what phase 1 produces. */
async function crawlFixture(ctx: Ctx, dir: string, pages: number): Promise<string> {
  const site = await startFixtureSite({ pages, seed: 42, slowMs: 20 });
  try {
    const scraper = requireReference(ctx.deps.paths.packageRoot, 1);
    const out = join(dir, 'pages.ndjson');
    const [file, ...args] = scraper.command;
    const p = ctx.deps.runner.start(file!, [...args, `${site.url}/docs/p/0`, '--out', out, '--progress', 'none'], { cwd: scraper.dir, logFile: ctx.logFile });
    const status = await p.exited;
    if (status.exitCode !== 0) throw new RoadmapError(`the reference scraper could not crawl the fixture site (exit ${status.exitCode}; log: ${ctx.logFile})`);
    return out;
  } finally {
    await site.close();
  }
}

interface LoadResult {
  readonly requests: number;
  readonly failures: number;
  readonly firstFailure: string | null;
}

/** A steady loop of reads and writes (a small write every tenth request) until `stop` resolves. */
async function steadyLoad(api: string, ids: readonly number[], stop: Promise<void>): Promise<LoadResult> {
  let running = true;
  void stop.then(() => (running = false));
  let requests = 0;
  let failures = 0;
  let firstFailure: string | null = null;
  const fail = (why: string): void => {
    failures++;
    firstFailure ??= why;
  };
  const worker = async (w: number): Promise<void> => {
    for (let i = 0; running; i++) {
      const id = ids[(w * 7 + i) % ids.length]!;
      requests++;
      try {
        const res = await fetch(`${api}/documents/${id}`);
        const doc = (await res.json()) as Record<string, unknown>;
        if (!res.ok) {
          fail(`GET /documents/${id} → ${res.status}`);
          continue;
        }
        if (i % 10 === 0) {
          requests++;
          const put = await fetch(`${api}/documents/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(inputOf(doc, `${doc.title as string}`)) });
          if (!put.ok) fail(`PUT /documents/${id} → ${put.status}: ${(await put.text()).slice(0, 120)}`);
          else await put.arrayBuffer();
        }
      } catch (error) {
        fail(`/documents/${id}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, (_, w) => worker(w)));
  return { requests, failures, firstFailure };
}

/** The PUT body for a document as GET returned it, with a new title. */
function inputOf(doc: Record<string, unknown>, title: string): Record<string, unknown> {
  return { url: doc.url, slug: doc.slug, title, headings: doc.headings, body: doc.body, links: doc.links, status: doc.status };
}

async function getJson(url: string): Promise<Record<string, unknown>> {
  const res = await fetch(url);
  if (!res.ok) throw new RoadmapError(`GET ${url} → ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}

/** Writes on A, then reads on B until B serves the new version: how long B kept the old one. */
async function invalidation(a: string, b: string, ids: readonly number[]): Promise<{ windows: number[]; staleAfterWindow: number }> {
  const windows: number[] = [];
  let staleAfterWindow = 0;
  for (let i = 0; i < WRITES; i++) {
    const id = ids[i % ids.length]!;
    await getJson(`${b}/documents/${id}`); // B has it cached now.
    const doc = await getJson(`${a}/documents/${id}`);
    const put = await fetch(`${a}/documents/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(inputOf(doc, `Edited ${i} ${doc.title as string}`.slice(0, 900))) });
    if (!put.ok) throw new RoadmapError(`PUT /documents/${id} → ${put.status}`);
    const written = (await put.json()) as { version: number };
    const t0 = performance.now();
    for (;;) {
      const seen = (await getJson(`${b}/documents/${id}`)) as { version: number };
      const elapsed = performance.now() - t0;
      if (seen.version >= written.version) {
        windows.push(Number(elapsed.toFixed(2)));
        break;
      }
      if (elapsed > INVALIDATION_WINDOW_MS) staleAfterWindow++;
      if (elapsed > 5_000) {
        windows.push(Number(elapsed.toFixed(2)));
        break;
      }
      await sleep(5);
    }
  }
  return { windows, staleAfterWindow };
}

/** Row counts and a checksum of every table in `public`, ordered by primary key text. */
async function fingerprint(url: string): Promise<Map<string, string>> {
  const tables = await queryRows<{ t: string }>(url, "select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1");
  const out = new Map<string, string>();
  for (const { t } of tables) {
    const [row] = await queryRows<{ n: string; sum: string | null }>(url, `select count(*)::text as n, md5(string_agg(x::text, ',' order by x::text)) as sum from "${t}" x`);
    out.set(t, `${row!.n}:${row!.sum ?? '-'}`);
  }
  return out;
}

function pagesOf(options: PhaseOptions): number {
  return options.pages ?? PHASE2_PAGES;
}

function secondsOf(options: PhaseOptions): number {
  return options.loadSeconds ?? LOAD_SECONDS;
}

export const phase2: PhaseVerifier = {
  phase: 2,
  contractEnv: ['DATABASE_URL', 'REDIS_URL', 'CACHE_PREFIX', 'CACHE_CHANNEL', 'PORT', 'HOST', 'LOG_LEVEL'],
  settings(options) {
    return {
      settings: { pages: pagesOf(options), loadSeconds: secondsOf(options), connections: CONNECTIONS, hotKeys: HOT_KEYS, invalidationWindowMs: INVALIDATION_WINDOW_MS },
      full: pagesOf(options) >= PHASE2_PAGES && secondsOf(options) >= LOAD_SECONDS,
    };
  },
  async measure(ctx) {
    const { deps } = ctx;
    const say = (s: string): void => ctx.progress(`${ctx.runs > 1 ? `run ${ctx.run}/${ctx.runs} · ` : ''}${s}`);
    say('resolving Postgres and Redis');
    // pg_dump and pg_restore need a real Postgres server: PGlite's socket is not enough here.
    const postgres = await resolveService(deps, 'postgres', { sources: ['env', 'docker', 'local'] });
    const apis: Api[] = [];
    let services: Services | undefined;
    const stamp = `${deps.clock.now().getTime().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
    const source = `roadmap_verify_${stamp}`;
    const restored = `roadmap_verify_${stamp}_restored`;
    try {
      const redis = await resolveService(deps, 'redis');
      services = { postgres, redis };
      await admin(postgres.url, `create database ${source}`);
      await admin(postgres.url, `create database ${restored}`);
      const env = { DATABASE_URL: databaseUrl(postgres.url, source), REDIS_URL: redis.url, CACHE_PREFIX: `verify:${stamp}:`, CACHE_CHANNEL: `verify:${stamp}:invalidate`, LOG_LEVEL: 'warn' };
      say(`crawling ${pagesOf(ctx.options).toLocaleString('en-US')} pages of the fixture site with the reference scraper`);
      const ndjson = await crawlFixture(ctx, ctx.workDir, pagesOf(ctx.options));

      // Migration: the base schema first, so the expand/contract steps can run under load.
      say('migrating (the base schema) and importing the crawl');
      const migrationFailures: string[] = [];
      const first = await runTarget(ctx, ['migrate', 'up'], env);
      if (first.code !== 0) throw new RoadmapError(`\`migrate up\` exited ${first.code}: ${lastLine(first.lines)} (log: ${ctx.logFile})`);
      const imported = await runTarget(ctx, ['import', ndjson], env);
      if (imported.code !== 0) throw new RoadmapError(`\`import\` exited ${imported.code}: ${lastLine(imported.lines)} (log: ${ctx.logFile})`);
      const a = await startApi(ctx, env);
      apis.push(a);
      const page = (await getJson(`${a.url}/documents?limit=${HOT_KEYS}`)) as { items: { id: number; slug: string }[] };
      const ids = page.items.map((d) => d.id);
      if (ids.length === 0) throw new RoadmapError('GET /documents lists no documents after the import');

      say('applying the remaining migrations one by one under load');
      let stopLoad: () => void = () => {};
      const load = steadyLoad(a.url, ids, new Promise<void>((r) => (stopLoad = r)));
      let steps = 0;
      for (let i = 0; i < 50; i++) {
        await sleep(300);
        const step = await runTarget(ctx, ['migrate', 'up'], env);
        if (step.code !== 0) {
          migrationFailures.push(`\`migrate up\` under load exited ${step.code}: ${lastLine(step.lines)}`);
          break;
        }
        if (step.lines.some((l) => /nothing to do/i.test(l))) break;
        steps++;
      }
      await sleep(300);
      stopLoad();
      const zeroDowntime = await load;

      say('starting a second instance');
      const b = await startApi(ctx, env);
      apis.push(b);
      const paths = ids.map((id) => `/documents/${id}`);
      for (const p of paths) await getJson(`${a.url}${p}`);
      say(`hot-key reads through the cache (${secondsOf(ctx.options)} s, ${CONNECTIONS} connections)`);
      const cached = await loadPaths(a.url, paths, { connections: CONNECTIONS, seconds: secondsOf(ctx.options) });
      say('the same reads without a cache');
      const { REDIS_URL: _uncached, ...withoutRedis } = env;
      const u = await startApi(ctx, withoutRedis);
      apis.push(u);
      const uncached = await loadPaths(u.url, paths, { connections: CONNECTIONS, seconds: secondsOf(ctx.options) });
      say(`${WRITES} writes on one instance, reads on the other`);
      const inval = await invalidation(a.url, b.url, ids);

      say('pg_dump, pg_restore into a fresh database, migrate it, compare');
      const restoreFigures: Figure[] = [];
      const restoreFailures: string[] = [];
      const pgDump = findBinary(deps, 'pg_dump');
      const pgRestore = findBinary(deps, 'pg_restore');
      if (!pgDump || !pgRestore) restoreFailures.push('pg_dump/pg_restore are not installed (apt install postgresql-client)');
      else {
        const dump = join(ctx.workDir, 'docs.dump');
        const d = await deps.runner.run(pgDump, ['--format=custom', '--file', dump, databaseUrl(postgres.url, source)], { timeoutMs: 120_000 });
        const r = d.ok ? await deps.runner.run(pgRestore, ['--no-owner', '--dbname', databaseUrl(postgres.url, restored), dump], { timeoutMs: 120_000 }) : d;
        if (!r.ok) restoreFailures.push(`${r.command.split(' ')[0]} failed: ${lastLine(r.stderr.split('\n'))}`);
        else {
          const again = await runTarget(ctx, ['migrate', 'latest'], { ...env, DATABASE_URL: databaseUrl(postgres.url, restored) });
          if (again.code !== 0) restoreFailures.push(`\`migrate latest\` on the restored database exited ${again.code}: ${lastLine(again.lines)}`);
          const [x, y] = await Promise.all([fingerprint(databaseUrl(postgres.url, source)), fingerprint(databaseUrl(postgres.url, restored))]);
          const differing = [...x].filter(([t, f]) => y.get(t) !== f).map(([t]) => t);
          restoreFigures.push(figure('tables compared', x.size, 'tables', { op: '>=', value: 1 }));
          restoreFigures.push(figure('tables differing after restore', differing.length, 'tables', { op: '=', value: 0 }));
          if (differing.length) restoreFailures.push(`restored tables differ in row count or checksum: ${differing.join(', ')}`);
        }
      }

      const cachedRun: CriterionRun = {
        id: 'p2.ac.cached-50ms',
        figures: [
          figure('cached hot-key latency p50', cached.p50, 'ms', { op: '<=', value: 50 }),
          figure('cached hot-key latency p95', cached.p95, 'ms', { op: '<=', value: 50 }),
          figure('cached hot-key latency p99', cached.p99, 'ms', { op: '<=', value: 50 }),
          figure('cached throughput', cached.rps, 'requests/s'),
          figure('uncached latency p99', uncached.p99, 'ms'),
          figure('uncached throughput', uncached.rps, 'requests/s'),
          figure('cached/uncached throughput', Number((cached.rps / Math.max(1, uncached.rps)).toFixed(2)), '×'),
          figure('failed hot-key reads', cached.errors, 'requests', { op: '=', value: 0 }),
          figure('invalidation window p99', percentile(inval.windows, 99), 'ms', { op: '<=', value: INVALIDATION_WINDOW_MS }),
          figure('stale reads after the window', inval.staleAfterWindow, 'reads', { op: '=', value: 0 }),
        ],
        failures: [],
      };
      const migrationRun: CriterionRun = {
        id: 'p2.ac.migration-restore',
        figures: [
          ...restoreFigures,
          figure('migration steps applied under load', steps, 'steps', { op: '>=', value: 1 }),
          figure('requests during the migrations', zeroDowntime.requests, 'requests'),
          figure('failed requests during the migrations', zeroDowntime.failures, 'requests', { op: '=', value: 0 }),
        ],
        failures: [...migrationFailures, ...restoreFailures, ...(zeroDowntime.firstFailure ? [`first failed request: ${zeroDowntime.firstFailure}`] : [])],
      };
      return [cachedRun, migrationRun];
    } catch (error) {
      if (!(error instanceof RoadmapError)) throw error;
      return [
        { id: 'p2.ac.cached-50ms', figures: [], failures: [error.message] },
        { id: 'p2.ac.migration-restore', figures: [], failures: ['not measured: the API did not get that far'] },
      ];
    } finally {
      for (const api of apis) await api.stop();
      await admin(postgres.url, `drop database if exists ${source} with (force)`).catch(() => undefined);
      await admin(postgres.url, `drop database if exists ${restored} with (force)`).catch(() => undefined);
      await services?.redis.stop();
      await postgres.stop();
    }
  },
  async watch(ctx: WatchContext) {
    const { deps } = ctx;
    const { io } = deps;
    const postgres = await resolveService(deps, 'postgres');
    let redis: ResolvedService | undefined;
    let api: Api | undefined;
    try {
      redis = await resolveService(deps, 'redis');
      // Its own database on that server, fresh each run (the crawl's URLs carry the fixture's random port), so a
      // run never touches the tables of whatever DATABASE_URL names.
      await admin(postgres.url, `drop database if exists ${RUN_DATABASE} with (force)`);
      await admin(postgres.url, `create database ${RUN_DATABASE}`);
      io.err(`Postgres: ${postgres.detail} (database ${RUN_DATABASE})\nRedis: ${redis.detail}\n`);
      const env = { DATABASE_URL: databaseUrl(postgres.url, RUN_DATABASE), REDIS_URL: redis.url, LOG_LEVEL: 'info' };
      io.err(`crawling ${pagesOf(ctx.options).toLocaleString('en-US')} pages of the fixture site with the reference scraper…\n`);
      const ndjson = await crawlFixture(ctx, ctx.outDir, pagesOf(ctx.options));
      for (const args of [['migrate', 'latest'], ['import', ndjson]]) {
        const r = await runTarget(ctx, args, env);
        io.err(`${args[0]}: ${lastLine(r.lines)}\n`);
        if (r.code !== 0) throw new RoadmapError(`\`${args.join(' ')}\` exited ${r.code}: ${lastLine(r.lines)} (log: ${ctx.logFile})`);
      }
      api = await startApi(ctx, env);
      io.out(`${api.url}\n`);
      io.err(`docs API listening: try ${api.url}/documents?limit=5 and ${api.url}/search?q=stream — Ctrl-C stops everything\n`);
      await ctx.interrupted;
      return 0;
    } finally {
      await api?.stop();
      await redis?.stop();
      await postgres.stop();
    }
  },
};
