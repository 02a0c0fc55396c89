/**
 * Phase 2: the docs API on Postgres with a Redis cache. The target is driven through its contract
 * (`<command> migrate up|latest`, `<command> import FILE`, `<command> serve --port 0` printing
 * `{"event":"listening","url":...}`; DATABASE_URL, REDIS_URL, CACHE_PREFIX, CACHE_CHANNEL) against real services
 * resolved once per verify. Each check gets databases of its own on that server (dropped whatever happens), a
 * crawl of the fixture site by the phase 1 reference is imported, and the API's answers are validated against
 * the contract's shapes.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { figure, percentile, type Figure } from '../../core/criteria.js';
import type { ResolvedService } from '../../services/service-resolver.js';
import type { Check, CheckContext, CheckOutcome, FixtureSpec, PhaseVerifier, WatchContext } from '../frame.js';
import { crawlOfFixtureSite, type FixtureCrawl } from '../fixtures/crawl.js';
import { postgresServer, redis, tool } from '../fixtures/services.js';
import { callJson, getJson } from '../kit/http.js';
import { loadPaths } from '../kit/load.js';
import { startPgProxy, type PgProxy } from '../kit/pg-proxy.js';
import { createDatabase, fingerprint, schemaFingerprint } from '../kit/pg.js';
import { deadline, runOk, runToEnd, startServer, lastLine, type Server } from '../kit/process.js';
import { ContractError } from '../kit/contract-error.js';
import { intOption, type OptionValues } from '../options.js';
import { LOAD_SECONDS, PHASE2_PAGES, phase2Options } from './options.js';

const CONNECTIONS = 10;
const HOT_KEYS = 10;
/** How long after a write another instance may still serve the old version. */
const INVALIDATION_WINDOW_MS = 250;
const WRITES = 20;
/** Hot reads that may still reach the database (a cold key, a TTL running out) before the cache is doubted. */
const MAX_QUERIES_PER_HOT_READ = 0.05;

const pgDump = tool('pg_dump', 'install the PostgreSQL client tools (apt install postgresql-client / brew install libpq)');
const pgRestore = tool('pg_restore', 'install the PostgreSQL client tools (apt install postgresql-client / brew install libpq)');
export const crawl: FixtureSpec<FixtureCrawl> = crawlOfFixtureSite((options) => intOption(options, 'pages'));

// The contract's shapes, as loose as the contract: extra fields are the learner's business.
const DocumentSummary = z.looseObject({ id: z.union([z.number(), z.string()]), url: z.string() });
const DocumentList = z.looseObject({ items: z.array(DocumentSummary), nextCursor: z.string().nullish() });
export const Document = z.looseObject({
  id: z.union([z.number(), z.string()]),
  url: z.string(),
  title: z.string(),
  version: z.number().optional(),
});
type DocumentBody = z.infer<typeof Document>;

export interface Api {
  readonly server: Server;
  readonly url: string;
}

/** The environment of one API instance: the database, the cache (when given) and a key space of its own. */
export function apiEnv(databaseUrl: string, cache: { readonly redis: string; readonly space: string } | null): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    ...(cache ? { REDIS_URL: cache.redis, CACHE_PREFIX: `verify:${cache.space}:`, CACHE_CHANNEL: `verify:${cache.space}:invalidate` } : {}),
  };
}

export async function serve(ctx: CheckContext, env: Record<string, string>): Promise<Api> {
  const server = await startServer(ctx, ['serve', '--port', '0'], env);
  return { server, url: server.url };
}

/** A database of the check's own with the crawl imported (`migrate latest` unless told to stop at the base schema). */
export async function seededDatabase(ctx: CheckContext, opts: { readonly base?: boolean } = {}): Promise<{ url: string }> {
  const pg = ctx.fixture(postgresServer);
  const db = await createDatabase(ctx, pg.url, 'verify');
  const env = { DATABASE_URL: db.url, LOG_LEVEL: 'warn' };
  ctx.progress(opts.base ? 'migrating (the base schema)' : 'migrating');
  await runOk(ctx, ['migrate', opts.base ? 'up' : 'latest'], env);
  ctx.progress('importing the crawl');
  await runOk(ctx, ['import', ctx.fixture(crawl).file], env);
  return db;
}

/** A seeded database of the check's own and one API instance on it without a cache. */
async function seededApi(ctx: CheckContext): Promise<Api> {
  const db = await seededDatabase(ctx);
  return serve(ctx, apiEnv(db.url, null));
}

/** A seeded database behind a proxy that counts the queries reaching it (closed with the check). */
async function proxiedDatabase(ctx: CheckContext): Promise<{ url: string; proxy: PgProxy }> {
  const db = await seededDatabase(ctx);
  const proxy = await startPgProxy(db.url);
  ctx.defer(() => proxy.close(), 'close the Postgres proxy');
  return { url: db.url, proxy };
}

/** The first `n` documents the API lists; a list that is empty after the import is the target's failure. */
export async function hotIds(api: string, n: number): Promise<string[]> {
  const page = await getJson(api, `/documents?limit=${n}`, DocumentList);
  if (page.items.length === 0) throw new ContractError(`GET /documents?limit=${n} lists no documents after the import`);
  return page.items.map((d) => String(d.id));
}

/** The PUT body for a document as GET returned it, with a new title (the contract's write shape). */
export function edited(doc: DocumentBody, title: string): Record<string, unknown> {
  const d = doc as Record<string, unknown>;
  return { url: d.url, slug: d.slug, title, headings: d.headings, body: d.body ?? d.content, links: d.links, status: d.status };
}

/** Writes on A, then reads on B until B serves the new title: how long B kept the old one. */
async function invalidation(ctx: CheckContext, a: string, b: string, ids: readonly string[], writes: number): Promise<{ windows: number[]; staleAfterWindow: number; neverSeen: number }> {
  const windows: number[] = [];
  let staleAfterWindow = 0;
  let neverSeen = 0;
  for (let i = 0; i < writes && !ctx.signal.aborted; i++) {
    const id = ids[i % ids.length]!;
    await getJson(b, `/documents/${id}`, Document); // B has it cached now.
    const doc = await getJson(a, `/documents/${id}`, Document);
    const title = `Edited ${randomBytes(3).toString('hex')} ${doc.title}`.slice(0, 200);
    await callJson(a, `/documents/${id}`, Document, { method: 'PUT', body: edited(doc, title) });
    const t0 = performance.now();
    for (;;) {
      const seen = await getJson(b, `/documents/${id}`, Document);
      const elapsed = performance.now() - t0;
      if (seen.title === title) {
        windows.push(Number(elapsed.toFixed(2)));
        break;
      }
      if (elapsed > INVALIDATION_WINDOW_MS) staleAfterWindow++;
      if (elapsed > 5_000) {
        neverSeen++;
        break;
      }
      await deadline(5);
    }
  }
  return { windows, staleAfterWindow, neverSeen };
}

/** Reads the hot keys through `api` while `proxy` counts what reaches Postgres: queries per hot read. */
async function queriesPerHotRead(api: string, ids: readonly string[], proxy: { queries(): number }, reads = 200): Promise<number> {
  for (const id of ids) for (let k = 0; k < 2; k++) await getJson(api, `/documents/${id}`, Document);
  const before = proxy.queries();
  for (let i = 0; i < reads; i++) await getJson(api, `/documents/${ids[i % ids.length]!}`, Document);
  return Number(((proxy.queries() - before) / reads).toFixed(3));
}

/** A steady loop of reads and writes (a small write every tenth request) until `stop` resolves. */
async function steadyLoad(api: string, ids: readonly string[], stop: Promise<void>): Promise<{ requests: number; failures: number; firstFailure: string | null }> {
  let running = true;
  void stop.then(() => (running = false));
  let requests = 0;
  let failures = 0;
  let firstFailure: string | null = null;
  const worker = async (w: number): Promise<void> => {
    for (let i = 0; running; i++) {
      const id = ids[(w * 7 + i) % ids.length]!;
      requests++;
      try {
        const doc = await getJson(api, `/documents/${id}`, Document);
        if (i % 10 === 0) {
          requests++;
          await callJson(api, `/documents/${id}`, Document, { method: 'PUT', body: edited(doc, doc.title) });
        }
      } catch (error) {
        failures++;
        firstFailure ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, (_, w) => worker(w)));
  return { requests, failures, firstFailure };
}

const serverNeeds = [postgresServer, crawl];

// Saturday stages.

const importedAndListed: Check = {
  id: 'imported-and-listed',
  kind: 'static',
  needs: serverNeeds,
  timeoutMs: () => 120_000,
  async check(ctx) {
    const api = await seededApi(ctx);
    const page = await getJson(api.url, '/documents?limit=10', DocumentList);
    const known = ctx.fixture(crawl).urls;
    const unknown = page.items.filter((d) => !known.has(d.url));
    return {
      figures: [figure('documents listed', page.items.length, 'documents', { op: '>=', value: 1 }), figure('listed urls not in the crawl', unknown.length, 'documents', { op: '=', value: 0 })],
      failures: unknown.length ? [`GET /documents lists ${unknown[0]!.url}, which the crawl never had`] : [],
    };
  },
};

const migrateOneStep: Check = {
  id: 'migrate-one-step',
  kind: 'static',
  needs: [postgresServer],
  timeoutMs: () => 120_000,
  async check(ctx) {
    const db = await createDatabase(ctx, ctx.fixture(postgresServer).url, 'verify');
    const env = { DATABASE_URL: db.url, LOG_LEVEL: 'warn' };
    let steps = 0;
    const failures: string[] = [];
    for (let i = 0; i < 50; i++) {
      const before = await schemaFingerprint(db.url);
      const lines = await runOk(ctx, ['migrate', 'up'], env);
      if (lines.some((l) => /nothing to do/i.test(l))) break;
      if ((await schemaFingerprint(db.url)) === before) {
        failures.push(`\`migrate up\` exited 0 but changed no table, column or index, and did not say "nothing to do": ${lastLine(lines)}`);
        break;
      }
      steps++;
    }
    const latest = await schemaFingerprint(db.url);
    await runOk(ctx, ['migrate', 'latest'], env);
    const changed = (await schemaFingerprint(db.url)) === latest ? 0 : 1;
    return {
      figures: [figure('migrations applied one at a time', steps, 'migrations', { op: '>=', value: 2 }), figure('schema changes by a second migrate latest', changed, 'changes', { op: '=', value: 0 })],
      failures,
    };
  },
};

const servedFromCache: Check = {
  id: 'served-from-cache',
  kind: 'static',
  needs: [...serverNeeds, redis],
  timeoutMs: () => 120_000,
  async check(ctx) {
    const { proxy } = await proxiedDatabase(ctx);
    const api = await serve(ctx, apiEnv(proxy.url, { redis: ctx.fixture(redis).url, space: randomBytes(4).toString('hex') }));
    const ids = await hotIds(api.url, HOT_KEYS);
    ctx.progress('hot reads, counting what reaches Postgres');
    const perRead = await queriesPerHotRead(api.url, ids, proxy);
    return { figures: [figure('database queries per hot read', perRead, 'queries', { op: '<=', value: MAX_QUERIES_PER_HOT_READ })], failures: [] };
  },
};

const invalidatedEverywhere: Check = {
  id: 'invalidated-everywhere',
  kind: 'static',
  needs: [...serverNeeds, redis],
  timeoutMs: () => 120_000,
  async check(ctx) {
    const db = await seededDatabase(ctx);
    const cache = { redis: ctx.fixture(redis).url, space: randomBytes(4).toString('hex') };
    const a = await serve(ctx, apiEnv(db.url, cache));
    const b = await serve(ctx, apiEnv(db.url, cache));
    const ids = await hotIds(a.url, 5);
    ctx.progress('writes on one instance, reads on the other');
    const inval = await invalidation(ctx, a.url, b.url, ids, 5);
    return {
      figures: [figure('writes seen on the other instance', inval.windows.length, 'writes', { op: '=', value: 5 })],
      failures: inval.neverSeen ? [`${inval.neverSeen} of 5 writes on one instance were still not served by the other after 5 s: publish an invalidation on CACHE_CHANNEL`] : [],
    };
  },
};

const searchAndPaginate: Check = {
  id: 'search-and-paginate',
  kind: 'static',
  needs: serverNeeds,
  timeoutMs: () => 120_000,
  async check(ctx) {
    const api = await seededApi(ctx);
    const seen = new Set<string>();
    let duplicates = 0;
    let cursor: string | null | undefined;
    let pages = 0;
    ctx.progress('paging through every document');
    do {
      const page = await getJson(api.url, `/documents?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, DocumentList);
      for (const d of page.items) {
        if (seen.has(String(d.id))) duplicates++;
        seen.add(String(d.id));
      }
      cursor = page.items.length > 0 ? page.nextCursor : null;
      pages++;
    } while (cursor && pages < 10_000 && !ctx.signal.aborted);
    const fixture = ctx.fixture(crawl);
    const results = await getJson(api.url, `/search?q=${encodeURIComponent(fixture.searchWord)}`, DocumentList);
    return {
      figures: [
        figure('documents reached by paging', seen.size, 'documents', { op: '=', value: fixture.records }),
        figure('documents listed twice', duplicates, 'documents', { op: '=', value: 0 }),
        figure(`search results for "${fixture.searchWord}"`, results.items.length, 'documents', { op: '>=', value: 1 }),
      ],
      failures: [],
    };
  },
};

// The acceptance criteria.

const loadSeconds = (options: OptionValues): number => intOption(options, 'loadSeconds');

const cached50ms: Check = {
  id: 'p2.ac.cached-50ms',
  kind: 'measured',
  needs: [...serverNeeds, redis],
  timeoutMs: (options) => 180_000 + loadSeconds(options) * 2_000,
  async check(ctx) {
    const { deps } = ctx;
    const { url: direct, proxy } = await proxiedDatabase(ctx);
    const cache = { redis: ctx.fixture(redis).url, space: randomBytes(4).toString('hex') };
    ctx.progress('starting two cached instances and an uncached one');
    const a = await serve(ctx, apiEnv(proxy.url, cache));
    const b = await serve(ctx, apiEnv(direct, cache));
    const u = await serve(ctx, apiEnv(direct, null));
    const ids = await hotIds(a.url, HOT_KEYS);
    const perRead = await queriesPerHotRead(a.url, ids, proxy);
    const paths = ids.map((id) => `/documents/${id}`);
    const seconds = loadSeconds(ctx.options);
    ctx.progress(`hot-key reads through the cache (${seconds} s, ${CONNECTIONS} connections)`);
    const cached = await loadPaths(deps.runner, deps.paths.packageRoot, a.url, paths, { connections: CONNECTIONS, seconds });
    ctx.progress('the same reads without a cache');
    const uncached = await loadPaths(deps.runner, deps.paths.packageRoot, u.url, paths, { connections: CONNECTIONS, seconds });
    ctx.progress(`${WRITES} writes on one instance, reads on the other`);
    const inval = await invalidation(ctx, a.url, b.url, ids, WRITES);
    const figures: Figure[] = [
      figure('cached hot-key latency p50', cached.p50, 'ms', { op: '<=', value: 50 }),
      figure('cached hot-key latency p95', cached.p95, 'ms', { op: '<=', value: 50 }),
      figure('cached hot-key latency p99', cached.p99, 'ms', { op: '<=', value: 50 }),
      figure('database queries per hot read', perRead, 'queries', { op: '<=', value: MAX_QUERIES_PER_HOT_READ }),
      figure('cached throughput', cached.rps, 'requests/s'),
      figure('uncached latency p99', uncached.p99, 'ms'),
      figure('uncached throughput', uncached.rps, 'requests/s'),
      figure('cached/uncached throughput', Number((cached.rps / Math.max(1, uncached.rps)).toFixed(2)), '×'),
      figure('failed hot-key reads', cached.errors, 'requests', { op: '=', value: 0 }),
      figure('invalidation window p99', inval.windows.length ? percentile(inval.windows, 99) : 5_000, 'ms', { op: '<=', value: INVALIDATION_WINDOW_MS }),
      figure('stale reads after the window', inval.staleAfterWindow, 'reads', { op: '=', value: 0 }),
    ];
    return { figures, failures: inval.neverSeen ? [`${inval.neverSeen} writes were never served by the other instance (5 s)`] : [] };
  },
};

const migrationRestore: Check = {
  id: 'p2.ac.migration-restore',
  kind: 'measured',
  needs: [...serverNeeds, pgDump, pgRestore],
  timeoutMs: () => 300_000,
  async check(ctx): Promise<CheckOutcome> {
    const { deps } = ctx;
    const pg: ResolvedService = ctx.fixture(postgresServer);
    const db = await seededDatabase(ctx, { base: true });
    const env = { DATABASE_URL: db.url, LOG_LEVEL: 'warn' };
    const a = await serve(ctx, env);
    const ids = await hotIds(a.url, HOT_KEYS);
    ctx.progress('applying the remaining migrations one by one under load');
    let stopLoad: () => void = () => {};
    const load = steadyLoad(a.url, ids, new Promise<void>((r) => (stopLoad = r)));
    const failures: string[] = [];
    let steps = 0;
    for (let i = 0; i < 50 && !ctx.signal.aborted; i++) {
      await deadline(300);
      const step = await runToEnd(ctx, ['migrate', 'up'], env);
      if (step.code !== 0) {
        failures.push(`\`migrate up\` under load exited ${step.code}: ${lastLine(step.lines)}`);
        break;
      }
      if (step.lines.some((l) => /nothing to do/i.test(l))) break;
      steps++;
    }
    await deadline(300);
    stopLoad();
    const underLoad = await load;
    if (underLoad.firstFailure) failures.push(`first failed request: ${underLoad.firstFailure}`);

    ctx.progress('pg_dump, pg_restore into a fresh database, migrate it, compare');
    const restored = await createDatabase(ctx, pg.url, 'restored');
    const dump = join(ctx.workDir, 'docs.dump');
    const figures: Figure[] = [];
    const d = await deps.runner.run(ctx.fixture(pgDump), ['--format=custom', '--file', dump, db.url], { timeoutMs: 120_000 });
    const r = d.ok ? await deps.runner.run(ctx.fixture(pgRestore), ['--no-owner', '--dbname', restored.url, dump], { timeoutMs: 120_000 }) : d;
    if (!r.ok) failures.push(`${r.command.split(' ')[0]!.split('/').pop()} failed: ${lastLine(r.stderr.split('\n'))}`);
    else {
      await runOk(ctx, ['migrate', 'latest'], { ...env, DATABASE_URL: restored.url });
      const [x, y] = await Promise.all([fingerprint(db.url), fingerprint(restored.url)]);
      const differing = [...x].filter(([t, f]) => y.get(t) !== f).map(([t]) => t);
      figures.push(figure('tables compared', x.size, 'tables', { op: '>=', value: 1 }));
      figures.push(figure('tables differing after restore', differing.length, 'tables', { op: '=', value: 0 }));
      if (differing.length) failures.push(`restored tables differ in row count or checksum: ${differing.join(', ')}`);
    }
    figures.push(
      figure('migration steps applied under load', steps, 'steps', { op: '>=', value: 1 }),
      figure('requests during the migrations', underLoad.requests, 'requests'),
      figure('failed requests during the migrations', underLoad.failures, 'requests', { op: '=', value: 0 }),
    );
    return { figures, failures };
  },
};

async function watch(ctx: WatchContext): Promise<number> {
  const { deps } = ctx;
  const { io } = deps;
  const { resolveService } = await import('../../services/service-resolver.js');
  const postgres = await resolveService(deps, 'postgres');
  ctx.defer(() => postgres.stop(), 'stop Postgres');
  const cache = await resolveService(deps, 'redis');
  ctx.defer(() => cache.stop(), 'stop Redis');
  // A database of roadmap's own for this run, dropped when it ends (Ctrl-C included): a run never touches the
  // tables of whatever DATABASE_URL names.
  const db = await createDatabase(ctx, postgres.url, 'run');
  io.err(`Postgres: ${postgres.detail} (database ${db.name}, dropped when this run ends)\nRedis: ${cache.detail}\n`);
  const env = apiEnv(db.url, { redis: cache.url, space: `run:${randomBytes(4).toString('hex')}` });
  const pages = intOption(ctx.options, 'pages');
  io.err(`crawling ${pages.toLocaleString('en-US')} pages of the fixture site with the reference scraper…\n`);
  const { crawlFixtureSite } = await import('../fixtures/crawl.js');
  const ndjson = await crawlFixtureSite(deps, ctx, { pages, dir: ctx.outDir, logFile: ctx.logFile });
  const checkCtx = { startTarget: ctx.startTarget, logFile: ctx.logFile, signal: ctx.signal };
  for (const args of [['migrate', 'latest'], ['import', ndjson.file]]) {
    const lines = await runOk(checkCtx, args, { ...env, LOG_LEVEL: 'info' });
    io.err(`${args[0]}: ${lastLine(lines)}\n`);
  }
  const server = await startServer(checkCtx, ['serve', '--port', '0'], { ...env, LOG_LEVEL: 'info' });
  io.out(`${server.url}\n`);
  io.err(`docs API listening: try ${server.url}/documents?limit=5 and ${server.url}/search?q=stream — Ctrl-C stops everything\n`);
  await Promise.race([ctx.interrupted, server.exited]);
  return 0;
}

export const phase2: PhaseVerifier = {
  phase: 2,
  contract: z.object({ command: z.array(z.string().min(1)).min(1, 'the command that runs migrate, import and serve is missing') }, { error: 'needs a "command"' }),
  contractSummary: 'roadmap.project.json names the "command" that takes `migrate up|latest`, `import FILE` and `serve --port 0` (see the starter README)',
  contractEnv: ['DATABASE_URL', 'REDIS_URL', 'CACHE_PREFIX', 'CACHE_CHANNEL', 'PORT', 'HOST', 'LOG_LEVEL'],
  options: phase2Options,
  loadsHttp: true,
  settings(options) {
    const pages = intOption(options, 'pages');
    const seconds = loadSeconds(options);
    return {
      settings: { pages, loadSeconds: seconds, connections: CONNECTIONS, hotKeys: HOT_KEYS, invalidationWindowMs: INVALIDATION_WINDOW_MS },
      full: pages >= PHASE2_PAGES && seconds >= LOAD_SECONDS,
    };
  },
  stageChecks: [importedAndListed, migrateOneStep, servedFromCache, invalidatedEverywhere, searchAndPaginate],
  criteria: [cached50ms, migrationRestore],
  watch,
};
