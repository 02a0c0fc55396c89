import {
  CrawlChangedError,
  runImportJob,
  type CrawlSource,
  type DocumentRepository,
  type ImportJobOptions,
  type ImportProgress,
  type ImportSummary,
} from '@docs-api/application';
import { Queue, UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { StoredImportJob } from './bullmq-import-queue.js';
import { DEAD_LETTER_QUEUE, DEFAULT_QUEUE_PREFIX, IMPORT_QUEUE, type DeadImportJob } from './import-queue-names.js';
import { redisOptionsFromUrl } from './redis-connection.js';

/** What the worker tells its owner (the CLI logs each as one JSON line). */
export type ImportWorkerEvent =
  | { readonly event: 'job-active'; readonly jobId: string; readonly file: string; readonly attempt: number }
  | { readonly event: 'job-progress'; readonly jobId: string; readonly done: number; readonly total: number }
  | { readonly event: 'job-completed'; readonly jobId: string; readonly summary: ImportSummary }
  | { readonly event: 'job-failed'; readonly jobId: string; readonly reason: string; readonly attemptsMade: number; readonly final: boolean }
  | { readonly event: 'job-dead'; readonly jobId: string; readonly reason: string }
  | { readonly event: 'job-returned'; readonly jobId: string }
  | { readonly event: 'job-stalled'; readonly jobId: string }
  | { readonly event: 'worker-error'; readonly message: string };

export interface ImportWorkerOptions {
  readonly redisUrl: string;
  /** @default 'docs-api' */
  readonly prefix?: string;
  readonly source: CrawlSource;
  readonly repository: DocumentRepository;
  /** Passed to the import (the CLI invalidates the cache with it). */
  readonly onChanges?: ImportJobOptions['onChanges'];
  readonly batchSize?: number;
  /**
   * How long a job's lock lives without being renewed (the worker renews it every half of it). A worker that
   * dies holding a job gives it up when the lock expires. @default 30000
   */
  readonly lockDurationMs?: number;
  /** How often the worker looks for jobs whose lock expired, to put them back in the queue. @default 30000 */
  readonly stalledIntervalMs?: number;
  readonly onEvent?: (event: ImportWorkerEvent) => void;
}

/**
 * The worker of `docs-api-imports`: one job at a time, each a runImportJob through the repository, with its
 * progress in lines done of the total. A job that failed its last attempt goes to `docs-api-imports-dead` with
 * its reason; a crawl whose bytes changed fails at once (no retry can help). A worker that dies mid-import holds
 * the job's lock until it expires; then any worker's stalled check puts it back and it runs again from the start,
 * which imports nothing twice (the import upserts by URL).
 */
export class ImportWorker {
  readonly worker: Worker<StoredImportJob, ImportSummary>;
  private readonly dead: Queue<DeadImportJob>;
  private readonly emit: (event: ImportWorkerEvent) => void;
  /** Dead letters being added, awaited by close. */
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly options: ImportWorkerOptions) {
    const prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
    const connection = redisOptionsFromUrl(options.redisUrl);
    this.emit = options.onEvent ?? (() => {});
    this.dead = new Queue<DeadImportJob>(DEAD_LETTER_QUEUE, { prefix, connection });
    this.worker = new Worker<StoredImportJob, ImportSummary>(IMPORT_QUEUE, (job, token, signal) => this.process(job, token, signal), {
      prefix,
      connection: { ...connection, maxRetriesPerRequest: null },
      concurrency: 1,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
    });
    this.worker.on('completed', (job, summary) => this.emit({ event: 'job-completed', jobId: job.id!, summary }));
    this.worker.on('failed', (job, error) => {
      const done = this.failed(job, error).finally(() => this.pending.delete(done));
      this.pending.add(done);
    });
    this.worker.on('stalled', (jobId) => this.emit({ event: 'job-stalled', jobId }));
    this.worker.on('error', (error) => this.emit({ event: 'worker-error', message: error.message }));
  }

  /** Resolves once the worker is connected and taking jobs. */
  async waitUntilReady(): Promise<void> {
    await this.worker.waitUntilReady();
    await this.dead.waitUntilReady();
  }

  private async process(job: Job<StoredImportJob, ImportSummary>, token: string | undefined, signal: AbortSignal | undefined): Promise<ImportSummary> {
    const jobId = job.id!;
    this.emit({ event: 'job-active', jobId, file: job.data.file, attempt: job.attemptsMade + 1 });
    try {
      return await runImportJob(job.data, { source: this.options.source, repository: this.options.repository }, {
        ...(this.options.batchSize === undefined ? {} : { batchSize: this.options.batchSize }),
        ...(this.options.onChanges ? { onChanges: this.options.onChanges } : {}),
        ...(signal ? { signal } : {}),
        onProgress: async (progress: ImportProgress) => {
          await job.updateProgress(progress);
          this.emit({ event: 'job-progress', jobId, ...progress });
        },
      });
    } catch (error) {
      if (signal?.aborted) {
        // Shutting down past the grace period: give the job back (no attempt used) instead of leaving it to stall.
        await job.moveToWait(token);
        this.emit({ event: 'job-returned', jobId });
        throw new WaitingError();
      }
      if (error instanceof CrawlChangedError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  /** A failed attempt; after the last one (BullMQ then sets finishedOn), the job goes to the dead-letter queue. */
  private async failed(job: Job<StoredImportJob, ImportSummary> | undefined, error: Error): Promise<void> {
    if (!job) return;
    const jobId = job.id!;
    const final = job.finishedOn !== undefined;
    this.emit({ event: 'job-failed', jobId, reason: error.message, attemptsMade: job.attemptsMade, final });
    if (!final) return;
    const { enqueueId: _, ...enqueued } = job.data;
    try {
      await this.dead.add(
        'dead',
        { jobId, ...enqueued, failedReason: error.message, attemptsMade: job.attemptsMade, failedAt: new Date(job.finishedOn!).toISOString() },
        // One dead letter per failed job, however often this runs for it.
        { jobId: `${jobId}-${job.timestamp}`, removeOnComplete: false, removeOnFail: false },
      );
      this.emit({ event: 'job-dead', jobId, reason: error.message });
    } catch (deadError) {
      this.emit({ event: 'worker-error', message: `could not add ${jobId} to ${DEAD_LETTER_QUEUE}: ${(deadError as Error).message}` });
    }
  }

  /**
   * Stops taking jobs and waits for the one in flight to finish. After `graceMs` (when given) the import is
   * aborted before its next line and the job goes back to the queue, for another worker to run.
   */
  async close(options: { graceMs?: number } = {}): Promise<void> {
    const timer = options.graceMs === undefined ? undefined : setTimeout(() => this.worker.cancelAllJobs('shutting down'), options.graceMs);
    try {
      await this.worker.close();
    } finally {
      clearTimeout(timer);
      await Promise.all(this.pending);
      await this.dead.close();
    }
  }
}
