// The use cases and their ports. Imports @my-docs-api/domain and nothing else (application-imports-domain-only).
export { DocumentService, type DocumentServicePorts } from './document-service.js';
export type { Clock } from './ports/clock.port.js';
export type { DocumentCache } from './ports/document-cache.port.js';
export type { DocumentInput, DocumentRepository } from './ports/document-repository.port.js';
export type { EventPublisher } from './ports/event-publisher.port.js';
