import type { DocumentCache } from './document-cache.js';
import type { PageCursor } from './cursor.js';
import type { DocumentInput, DocumentPage, DocumentRepository, DocumentView, SearchHit } from './document-repository.js';

/**
 * The API's use cases over the repository and the cache: reads by id and slug are cache-aside (cache, else
 * Postgres then fill), writes go to Postgres and then invalidate. Listing and search always read Postgres.
 */
export class DocumentService {
  constructor(
    private readonly repository: DocumentRepository,
    private readonly cache: DocumentCache,
  ) {}

  async getById(id: number): Promise<DocumentView | null> {
    const cached = await this.cache.get('id', String(id));
    if (cached) return cached;
    const document = await this.repository.findById(id);
    if (document) await this.cache.fill('id', String(id), document);
    return document;
  }

  async getBySlug(slug: string): Promise<DocumentView | null> {
    const cached = await this.cache.get('slug', slug);
    if (cached) return cached;
    const document = await this.repository.findBySlug(slug);
    if (document) await this.cache.fill('slug', slug, document);
    return document;
  }

  list(limit: number, cursor: PageCursor | null): Promise<DocumentPage> {
    return this.repository.listPage(limit, cursor);
  }

  search(q: string, limit: number): Promise<SearchHit[]> {
    return this.repository.search(q, limit);
  }

  async create(input: DocumentInput): Promise<DocumentView> {
    const document = await this.repository.create(input);
    await this.cache.invalidate({ id: document.id, slugs: [document.slug], version: document.version });
    return document;
  }

  async update(id: number, input: DocumentInput): Promise<DocumentView | null> {
    const result = await this.repository.update(id, input);
    if (!result) return null;
    await this.cache.invalidate(result.change);
    return result.document;
  }

  async delete(id: number): Promise<boolean> {
    const change = await this.repository.delete(id);
    if (!change) return false;
    await this.cache.invalidate(change);
    return true;
  }
}
