/** The queue the imports wait in. */
export const IMPORT_QUEUE = 'docs-api-imports';
/** Where a job goes after its last failed attempt, with its reason (nothing consumes it: it is for a person). */
export const DEAD_LETTER_QUEUE = 'docs-api-imports-dead';
/** The key prefix BullMQ's keys get without QUEUE_PREFIX (`docs-api:docs-api-imports:wait`, …). */
export const DEFAULT_QUEUE_PREFIX = 'docs-api';

/** What a dead-letter job carries: the job as it was enqueued, and why and when it was given up. */
export interface DeadImportJob {
  readonly jobId: string;
  readonly file: string;
  readonly sha256: string;
  readonly lines: number;
  readonly failedReason: string;
  readonly attemptsMade: number;
  readonly failedAt: string;
}
