import { importCrawl, type ImportOptions, type ImportSummary } from './import-crawl.js';
import type { CrawlSource } from './ports/crawl-source.port.js';
import type { DocumentRepository } from './ports/document-repository.port.js';
import type { CrawlImportJob, ImportProgress, ImportQueue } from './ports/import-queue.port.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The file a job names no longer has the bytes it had when it was enqueued: retrying cannot help. */
export class CrawlChangedError extends Error {
  constructor(readonly file: string) {
    super(`${file} changed since it was enqueued (its SHA-256 differs); enqueue it again`);
    this.name = 'CrawlChangedError';
  }
}

/** The import stopped between two lines because its signal was aborted (a worker shutting down). */
export class ImportInterruptedError extends Error {
  constructor() {
    super('import interrupted');
    this.name = 'ImportInterruptedError';
  }
}

/**
 * The id of the job that imports a crawl: `crawl-` and the SHA-256 of its bytes. The same bytes always give the
 * same id, so enqueuing a crawl twice, from any path, is one job.
 */
export function importJobId(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error(`a crawl's SHA-256 is 64 lowercase hex characters, got "${sha256.slice(0, 70)}"`);
  return `crawl-${sha256}`;
}

export interface EnqueuedImport {
  readonly jobId: string;
  /** False when the queue already knew the job (the same crawl was enqueued before). */
  readonly created: boolean;
  readonly job: CrawlImportJob;
}

/**
 * Enqueues the import of a crawl file: fingerprints it (SHA-256 and line count, one streamed read), then adds a
 * job under the id the fingerprint gives, so a crawl enqueued twice is imported once.
 */
export async function enqueueImport(file: string, ports: { readonly source: CrawlSource; readonly queue: ImportQueue }): Promise<EnqueuedImport> {
  const { sha256, lines } = await ports.source.fingerprint(file);
  const jobId = importJobId(sha256);
  const job = { file, sha256, lines };
  const { created } = await ports.queue.add(jobId, job);
  return { jobId, created, job };
}

async function* untilAborted(lines: AsyncIterable<string>, signal: AbortSignal | undefined): AsyncGenerator<string> {
  for await (const line of lines) {
    if (signal?.aborted) throw new ImportInterruptedError();
    yield line;
  }
}

export interface ImportJobOptions extends Pick<ImportOptions, 'batchSize' | 'onChanges'> {
  /** Called after each committed batch and at the end. */
  readonly onProgress?: (progress: ImportProgress) => Promise<void>;
  /** Aborted: the import stops before its next line (the batches committed so far stay). */
  readonly signal?: AbortSignal;
}

/**
 * Runs one import job: checks that the file still has the bytes the job was enqueued with (else
 * CrawlChangedError), then imports it. The import upserts by URL, so running a job again after a crash or a
 * failed attempt inserts nothing twice: what the first run committed comes back `unchanged`.
 */
export async function runImportJob(
  job: CrawlImportJob,
  ports: { readonly source: CrawlSource; readonly repository: DocumentRepository },
  options: ImportJobOptions = {},
): Promise<ImportSummary> {
  const { sha256 } = await ports.source.fingerprint(job.file);
  if (sha256 !== job.sha256) throw new CrawlChangedError(job.file);
  const { onProgress, signal, ...importOptions } = options;
  return importCrawl(untilAborted(ports.source.lines(job.file), signal), ports.repository, {
    ...importOptions,
    ...(onProgress ? { onProgress: (done: number) => onProgress({ done, total: job.lines }) } : {}),
  });
}
