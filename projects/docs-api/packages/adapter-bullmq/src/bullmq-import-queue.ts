import { randomUUID } from 'node:crypto';
import type { CrawlImportJob, ImportQueue } from '@docs-api/application';
import { Queue } from 'bullmq';
import { DEFAULT_QUEUE_PREFIX, IMPORT_QUEUE } from './import-queue-names.js';
import { redisOptionsFromUrl } from './redis-connection.js';

export interface BullmqImportQueueOptions {
  readonly redisUrl: string;
  /** BullMQ's key prefix, so tests and several deployments share one Redis. @default 'docs-api' */
  readonly prefix?: string;
  /** Attempts before a job goes to the dead-letter queue. @default 5 */
  readonly attempts?: number;
  /** The first retry's delay; each next one doubles it (BullMQ's exponential backoff). @default 1000 */
  readonly backoffMs?: number;
  /** How long an add waits for Redis to answer before it fails. @default 5000 */
  readonly readyTimeoutMs?: number;
}

/** The job as stored: the port's job and the token of the add that created it. */
export interface StoredImportJob extends CrawlImportJob {
  readonly enqueueId: string;
}

/** How long a completed job's id is kept, so the same crawl enqueued again within it is not imported again. */
const KEEP_COMPLETED_SECONDS = 24 * 3600;

/**
 * The ImportQueue port on BullMQ: jobs in `docs-api-imports` under the caller's job id (BullMQ ignores an add
 * whose id it still holds), with attempts and exponential backoff. A failed job is removed from the queue once
 * the worker has put it in the dead-letter queue, so enqueuing the crawl again is a new job.
 */
export class BullmqImportQueue implements ImportQueue {
  readonly queue: Queue<StoredImportJob>;

  constructor(private readonly options: BullmqImportQueueOptions) {
    this.queue = new Queue<StoredImportJob>(IMPORT_QUEUE, {
      prefix: options.prefix ?? DEFAULT_QUEUE_PREFIX,
      // An add fails after one reconnection attempt when Redis is unreachable, instead of waiting for it forever.
      connection: { ...redisOptionsFromUrl(options.redisUrl), maxRetriesPerRequest: 1, connectTimeout: 2000 },
    });
  }

  /**
   * BullMQ answers an add under a known id with that id, like a new add: whether this add created the job is
   * told by the token it stored, read back from the job (the add itself is atomic in Redis).
   */
  async add(jobId: string, job: CrawlImportJob): Promise<{ created: boolean }> {
    await this.ready();
    const enqueueId = randomUUID();
    await this.queue.add(
      'import',
      { ...job, enqueueId },
      {
        jobId,
        attempts: this.options.attempts ?? 5,
        backoff: { type: 'exponential', delay: this.options.backoffMs ?? 1000 },
        removeOnComplete: { age: KEEP_COMPLETED_SECONDS },
        removeOnFail: true,
      },
    );
    const stored = await this.queue.getJob(jobId);
    return { created: stored?.data.enqueueId === enqueueId };
  }

  /** BullMQ reconnects forever: an enqueuer gives up after readyTimeoutMs with an error that says why. */
  private async ready(): Promise<void> {
    const timeoutMs = this.options.readyTimeoutMs ?? 5000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms at ${new URL(this.options.redisUrl).host}`)), timeoutMs);
    });
    try {
      await Promise.race([this.queue.waitUntilReady(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
