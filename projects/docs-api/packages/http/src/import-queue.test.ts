import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEAD_LETTER_QUEUE, IMPORT_QUEUE, ImportWorker, redisOptionsFromUrl, type ImportWorkerEvent } from '@docs-api/adapter-bullmq';
import { PostgresDocumentRepository } from '@docs-api/adapter-postgres';
import { createTestDatabase, REDIS_URL, uniqueName, type TestDatabase } from '@docs-api/adapter-postgres/testing';
import type { DocumentInput, DocumentRepository } from '@docs-api/application';
import { Queue, QueueEvents } from 'bullmq';
import { execa, type ResultPromise } from 'execa';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXIT_OK, runDocsApi } from './cli.js';
import { runCli } from './testing/cli-run.js';

// The import queue wired to Postgres: a retried job imports nothing twice, and a worker SIGKILLed mid-import
// leaves its job to the next one, which completes it with every document stored exactly once. The crash test
// runs the built binary (npm run build -w @roadmap/docs-api first), with a short lock so it takes seconds.

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'docs-api.js');
/** Big enough that the first worker is mid-import when it is killed (the import commits 500 lines a batch). */
const CRAWL_PAGES = 12_000;

let database: TestDatabase;
let dir: string;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'docs-api-queue-'));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await sql`TRUNCATE documents`.execute(database.db);
});
afterAll(async () => {
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

function page(n: number, text = 'x'.repeat(400)): string {
  return JSON.stringify({ url: `https://x.dev/docs/p/${n}`, status: 200, title: `Page ${n}`, headings: [{ level: 1, text: `Page ${n}` }], text: `${n} ${text}`, links: [] });
}

async function crawl(name: string, count: number, text?: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, `${Array.from({ length: count }, (_, i) => page(i + 1, text)).join('\n')}\n`);
  return file;
}

/** A fresh QUEUE_PREFIX whose keys are deleted after the test. */
function queuePrefix(): string {
  const prefix = uniqueName('test-imports-');
  cleanups.push(async () => {
    for (const name of [IMPORT_QUEUE, DEAD_LETTER_QUEUE]) {
      const q = new Queue(name, { prefix, connection: redisOptionsFromUrl(REDIS_URL) });
      await q.obliterate({ force: true });
      await q.close();
    }
  });
  return prefix;
}

function openQueue(prefix: string): Queue {
  const q = new Queue(IMPORT_QUEUE, { prefix, connection: redisOptionsFromUrl(REDIS_URL) });
  cleanups.push(() => q.close());
  return q;
}


async function documentCounts(): Promise<{ rows: number; urls: number; maxVersion: number }> {
  const { rows } = await sql<{ rows: string; urls: string; max_version: number | null }>`
    SELECT count(*) AS rows, count(DISTINCT url) AS urls, max(version) AS max_version FROM documents`.execute(database.db);
  return { rows: Number(rows[0]!.rows), urls: Number(rows[0]!.urls), maxVersion: rows[0]!.max_version ?? 0 };
}

async function waitFinished(prefix: string, jobId: string, timeoutMs: number): Promise<unknown> {
  const events = new QueueEvents(IMPORT_QUEUE, { prefix, connection: redisOptionsFromUrl(REDIS_URL) });
  try {
    await events.waitUntilReady();
    const job = await openQueue(prefix).getJob(jobId);
    return await job!.waitUntilFinished(events, timeoutMs);
  } finally {
    await events.close();
  }
}

/** `docs-api worker` as a child process, with its stderr lines parsed as they come. */
function startWorkerProcess(prefix: string, env: Record<string, string> = {}) {
  const child: ResultPromise = execa('node', [BIN, 'worker'], {
    reject: false,
    stdin: 'ignore',
    extendEnv: false,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: database.url, REDIS_URL, QUEUE_PREFIX: prefix, CACHE_PREFIX: `${prefix}:cache:`, CACHE_CHANNEL: `${prefix}:invalidate`, ...env },
  });
  const events: Record<string, unknown>[] = [];
  let buffered = '';
  child.stderr!.on('data', (b: Buffer) => {
    buffered += b.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const l of lines) if (l.startsWith('{')) events.push(JSON.parse(l) as Record<string, unknown>);
  });
  let stdout = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      stdout += b.toString();
      if (stdout.includes('{"event":"worker-ready"}\n')) resolve();
    });
    void child.then((r) => reject(new Error(`worker exited ${r.exitCode} before it was ready: ${String(r.stderr)}`)));
  });
  cleanups.push(async () => {
    child.kill('SIGKILL');
    await child;
  });
  return { child, events, ready };
}

describe('the import queue on Postgres', () => {
  it('enqueue-import prints the job id and whether it is new: the same crawl twice is one job', async () => {
    const prefix = queuePrefix();
    const file = await crawl('twice.ndjson', 3);
    const env = { REDIS_URL, QUEUE_PREFIX: prefix };
    const first = await runCli(['enqueue-import', file], env);
    const second = await runCli(['enqueue-import', file], env);
    expect(first.code).toBe(EXIT_OK);
    const a = JSON.parse(first.stdout) as { jobId: string; created: boolean; lines: number };
    expect(a).toEqual({ jobId: expect.stringMatching(/^crawl-[0-9a-f]{64}$/), created: true, lines: 3 });
    expect(JSON.parse(second.stdout)).toEqual({ ...a, created: false });
    expect(await openQueue(prefix).getJobCounts('wait')).toEqual({ wait: 1 });
  });

  it('enqueue-import and worker say what they need', async () => {
    expect(await runCli(['enqueue-import', '/nope'], {})).toMatchObject({ code: 1, stderr: expect.stringContaining('REDIS_URL is not set') });
    expect(await runCli(['worker'], { REDIS_URL })).toMatchObject({ code: 1, stderr: expect.stringContaining('DATABASE_URL is not set') });
    expect(await runCli(['enqueue-import', join(dir, 'missing.ndjson')], { REDIS_URL, QUEUE_PREFIX: queuePrefix() })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Cannot read'),
    });
    expect(await runCli(['worker'], { REDIS_URL, DATABASE_URL: database.url, QUEUE_LOCK_DURATION_MS: 'soon' })).toMatchObject({
      code: 1,
      stderr: 'docs-api: QUEUE_LOCK_DURATION_MS must be a positive integer, got "soon"\n',
    });
  });

  it('a job retried after a failure mid-import imports nothing twice', async () => {
    const prefix = queuePrefix();
    const file = await crawl('retried.ndjson', 1200);
    const enqueued = await runCli(['enqueue-import', file], { REDIS_URL, QUEUE_PREFIX: prefix, QUEUE_BACKOFF_MS: '10' });
    const { jobId } = JSON.parse(enqueued.stdout) as { jobId: string };
    // Postgres goes away after the second batch of the first attempt has committed.
    const postgres = new PostgresDocumentRepository(database.db);
    let batches = 0;
    const repository = Object.assign(Object.create(postgres) as DocumentRepository, {
      upsertBatch: async (inputs: readonly DocumentInput[]) => {
        const outcome = await postgres.upsertBatch(inputs);
        if (++batches === 2) throw new Error('connection terminated');
        return outcome;
      },
    });
    const { FileCrawlSource } = await import('./crawl-file-source.js');
    const events: ImportWorkerEvent[] = [];
    const worker = new ImportWorker({ redisUrl: REDIS_URL, prefix, source: new FileCrawlSource(), repository, onEvent: (e) => events.push(e) });
    cleanups.push(() => worker.close());
    const summary = await waitFinished(prefix, jobId, 30_000);
    expect(events.filter((e) => e.event === 'job-failed')).toEqual([{ event: 'job-failed', jobId, reason: 'connection terminated', attemptsMade: 1, final: false }]);
    // The second attempt found the 1,000 documents of the first one unchanged, and inserted the rest.
    expect(summary).toMatchObject({ inserted: 200, updated: 0, unchanged: 1000, skipped: 0 });
    expect(await documentCounts()).toEqual({ rows: 1200, urls: 1200, maxVersion: 1 });
  });

  it('a worker SIGKILLed mid-import: after its lock expires the next worker completes the job, each document stored once', async () => {
    const prefix = queuePrefix();
    const file = await crawl('big.ndjson', CRAWL_PAGES);
    const env = { QUEUE_LOCK_DURATION_MS: '2000', QUEUE_STALLED_INTERVAL_MS: '1000' };
    const enqueued = await runCli(['enqueue-import', file], { REDIS_URL, QUEUE_PREFIX: prefix });
    const { jobId } = JSON.parse(enqueued.stdout) as { jobId: string };

    const first = startWorkerProcess(prefix, env);
    await first.ready;
    await vi.waitFor(() => expect(first.events.some((e) => e.event === 'job-progress')).toBe(true), { timeout: 30_000, interval: 5 });
    first.child.kill('SIGKILL');
    await first.child;
    const progress = first.events.filter((e) => e.event === 'job-progress').at(-1) as { done: number; total: number };
    expect(progress.total).toBe(CRAWL_PAGES);
    const queue = openQueue(prefix);
    // Killed mid-import: the job is still active (its lock not yet expired) and part of the crawl is stored.
    expect(await (await queue.getJob(jobId))!.getState()).toBe('active');
    const partial = await documentCounts();
    expect(partial.rows).toBeGreaterThan(0);
    expect(partial.rows).toBeLessThan(CRAWL_PAGES);

    const second = startWorkerProcess(prefix, env);
    await second.ready;
    const summary = (await waitFinished(prefix, jobId, 60_000)) as { inserted: number; unchanged: number };
    expect(summary.inserted + summary.unchanged).toBe(CRAWL_PAGES);
    expect(summary.unchanged).toBeGreaterThanOrEqual(partial.rows);
    expect(second.events.some((e) => e.event === 'job-stalled' && e.jobId === jobId)).toBe(true);
    expect(await documentCounts()).toEqual({ rows: CRAWL_PAGES, urls: CRAWL_PAGES, maxVersion: 1 });
    const job = await queue.getJob(jobId);
    expect(await job!.getState()).toBe('completed');
    expect(job!.progress).toEqual({ done: CRAWL_PAGES, total: CRAWL_PAGES });
  });

  it('on SIGTERM the worker gives its job back after the grace period and exits 0', async () => {
    const prefix = queuePrefix();
    const file = await crawl('sigterm.ndjson', CRAWL_PAGES, 'y'.repeat(400));
    const enqueued = await runCli(['enqueue-import', file], { REDIS_URL, QUEUE_PREFIX: prefix });
    const { jobId } = JSON.parse(enqueued.stdout) as { jobId: string };
    const worker = startWorkerProcess(prefix, { WORKER_GRACE_MS: '1' });
    await worker.ready;
    await vi.waitFor(() => expect(worker.events.some((e) => e.event === 'job-progress')).toBe(true), { timeout: 30_000, interval: 5 });
    worker.child.kill('SIGTERM');
    const result = await worker.child;
    expect(result.exitCode).toBe(0);
    expect(worker.events).toContainEqual({ event: 'worker-closing', signal: 'SIGTERM' });
    expect(worker.events).toContainEqual({ event: 'job-returned', jobId });
    const job = await openQueue(prefix).getJob(jobId);
    expect(await job!.getState()).toBe('waiting');
    expect(job!.attemptsMade).toBe(0);
  });
});
