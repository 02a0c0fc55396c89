import { Slug, type DocumentChange } from '../../domain/index.js';
import type { Clock } from '../ports/clock.port.js';
import {
  DocumentConflictError,
  ValueRejectedError,
  type DocumentInput,
  type DocumentRepository,
  type DocumentView,
  type SearchHit,
  type UpsertOutcome,
} from '../ports/document-repository.port.js';

/** What a Postgres `integer` column holds: the adapter that stands in for Postgres refuses the same values. */
const INT4 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/** 8 hex characters that depend only on the text (FNV-1a): node:crypto is I/O the application layer never imports. */
function digestHex(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

const words = (text: string): string[] => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

function sameContent(a: DocumentInput, b: DocumentView): boolean {
  return a.title === b.title && a.body === b.body && a.status === b.status && JSON.stringify([a.headings, a.links]) === JSON.stringify([b.headings, b.links]);
}

/**
 * The DocumentRepository port in a Map: a real implementation, not a mock, so the use-case tests need no
 * database and no `vi.fn()`. It passes the same contract as the Postgres adapter
 * (packages/adapter-postgres/src/document-repository.contract.test.ts), which is what makes its answers
 * worth trusting: unique URL and slug, version + 1 per write, atomic batches, the values Postgres refuses.
 * Its search is a plain word match, not Postgres's stemming: the contract asks only what both can promise.
 */
export class InMemoryDocumentRepository implements DocumentRepository {
  readonly #rows = new Map<number, DocumentView>();
  #nextId = 1;

  constructor(private readonly clock: Clock = { now: () => new Date() }) {}

  async ping(): Promise<void> {}

  async findById(id: number): Promise<DocumentView | null> {
    return this.#rows.get(id) ?? null;
  }

  async findBySlug(slug: string): Promise<DocumentView | null> {
    return this.#find((d) => d.slug === slug) ?? null;
  }

  async search(q: string, limit: number): Promise<SearchHit[]> {
    const wanted = words(q);
    if (wanted.length === 0) return [];
    const hits: SearchHit[] = [];
    for (const d of this.#rows.values()) {
      const title = new Set(words(d.title));
      const body = new Set(words(d.body));
      if (!wanted.every((w) => title.has(w) || body.has(w))) continue;
      // Title words weigh more than body words, as Postgres's setweight A over B does.
      const rank = wanted.reduce((sum, w) => sum + (title.has(w) ? 1 : 0) + (body.has(w) ? 0.4 : 0), 0);
      const snippet = d.body.replace(new RegExp(`\\b(${wanted.join('|')})\\b`, 'gi'), '<mark>$1</mark>');
      hits.push({ id: d.id, slug: d.slug, url: d.url, title: d.title, rank, snippet });
    }
    return hits.sort((a, b) => b.rank - a.rank || a.id - b.id).slice(0, limit);
  }

  async create(input: DocumentInput): Promise<DocumentView> {
    this.#refuseUnstorable([input]);
    if (this.#find((d) => d.url === input.url)) throw new DocumentConflictError('url', `a document with URL ${input.url} exists`);
    if (input.slug !== undefined && this.#find((d) => d.slug === input.slug)) throw new DocumentConflictError('slug', `a document with slug "${input.slug}" exists`);
    return this.#insert(input);
  }

  async update(id: number, input: DocumentInput): Promise<{ document: DocumentView; change: DocumentChange } | null> {
    const old = this.#rows.get(id);
    if (!old) return null;
    this.#refuseUnstorable([input]);
    if (this.#find((d) => d.url === input.url && d.id !== id)) throw new DocumentConflictError('url', `a document with URL ${input.url} exists`);
    const slug = input.slug ?? old.slug;
    if (this.#find((d) => d.slug === slug && d.id !== id)) throw new DocumentConflictError('slug', `a document with slug "${slug}" exists`);
    const document = { ...this.#content(input), id, url: input.url, slug, version: old.version + 1, createdAt: old.createdAt, updatedAt: this.clock.now().toISOString() };
    this.#rows.set(id, document);
    return { document, change: { id, slugs: [...new Set([old.slug, slug])], version: document.version } };
  }

  async delete(id: number): Promise<DocumentChange | null> {
    const old = this.#rows.get(id);
    if (!old) return null;
    this.#rows.delete(id);
    return { id, slugs: [old.slug], version: old.version + 1 };
  }

  async upsertBatch(inputs: readonly DocumentInput[]): Promise<UpsertOutcome> {
    // Everything is checked before the first write: a refused batch leaves no trace, like a rolled-back transaction.
    this.#refuseUnstorable(inputs);
    let inserted = 0;
    let unchanged = 0;
    const changes: DocumentChange[] = [];
    for (const input of inputs) {
      const old = this.#find((d) => d.url === input.url);
      if (!old) {
        this.#insert(input);
        inserted++;
      } else if (sameContent(input, old)) {
        unchanged++;
      } else {
        // An upsert never renames: an existing URL keeps its slug.
        const document = { ...old, ...this.#content(input), version: old.version + 1, updatedAt: this.clock.now().toISOString() };
        this.#rows.set(old.id, document);
        changes.push({ id: old.id, slugs: [old.slug], version: document.version });
      }
    }
    return { inserted, updated: changes.length, unchanged, changes };
  }

  #find(match: (d: DocumentView) => boolean): DocumentView | undefined {
    return [...this.#rows.values()].find(match);
  }

  #refuseUnstorable(inputs: readonly DocumentInput[]): void {
    const bad = inputs.find((i) => i.status < INT4.min || i.status > INT4.max);
    if (bad) throw new ValueRejectedError(`status ${bad.status} of ${bad.url} does not fit an integer column`);
  }

  #insert(input: DocumentInput): DocumentView {
    const now = this.clock.now().toISOString();
    const id = this.#nextId++;
    const document = { ...this.#content(input), id, url: input.url, slug: input.slug ?? this.#freeSlug(input.url), version: 1, createdAt: now, updatedAt: now };
    this.#rows.set(id, document);
    return document;
  }

  #freeSlug(url: string): string {
    const slug = Slug.fromUrl(url).value;
    return this.#find((d) => d.slug === slug) ? Slug.disambiguated(url, digestHex(url)).value : slug;
  }

  #content(input: DocumentInput) {
    return { title: input.title, headings: input.headings.map((h) => ({ ...h })), body: input.body, links: [...input.links], status: input.status };
  }
}
