/**
 * A crawl to import, as a job carries it: where the NDJSON file is, the SHA-256 of its bytes when it was
 * enqueued (its identity: the same bytes are the same job) and its number of lines (the total of the progress).
 */
export interface CrawlImportJob {
  readonly file: string;
  readonly sha256: string;
  readonly lines: number;
}

/** How far a running import is: lines read and committed, of the file's total. */
export interface ImportProgress {
  readonly done: number;
  readonly total: number;
}

/**
 * Where imports wait for a worker (the BullMQ adapter implements it). Adding is idempotent by job id: a second
 * add under an id the queue still knows (waiting, running, done or failed) adds nothing and says so.
 */
export interface ImportQueue {
  add(jobId: string, job: CrawlImportJob): Promise<{ readonly created: boolean }>;
}
