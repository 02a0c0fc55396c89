import { Document, type DocumentEvent } from '@docs-api/domain';
import type { PageCursor } from './cursor.js';
import type { Clock } from './ports/clock.port.js';
import type { DocumentCache } from './ports/document-cache.port.js';
import type { DocumentInput, DocumentPage, DocumentRepository, DocumentView, SearchHit } from './ports/document-repository.port.js';
import type { EventPublisher } from './ports/event-publisher.port.js';

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
 * The API's use cases over the ports: reads by id and slug are cache-aside (cache, else the repository then
 * fill); publish, update and delete check the Document aggregate's rules, write to the repository, then
 * invalidate the cache and publish the aggregate's events. Listing and search always read the repository.
 */
export class DocumentService {
  constructor(private readonly ports: DocumentServicePorts) {}

  async getById(id: number): Promise<DocumentView | null> {
    const { cache, repository } = this.ports;
    const cached = await cache.get('id', String(id));
    if (cached) return cached;
    const document = await repository.findById(id);
    if (document) await cache.fill('id', String(id), document);
    return document;
  }

  async getBySlug(slug: string): Promise<DocumentView | null> {
    const { cache, repository } = this.ports;
    const cached = await cache.get('slug', slug);
    if (cached) return cached;
    const document = await repository.findBySlug(slug);
    if (document) await cache.fill('slug', slug, document);
    return document;
  }

  list(limit: number, cursor: PageCursor | null): Promise<DocumentPage> {
    return this.ports.repository.listPage(limit, cursor);
  }

  search(q: string, limit: number): Promise<SearchHit[]> {
    return this.ports.repository.search(q, limit);
  }

  /** Publishes a new document; throws DomainError when it breaks a rule, before anything is written. */
  async create(input: DocumentInput): Promise<DocumentView> {
    Document.draft(input);
    const view = await this.ports.repository.create(input);
    const document = Document.published(stateOf(view), this.ports.clock.now());
    await this.#afterCommit(document.pullEvents());
    return view;
  }

  /** Replaces a document (version + 1); null when there is none. Throws DomainError before writing a bad one. */
  async update(id: number, input: DocumentInput): Promise<DocumentView | null> {
    Document.draft(input);
    const result = await this.ports.repository.update(id, input);
    if (!result) return null;
    // The repository bumps the version of every update (a PUT is a write even with the same content), so the
    // event carries what it committed: the old and new slugs and the new version.
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
    for (const e of events) await this.ports.cache.invalidate({ id: e.id, slugs: [...e.slugs], version: e.version });
    await this.ports.events.publish(events);
  }
}
