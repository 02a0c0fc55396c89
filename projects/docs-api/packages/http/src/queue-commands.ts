import { createDatabase, PostgresDocumentRepository } from '@docs-api/adapter-postgres';
import { BullmqImportQueue, ImportWorker } from '@docs-api/adapter-bullmq';
import { RedisDocumentCache } from '@docs-api/adapter-redis';
import { enqueueImport } from '@docs-api/application';
import closeWithGrace from 'close-with-grace';
import type { Writable } from 'node:stream';
import { FileCrawlSource } from './crawl-file-source.js';

// `docs-api enqueue-import FILE` and `docs-api worker`: the import of a crawl as a BullMQ job (the adapter in
// packages/adapter-bullmq), wired here to the file system, Postgres and the cache.

/** What the queue commands touch (cli.ts's QueueCommandIo fits). */
export interface QueueCommandIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
}

function requireRedisUrl(env: QueueCommandIo['env']): string {
  const url = env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set (the import queue lives in Redis, e.g. redis://127.0.0.1:6379)');
  return url;
}

function positiveMs(env: QueueCommandIo['env'], name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return Number(value);
}

/** QUEUE_PREFIX: BullMQ's key prefix, for tests and several deployments on one Redis. */
function prefix(env: QueueCommandIo['env']): { prefix?: string } {
  return env.QUEUE_PREFIX ? { prefix: env.QUEUE_PREFIX } : {};
}

/** Prints `{"jobId":"crawl-…","created":true}`: created is false when the same crawl was enqueued before. */
export async function runEnqueueImport(file: string, io: QueueCommandIo): Promise<void> {
  const attempts = positiveMs(io.env, 'QUEUE_ATTEMPTS');
  const backoffMs = positiveMs(io.env, 'QUEUE_BACKOFF_MS');
  const queue = new BullmqImportQueue({
    redisUrl: requireRedisUrl(io.env),
    ...prefix(io.env),
    ...(attempts === undefined ? {} : { attempts }),
    ...(backoffMs === undefined ? {} : { backoffMs }),
  });
  try {
    const { jobId, created, job } = await enqueueImport(file, { source: new FileCrawlSource(), queue });
    io.stdout.write(`${JSON.stringify({ jobId, created, lines: job.lines })}\n`);
  } finally {
    await queue.close();
  }
}

/** How long SIGTERM lets the job in flight finish before the worker gives it back to the queue. */
export const WORKER_GRACE_MS = 10_000;

/**
 * Runs the import worker until SIGTERM or SIGINT: each job event is a JSON line on stderr, `{"event":"worker-ready"}`
 * on stdout once it takes jobs. On a signal it stops taking jobs and lets the one in flight finish, for at most
 * WORKER_GRACE_MS (default 10 s); then the job goes back to the queue and the worker exits 0.
 */
export async function runWorker(io: QueueCommandIo): Promise<void> {
  const redisUrl = requireRedisUrl(io.env);
  if (!io.env.DATABASE_URL) throw new Error('DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/docs)');
  const lockDurationMs = positiveMs(io.env, 'QUEUE_LOCK_DURATION_MS');
  const stalledIntervalMs = positiveMs(io.env, 'QUEUE_STALLED_INTERVAL_MS');
  const graceMs = positiveMs(io.env, 'WORKER_GRACE_MS') ?? WORKER_GRACE_MS;
  const db = createDatabase({ databaseUrl: io.env.DATABASE_URL, maxConnections: 2 });
  const cache = new RedisDocumentCache({
    redisUrl,
    ...(io.env.CACHE_PREFIX ? { keyPrefix: io.env.CACHE_PREFIX } : {}),
    ...(io.env.CACHE_CHANNEL ? { channel: io.env.CACHE_CHANNEL } : {}),
    logger: { info: () => {}, warn: (_: object, message: string) => io.stderr.write(`${JSON.stringify({ event: 'cache', message })}\n`) },
  });
  const worker = new ImportWorker({
    redisUrl,
    ...prefix(io.env),
    source: new FileCrawlSource(),
    repository: new PostgresDocumentRepository(db),
    onChanges: async (changes) => void (await Promise.all(changes.map((c) => cache.invalidate(c)))),
    ...(lockDurationMs === undefined ? {} : { lockDurationMs }),
    ...(stalledIntervalMs === undefined ? {} : { stalledIntervalMs }),
    onEvent: (event) => io.stderr.write(`${JSON.stringify(event)}\n`),
  });
  closeWithGrace({ delay: graceMs + 5000, logger: { error: (message: unknown) => io.stderr.write(`docs-api: ${String(message)}\n`) } }, async ({ signal, err }) => {
    io.stderr.write(`${JSON.stringify({ event: 'worker-closing', ...(signal ? { signal } : {}), ...(err ? { error: err.message } : {}) })}\n`);
    await worker.close({ graceMs });
    await cache.close();
    await db.destroy();
  });
  await worker.waitUntilReady();
  io.stdout.write(`${JSON.stringify({ event: 'worker-ready' })}\n`);
}
