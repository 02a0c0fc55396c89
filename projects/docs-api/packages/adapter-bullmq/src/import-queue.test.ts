import { randomBytes } from 'node:crypto';
import type { CrawlFingerprint, CrawlSource, DocumentInput, DocumentRepository, UpsertOutcome } from '@docs-api/application';
import { enqueueImport } from '@docs-api/application';
import { Queue, QueueEvents } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { BullmqImportQueue } from './bullmq-import-queue.js';
import { DEAD_LETTER_QUEUE, IMPORT_QUEUE, type DeadImportJob } from './import-queue-names.js';
import { ImportWorker, type ImportWorkerEvent } from './import-worker.js';
import { redisOptionsFromUrl } from './redis-connection.js';

// The queue and the worker on the real Redis (REDIS_URL, else the local one), each test under its own key prefix
// (obliterated after). The crawl files and the repository are in memory here: the import through Postgres,
// and a worker SIGKILLed mid-import, are tested from the http package (import-queue.test.ts there), the
// composition root that wires this adapter to the Postgres one.

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function testPrefix(): string {
  const prefix = `test-queue-${randomBytes(6).toString('hex')}`;
  cleanups.push(async () => {
    for (const name of [IMPORT_QUEUE, DEAD_LETTER_QUEUE]) {
      const q = new Queue(name, { prefix, connection: redisOptionsFromUrl(REDIS_URL) });
      await q.obliterate({ force: true });
      await q.close();
    }
  });
  return prefix;
}

const page = (n: number): string => JSON.stringify({ url: `https://x.dev/p/${n}`, status: 200, title: `P${n}`, headings: [], text: 'text', links: [] });

class MemoryCrawlSource implements CrawlSource {
  readonly files = new Map<string, string[]>();
  constructor(private readonly hashes = new Map<string, string>()) {}
  add(file: string, lines: string[], sha256 = randomBytes(32).toString('hex')): this {
    this.files.set(file, lines);
    this.hashes.set(file, sha256);
    return this;
  }
  async fingerprint(file: string): Promise<CrawlFingerprint> {
    return { sha256: this.hashes.get(file)!, lines: this.files.get(file)!.length };
  }
  async *lines(file: string): AsyncGenerator<string> {
    yield* this.files.get(file)!;
  }
}

/** Upserts by URL in memory; `failures` makes the next upserts throw, `gate` holds each batch until opened. */
class MemoryRepository {
  readonly stored = new Map<string, DocumentInput>();
  failures = 0;
  gate: Promise<void> | undefined;
  async upsertBatch(inputs: readonly DocumentInput[]): Promise<UpsertOutcome> {
    await this.gate;
    if (this.failures > 0) {
      this.failures--;
      throw new Error('connection refused');
    }
    let inserted = 0;
    for (const input of inputs) {
      if (!this.stored.has(input.url)) inserted++;
      this.stored.set(input.url, input);
    }
    return { inserted, updated: 0, unchanged: inputs.length - inserted, changes: [] };
  }
}
const asRepository = (r: MemoryRepository): DocumentRepository => r as unknown as DocumentRepository;

function startWorker(prefix: string, source: CrawlSource, repository: MemoryRepository, events: ImportWorkerEvent[] = []): ImportWorker {
  const worker = new ImportWorker({ redisUrl: REDIS_URL, prefix, source, repository: asRepository(repository), batchSize: 2, onEvent: (e) => events.push(e) });
  cleanups.push(() => worker.close());
  return worker;
}

function openQueue(prefix: string, options: { attempts?: number; backoffMs?: number } = {}): BullmqImportQueue {
  const queue = new BullmqImportQueue({ redisUrl: REDIS_URL, prefix, ...options });
  cleanups.push(() => queue.close());
  return queue;
}

async function finished(prefix: string, jobId: string, queue: BullmqImportQueue): Promise<void> {
  const events = new QueueEvents(IMPORT_QUEUE, { prefix, connection: redisOptionsFromUrl(REDIS_URL) });
  try {
    await events.waitUntilReady();
    const job = await queue.queue.getJob(jobId);
    await job!.waitUntilFinished(events);
  } finally {
    await events.close();
  }
}

describe('BullmqImportQueue', () => {
  it('holds one job per crawl: enqueued twice, the second add creates nothing', async () => {
    const prefix = testPrefix();
    const queue = openQueue(prefix);
    const source = new MemoryCrawlSource().add('/a.ndjson', [page(1), page(2)], 'c'.repeat(64));
    const first = await enqueueImport('/a.ndjson', { source, queue });
    const second = await enqueueImport('/a.ndjson', { source, queue });
    expect(first).toMatchObject({ jobId: `crawl-${'c'.repeat(64)}`, created: true });
    expect(second).toMatchObject({ jobId: first.jobId, created: false });
    expect(await queue.queue.getJobCounts('wait', 'active', 'delayed')).toEqual({ wait: 1, active: 0, delayed: 0 });
    const job = await queue.queue.getJob(first.jobId);
    expect(job?.data).toMatchObject({ file: '/a.ndjson', sha256: 'c'.repeat(64), lines: 2 });
    expect(job?.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential', delay: 1000 } });
  });
});

describe('BullmqImportQueue without Redis', () => {
  it('fails an add after readyTimeoutMs, naming the host but never the password', async () => {
    const queue = new BullmqImportQueue({ redisUrl: 'redis://user:secret@127.0.0.1:1', readyTimeoutMs: 100 });
    cleanups.push(() => queue.close());
    const add = queue.add(`crawl-${'e'.repeat(64)}`, { file: '/a.ndjson', sha256: 'e'.repeat(64), lines: 1 });
    await expect(add).rejects.toThrow('Redis did not answer within 100 ms at 127.0.0.1:1');
    await expect(add).rejects.not.toThrow('secret');
  });
});

describe('redisOptionsFromUrl', () => {
  it.each([
    ['redis://127.0.0.1', { host: '127.0.0.1', port: 6379 }],
    ['redis://u%40x:p%3Aw@h:6380/2', { host: 'h', port: 6380, username: 'u@x', password: 'p:w', db: 2 }],
    ['rediss://h', { host: 'h', port: 6379, tls: {} }],
  ])('%s', (url, options) => {
    expect(redisOptionsFromUrl(url)).toEqual(options);
  });

  it.each([
    ['not a url', 'REDIS_URL is not a URL: "not a url"'],
    ['http://h', 'REDIS_URL must be redis:// or rediss://, got "http:"'],
  ])('refuses %s', (url, message) => {
    expect(() => redisOptionsFromUrl(url)).toThrow(message);
  });
});

describe('ImportWorker', () => {
  it('imports a job, reporting its progress in lines done of the total', async () => {
    const prefix = testPrefix();
    const queue = openQueue(prefix);
    const source = new MemoryCrawlSource().add('/a.ndjson', [1, 2, 3, 4, 5].map(page));
    const repository = new MemoryRepository();
    const events: ImportWorkerEvent[] = [];
    const { jobId } = await enqueueImport('/a.ndjson', { source, queue });
    startWorker(prefix, source, repository, events);
    await finished(prefix, jobId, queue);
    expect(repository.stored.size).toBe(5);
    expect(events.filter((e) => e.event === 'job-progress').map((e) => (e as { done: number }).done)).toEqual([2, 4, 5, 5]);
    const job = await queue.queue.getJob(jobId);
    expect(job?.progress).toEqual({ done: 5, total: 5 });
    expect(await job?.getState()).toBe('completed');
    expect(job?.returnvalue).toMatchObject({ inserted: 5, skipped: 0 });
    expect(events.at(-1)).toMatchObject({ event: 'job-completed', jobId });
  });

  it('retries a failing job with backoff, then puts it in the dead-letter queue with its reason', async () => {
    const prefix = testPrefix();
    const queue = openQueue(prefix, { attempts: 3, backoffMs: 20 });
    const source = new MemoryCrawlSource().add('/a.ndjson', [page(1)]);
    const repository = new MemoryRepository();
    repository.failures = 3;
    const events: ImportWorkerEvent[] = [];
    const { jobId } = await enqueueImport('/a.ndjson', { source, queue });
    const worker = startWorker(prefix, source, repository, events);
    await finished(prefix, jobId, queue).catch(() => {});
    await worker.close();
    expect(events.filter((e) => e.event === 'job-failed')).toEqual([
      { event: 'job-failed', jobId, reason: 'connection refused', attemptsMade: 1, final: false },
      { event: 'job-failed', jobId, reason: 'connection refused', attemptsMade: 2, final: false },
      { event: 'job-failed', jobId, reason: 'connection refused', attemptsMade: 3, final: true },
    ]);
    const dead = new Queue<DeadImportJob>(DEAD_LETTER_QUEUE, { prefix, connection: redisOptionsFromUrl(REDIS_URL) });
    cleanups.push(() => dead.close());
    const letters = await dead.getJobs(['wait']);
    expect(letters.map((j) => j.data)).toEqual([
      { jobId, file: '/a.ndjson', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), lines: 1, failedReason: 'connection refused', attemptsMade: 3, failedAt: expect.any(String) },
    ]);
    // The failed job left the queue: enqueuing the crawl again is a new job.
    expect(await queue.queue.getJob(jobId)).toBeUndefined();
    expect(await enqueueImport('/a.ndjson', { source, queue })).toMatchObject({ created: true });
  });

  it('sends a crawl whose bytes changed since it was enqueued to the dead-letter queue without retrying', async () => {
    const prefix = testPrefix();
    const queue = openQueue(prefix, { attempts: 3, backoffMs: 20 });
    const hashes = new Map<string, string>();
    const source = new MemoryCrawlSource(hashes).add('/a.ndjson', [page(1)]);
    const { jobId } = await enqueueImport('/a.ndjson', { source, queue });
    hashes.set('/a.ndjson', 'd'.repeat(64));
    const events: ImportWorkerEvent[] = [];
    const worker = startWorker(prefix, source, new MemoryRepository(), events);
    await finished(prefix, jobId, queue).catch(() => {});
    await worker.close();
    expect(events.filter((e) => e.event === 'job-failed' || e.event === 'job-dead')).toEqual([
      { event: 'job-failed', jobId, reason: '/a.ndjson changed since it was enqueued (its SHA-256 differs); enqueue it again', attemptsMade: 1, final: true },
      { event: 'job-dead', jobId, reason: '/a.ndjson changed since it was enqueued (its SHA-256 differs); enqueue it again' },
    ]);
  });

  it('closes after the job in flight has finished', async () => {
    const prefix = testPrefix();
    const queue = openQueue(prefix);
    const source = new MemoryCrawlSource().add('/a.ndjson', [1, 2, 3, 4].map(page));
    const repository = new MemoryRepository();
    let open!: () => void;
    repository.gate = new Promise((resolve) => (open = resolve));
    const events: ImportWorkerEvent[] = [];
    const { jobId } = await enqueueImport('/a.ndjson', { source, queue });
    const worker = startWorker(prefix, source, repository, events);
    await vitestWaitFor(() => events.some((e) => e.event === 'job-active'));
    const closing = worker.close();
    open();
    await closing;
    expect(repository.stored.size).toBe(4);
    expect(await (await queue.queue.getJob(jobId))?.getState()).toBe('completed');
  });

  it('gives the job back to the queue when the grace period ends before the import does', async () => {
    const prefix = testPrefix();
    const queue = openQueue(prefix);
    const source = new MemoryCrawlSource().add('/a.ndjson', [1, 2, 3, 4].map(page));
    const repository = new MemoryRepository();
    let open!: () => void;
    repository.gate = new Promise((resolve) => (open = resolve));
    const events: ImportWorkerEvent[] = [];
    const { jobId } = await enqueueImport('/a.ndjson', { source, queue });
    const worker = startWorker(prefix, source, repository, events);
    await vitestWaitFor(() => events.some((e) => e.event === 'job-active'));
    const closing = worker.close({ graceMs: 50 });
    // The first batch is held past the grace period; it commits, then the import stops before its next line.
    setTimeout(open, 200);
    await closing;
    expect(events.map((e) => e.event)).toContain('job-returned');
    expect(repository.stored.size).toBe(2);
    const job = await queue.queue.getJob(jobId);
    expect(await job?.getState()).toBe('waiting');
    expect(job?.attemptsMade).toBe(0);

    // The next worker runs it again from the start and completes it.
    const next = startWorker(prefix, source, repository);
    await finished(prefix, jobId, queue);
    await next.close();
    expect(repository.stored.size).toBe(4);
  });
});

async function vitestWaitFor(condition: () => boolean): Promise<void> {
  const { vi } = await import('vitest');
  await vi.waitFor(() => {
    if (!condition()) throw new Error('not yet');
  }, { timeout: 10_000, interval: 10 });
}
