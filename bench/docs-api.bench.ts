// Phase 2: hot-key reads of the reference docs API (cache-aside in Redis with the in-process hot-key layer)
// against a bare Fastify route that returns the same document from memory, in the same run: the ratio is the
// cost of the cache path. Goal (issue): at least 80% of the bare route's requests/s with p99 under 5 ms.
// Both servers are separate processes on the machine's Postgres and Redis (DATABASE_URL / REDIS_URL).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { startFixtureSite } from '../src/verify/fixtures/site.js';
import { loadPaths as loadFrom } from '../src/verify/kit/load.js';
import { execaRunner } from '../src/system/runner.js';

/** The verifier's load generator (a process of its own), so the bench measures what verify measures. */
const loadPaths = (url: string, paths: readonly string[], options: { connections: number; seconds: number }) =>
  loadFrom(execaRunner(), join(import.meta.dirname, '..'), url, paths, options);
// @ts-expect-error plain JS helper
import { summarize } from './stats.mjs';

const ROUNDS = 3;
const SECONDS = 5;
const CONNECTIONS = 10;
const LOAD = { connections: CONNECTIONS, seconds: SECONDS };
const ROOT = join(import.meta.dirname, '..');
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  await client.query(sql);
  await client.end();
}

/** Starts a server process that prints a JSON line with its `url` on stdout. */
async function startServer(args: string[], env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const event = JSON.parse(line) as { url?: string };
        if (event.url) resolve(event.url);
      } catch {
        // Not the listening line.
      }
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}`)));
  });
  return { url, child };
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'roadmap-bench-docs-'));
  const database = `roadmap_bench_${process.pid}`;
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  const env = { DATABASE_URL: url.toString(), REDIS_URL: REDIS, CACHE_PREFIX: `bench:${process.pid}:`, CACHE_CHANNEL: `bench:${process.pid}:invalidate`, LOG_LEVEL: 'warn' };
  const children: ChildProcess[] = [];
  await admin(`create database ${database}`);
  try {
    const site = await startFixtureSite({ pages: 1000, seed: 42, slowMs: 10 });
    const out = join(dir, 'pages.ndjson');
    // Asynchronously: the fixture site serves from this very process.
    const crawl = spawn(process.execPath, ['projects/scraper/bin/scraper.js', `${site.url}/docs/p/0`, '--out', out, '--progress', 'none'], { cwd: ROOT, stdio: 'ignore' });
    await new Promise((resolve) => crawl.once('exit', resolve));
    await site.close();
    const bin = 'projects/docs-api/bin/docs-api.js';
    for (const args of [['migrate', 'latest'], ['import', out]]) {
      const r = spawnSync(process.execPath, [bin, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`docs-api ${args[0]} exited ${r.status}: ${r.stderr}`);
    }
    const api = await startServer([bin, 'serve', '--port', '0'], env);
    children.push(api.child);
    const page = (await (await fetch(`${api.url}/documents?limit=10`)).json()) as { items: { id: number }[] };
    const paths = page.items.map((d) => `/documents/${d.id}`);
    const doc = await (await fetch(`${api.url}${paths[0]}`)).text();
    // The baseline: Fastify answering the same document from memory, nothing else.
    const bare = await startServer(
      ['--input-type=module', '-e', `import Fastify from 'fastify'; const doc = ${JSON.stringify(doc)}; const app = Fastify(); app.get('/documents/:id', async (_req, reply) => reply.type('application/json').send(doc)); const url = await app.listen({ host: '127.0.0.1', port: 0 }); console.log(JSON.stringify({ url }));`],
      {},
    );
    children.push(bare.child);
    const api$ = [];
    const bare$ = [];
    for (let i = 0; i < ROUNDS; i++) {
      bare$.push(await loadPaths(bare.url, paths, LOAD));
      api$.push(await loadPaths(api.url, paths, LOAD));
    }
    const a = { rps: summarize(api$.map((r) => r.rps)), p99: summarize(api$.map((r) => r.p99)) };
    const b = { rps: summarize(bare$.map((r) => r.rps)), p99: summarize(bare$.map((r) => r.p99)) };
    const ratio = Math.round((a.rps.median / b.rps.median) * 100) / 100;
    return {
      unit: 'requests/s',
      baseline: { what: `bare Fastify route returning the document from memory (${CONNECTIONS} connections, ${SECONDS} s)`, ...b.rps, p99Ms: b.p99.median },
      subject: { what: 'docs API hot-key reads (10 documents) through the cache', ...a.rps, p99Ms: a.p99.median, errors: api$.reduce((s, r) => s + r.errors, 0) },
      ratio,
      goal: 'ratio >= 0.8 and p99 < 5 ms',
      pass: ratio >= 0.8 && a.p99.median < 5,
    };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await admin(`drop database if exists ${database} with (force)`);
    rmSync(dir, { recursive: true, force: true });
  }
}
