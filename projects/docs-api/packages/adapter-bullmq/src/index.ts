// The BullMQ adapter: the ImportQueue port on the `docs-api-imports` queue, and the worker that runs the imports
// (retries with backoff, a dead-letter queue, progress, stalled-job recovery, graceful close).
export { BullmqImportQueue, type BullmqImportQueueOptions, type StoredImportJob } from './bullmq-import-queue.js';
export { DEAD_LETTER_QUEUE, DEFAULT_QUEUE_PREFIX, IMPORT_QUEUE, type DeadImportJob } from './import-queue-names.js';
export { ImportWorker, type ImportWorkerEvent, type ImportWorkerOptions } from './import-worker.js';
export { redisOptionsFromUrl } from './redis-connection.js';
