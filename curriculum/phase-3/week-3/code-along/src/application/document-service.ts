import { Document, type DocumentEvent } from '../domain/index.js';
import type { Clock } from './ports/clock.port.js';
import type { DocumentCache } from './ports/document-cache.port.js';
import type { DocumentInput, DocumentRepository, DocumentView, SearchHit } from './ports/document-repository.port.js';
import type { EventPublisher } from './ports/event-publisher.port.js';

/** Everything the use cases reach outside the hexagon through: four ports, no adapter. */
export interface DocumentServicePorts {
  readonly repository: DocumentRepository;
  readonly cache: DocumentCache;
  readonly events: EventPublisher;
  readonly clock: Clock;
}

function stateOf(view: DocumentView) {
  return { id: view.id, url: view.url, slug: view.slug, title: view.title, headings: view.headings, body: view.body, links: view.links, status: view.status, version: view.version };
}

/**
 * The API's use cases, written against the ports only. Reads by id and slug are cache-aside; publish, update
 * and delete let the domain refuse a bad document before anything is written, write through the repository,
 * then invalidate the cache and publish the events, in that order, after the commit. Search reads the
 * repository. Which database or cache is behind the ports is the composition root's business, not this file's.
 */
export class DocumentService {
  constructor(private readonly ports: DocumentServicePorts) {}

  async getById(id: number): Promise<DocumentView | null> {
    const cached = await this.ports.cache.get('id', String(id));
    if (cached) return cached;
    const document = await this.ports.repository.findById(id);
    if (document) await this.ports.cache.fill('id', String(id), document);
    return document;
  }

  async getBySlug(slug: string): Promise<DocumentView | null> {
    const cached = await this.ports.cache.get('slug', slug);
    if (cached) return cached;
    const document = await this.ports.repository.findBySlug(slug);
    if (document) await this.ports.cache.fill('slug', slug, document);
    return document;
  }

  search(q: string, limit: number): Promise<SearchHit[]> {
    return this.ports.repository.search(q, limit);
  }

  /** Publishes a new document; throws DomainError when it breaks a rule, before anything is written. */
  async publish(input: DocumentInput): Promise<DocumentView> {
    Document.draft(input);
    const view = await this.ports.repository.create(input);
    await this.#afterCommit(Document.published(stateOf(view), this.ports.clock.now()).pullEvents());
    return view;
  }

  /** Replaces a document (version + 1); null when there is none. Throws DomainError before writing a bad one. */
  async update(id: number, input: DocumentInput): Promise<DocumentView | null> {
    Document.draft(input);
    const result = await this.ports.repository.update(id, input);
    if (!result) return null;
    await this.#afterCommit([{ type: 'DocumentRevised', ...result.change, at: this.ports.clock.now() }]);
    return result.document;
  }

  async delete(id: number): Promise<boolean> {
    const change = await this.ports.repository.delete(id);
    if (!change) return false;
    await this.#afterCommit([{ type: 'DocumentDeleted', ...change, at: this.ports.clock.now() }]);
    return true;
  }

  async #afterCommit(events: readonly DocumentEvent[]): Promise<void> {
    for (const e of events) await this.ports.cache.invalidate({ id: e.id, slugs: e.slugs, version: e.version });
    await this.ports.events.publish(events);
  }
}
