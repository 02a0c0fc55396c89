import { describe, expect, it } from 'vitest';
import { CrawlChangedError, enqueueImport, ImportInterruptedError, importJobId, runImportJob } from './import-job.js';
import type { CrawlFingerprint, CrawlSource } from './ports/crawl-source.port.js';
import type { DocumentInput, DocumentRepository, UpsertOutcome } from './ports/document-repository.port.js';
import type { CrawlImportJob, ImportProgress, ImportQueue } from './ports/import-queue.port.js';

// The queue's use cases against in-memory fakes: a queue that keeps jobs by id as BullMQ does, crawl files held
// in a map, and a repository that upserts by URL. The BullMQ adapter runs the same use cases on Redis and Postgres
// (adapter-bullmq's tests).

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

class InMemoryImportQueue implements ImportQueue {
  readonly jobs = new Map<string, CrawlImportJob>();
  async add(jobId: string, job: CrawlImportJob): Promise<{ created: boolean }> {
    if (this.jobs.has(jobId)) return { created: false };
    this.jobs.set(jobId, job);
    return { created: true };
  }
}

class MemoryCrawlSource implements CrawlSource {
  readonly files = new Map<string, { fingerprint: CrawlFingerprint; lines: string[] }>();
  add(file: string, sha256: string, lines: string[]): this {
    this.files.set(file, { fingerprint: { sha256, lines: lines.length }, lines });
    return this;
  }
  private file(file: string) {
    const f = this.files.get(file);
    if (!f) throw new Error(`no such file ${file}`);
    return f;
  }
  async fingerprint(file: string): Promise<CrawlFingerprint> {
    return this.file(file).fingerprint;
  }
  async *lines(file: string): AsyncGenerator<string> {
    yield* this.file(file).lines;
  }
}

class UpsertingRepository implements Pick<DocumentRepository, 'upsertBatch'> {
  readonly stored = new Map<string, DocumentInput>();
  readonly batches: number[] = [];
  async upsertBatch(inputs: readonly DocumentInput[]): Promise<UpsertOutcome> {
    this.batches.push(inputs.length);
    const outcome = { inserted: 0, updated: 0, unchanged: 0, changes: [] };
    for (const input of inputs) {
      if (this.stored.has(input.url)) outcome.unchanged++;
      else outcome.inserted++;
      this.stored.set(input.url, input);
    }
    return outcome;
  }
}
const asRepository = (r: UpsertingRepository): DocumentRepository => r as unknown as DocumentRepository;

const page = (n: number): string => JSON.stringify({ url: `https://x.dev/p/${n}`, status: 200, title: `P${n}`, headings: [], text: 'text', links: [] });
const pages = (count: number): string[] => Array.from({ length: count }, (_, i) => page(i + 1));

describe('importJobId', () => {
  it('is "crawl-" and the SHA-256', () => {
    expect(importJobId(HASH_A)).toBe(`crawl-${HASH_A}`);
  });

  it.each([
    ['too short', 'a'.repeat(63)],
    ['too long', 'a'.repeat(65)],
    ['upper case', 'A'.repeat(64)],
    ['not hex', 'g'.repeat(64)],
    ['a prefix before the digest', `x${'a'.repeat(64)}`],
    ['a suffix after the digest', `${'a'.repeat(64)}x`],
  ])('refuses a digest %s', (_, digest) => {
    expect(() => importJobId(digest)).toThrow(`a crawl's SHA-256 is 64 lowercase hex characters, got "${digest.slice(0, 70)}"`);
  });

  it('quotes at most 70 characters of what it refuses', () => {
    expect(() => importJobId('z'.repeat(100))).toThrow(`got "${'z'.repeat(70)}"`);
  });
});

describe('enqueueImport', () => {
  it('adds one job per crawl content: enqueuing it twice, even from another path, is one job', async () => {
    const queue = new InMemoryImportQueue();
    const source = new MemoryCrawlSource().add('/a.ndjson', HASH_A, pages(3)).add('/copy-of-a.ndjson', HASH_A, pages(3));
    const first = await enqueueImport('/a.ndjson', { source, queue });
    expect(first).toEqual({ jobId: `crawl-${HASH_A}`, created: true, job: { file: '/a.ndjson', sha256: HASH_A, lines: 3 } });
    const second = await enqueueImport('/copy-of-a.ndjson', { source, queue });
    expect(second).toMatchObject({ jobId: `crawl-${HASH_A}`, created: false });
    expect([...queue.jobs.keys()]).toEqual([`crawl-${HASH_A}`]);
  });

  it('adds another job for another content', async () => {
    const queue = new InMemoryImportQueue();
    const source = new MemoryCrawlSource().add('/a.ndjson', HASH_A, pages(1)).add('/b.ndjson', HASH_B, pages(2));
    await enqueueImport('/a.ndjson', { source, queue });
    expect(await enqueueImport('/b.ndjson', { source, queue })).toMatchObject({ jobId: `crawl-${HASH_B}`, created: true });
    expect(queue.jobs.size).toBe(2);
  });

  it('adds nothing when the file cannot be fingerprinted', async () => {
    const queue = new InMemoryImportQueue();
    await expect(enqueueImport('/missing.ndjson', { source: new MemoryCrawlSource(), queue })).rejects.toThrow('no such file /missing.ndjson');
    expect(queue.jobs.size).toBe(0);
  });
});

describe('runImportJob', () => {
  const job = { file: '/a.ndjson', sha256: HASH_A, lines: 5 };

  it('imports the crawl and reports its progress in lines done of the total', async () => {
    const source = new MemoryCrawlSource().add('/a.ndjson', HASH_A, pages(5));
    const repository = new UpsertingRepository();
    const progress: ImportProgress[] = [];
    const summary = await runImportJob(job, { source, repository: asRepository(repository) }, { batchSize: 2, onProgress: async (p) => void progress.push(p) });
    expect(summary).toMatchObject({ inserted: 5, updated: 0, unchanged: 0, skipped: 0 });
    expect(repository.batches).toEqual([2, 2, 1]);
    expect(progress).toEqual([2, 4, 5, 5].map((done) => ({ done, total: 5 })));
  });

  it('runs without a progress callback or a signal', async () => {
    const source = new MemoryCrawlSource().add('/a.ndjson', HASH_A, pages(5));
    const repository = new UpsertingRepository();
    expect(await runImportJob(job, { source, repository: asRepository(repository) })).toMatchObject({ inserted: 5 });
    expect(repository.batches).toEqual([5]);
  });

  it('passes the changes of each batch on', async () => {
    const source = new MemoryCrawlSource().add('/a.ndjson', HASH_A, pages(5));
    const changes: unknown[] = [];
    const repository = {
      upsertBatch: async (inputs: readonly DocumentInput[]) => ({ inserted: inputs.length, updated: 0, unchanged: 0, changes: [{ id: inputs.length, slugs: [], version: 1 }] }),
    } as unknown as DocumentRepository;
    await runImportJob(job, { source, repository }, { batchSize: 3, onChanges: async (c) => void changes.push(...c) });
    expect(changes).toEqual([{ id: 3, slugs: [], version: 1 }, { id: 2, slugs: [], version: 1 }]);
  });

  it('run again (a retry, a crash), imports nothing twice: what the first run stored comes back unchanged', async () => {
    const source = new MemoryCrawlSource().add('/a.ndjson', HASH_A, pages(5));
    const repository = new UpsertingRepository();
    await runImportJob(job, { source, repository: asRepository(repository) });
    const again = await runImportJob(job, { source, repository: asRepository(repository) });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 });
    expect(repository.stored.size).toBe(5);
  });

  it('refuses a file whose bytes changed since the job was enqueued, before importing anything', async () => {
    const source = new MemoryCrawlSource().add('/a.ndjson', HASH_B, pages(5));
    const repository = new UpsertingRepository();
    const run = runImportJob(job, { source, repository: asRepository(repository) });
    await expect(run).rejects.toThrow(CrawlChangedError);
    await expect(run).rejects.toThrow('/a.ndjson changed since it was enqueued (its SHA-256 differs); enqueue it again');
    await expect(run).rejects.toMatchObject({ name: 'CrawlChangedError', file: '/a.ndjson' });
    expect(repository.batches).toEqual([]);
  });

  it('stops before its next line once the signal is aborted, keeping the batches it committed', async () => {
    const source = new MemoryCrawlSource().add('/a.ndjson', HASH_A, pages(5));
    const repository = new UpsertingRepository();
    const controller = new AbortController();
    const run = runImportJob(job, { source, repository: asRepository(repository) }, {
      batchSize: 2,
      signal: controller.signal,
      onProgress: async () => controller.abort(),
    });
    await expect(run).rejects.toThrow(ImportInterruptedError);
    await expect(run).rejects.toMatchObject({ name: 'ImportInterruptedError', message: 'import interrupted' });
    expect([...repository.stored.keys()]).toEqual(['https://x.dev/p/1', 'https://x.dev/p/2']);
  });
});
