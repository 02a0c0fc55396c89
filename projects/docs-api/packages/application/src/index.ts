// The docs API's use cases and the ports they are written against (`ports/*.port.ts`). Imports the domain only;
// the adapters implement the ports, and the http app wires them (dependency-cruiser rules in the project root).
export { decodeCursor, encodeCursor, type PageCursor } from './cursor.js';
export { DocumentService, type DocumentServicePorts } from './document-service.js';
export {
  CrawlChangedError,
  enqueueImport,
  ImportInterruptedError,
  importJobId,
  runImportJob,
  type EnqueuedImport,
  type ImportJobOptions,
} from './import-job.js';
export { formatImportSummary, importCrawl, parseRecord, type ImportOptions, type ImportSummary } from './import-crawl.js';
export type { Clock } from './ports/clock.port.js';
export type { CrawlFingerprint, CrawlSource } from './ports/crawl-source.port.js';
export type { CrawlImportJob, ImportProgress, ImportQueue } from './ports/import-queue.port.js';
export type { CacheKind, CacheStatus, DocumentCache } from './ports/document-cache.port.js';
export {
  ValueRejectedError,
  type DocumentInput,
  type DocumentPage,
  type DocumentRepository,
  type DocumentSummary,
  type DocumentView,
  type SearchHit,
  type UpsertOutcome,
} from './ports/document-repository.port.js';
export type { EventPublisher } from './ports/event-publisher.port.js';
export {
  AccessTokenVerifierUnavailableError,
  type AccessToken,
  type AccessTokenCheck,
  type AccessTokenRejection,
  type AccessTokenVerifier,
} from './ports/access-token-verifier.port.js';
