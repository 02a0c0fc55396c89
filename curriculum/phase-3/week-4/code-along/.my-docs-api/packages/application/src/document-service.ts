import { Document, type DocumentState } from '@my-docs-api/domain';
import type { Clock } from './ports/clock.port.js';
import type { DocumentCache } from './ports/document-cache.port.js';
import type { DocumentInput, DocumentRepository } from './ports/document-repository.port.js';
import type { EventPublisher } from './ports/event-publisher.port.js';

export interface DocumentServicePorts {
  readonly repository: DocumentRepository;
  readonly cache: DocumentCache;
  readonly events: EventPublisher;
  readonly clock: Clock;
}

/** The use cases over the ports (last week's DocumentService, now imported by name from this package). */
export class DocumentService {
  constructor(private readonly ports: DocumentServicePorts) {}

  async getById(id: number): Promise<DocumentState | null> {
    const cached = await this.ports.cache.get(id);
    if (cached) return cached;
    const document = await this.ports.repository.findById(id);
    if (document) await this.ports.cache.fill(document);
    return document;
  }

  async publish(input: DocumentInput): Promise<DocumentState> {
    Document.draft(input);
    const state = await this.ports.repository.create(input);
    await this.ports.cache.invalidate(state.id, state.version);
    await this.ports.events.publish(Document.published(state, this.ports.clock.now()).pullEvents());
    return state;
  }
}
