import { checkContent, frozenContent, sameContent, type DocumentContent } from './document-content.js';
import type { DocumentEvent } from './document-events.js';
import { DomainError } from './domain-error.js';
import { Slug } from './slug.js';
import { Url } from './url.js';

/** A stored document, as the repository reads it back (and as `toState` gives it to the repository). */
export interface DocumentState extends DocumentContent {
  readonly id: number;
  readonly url: string;
  readonly slug: string;
  readonly version: number;
}

/** A new document that passed every rule, before the database gives it an id and version 1. */
export interface DocumentDraft {
  readonly url: Url;
  readonly slug: Slug;
  readonly content: DocumentContent;
}

/**
 * The Document aggregate: one page of documentation, addressed by its slug and revised in versions.
 * Its invariants, kept by every method:
 * - the URL, the slug and the content are valid at every step;
 * - a document is published at version 1, and each revision that changes something adds exactly 1;
 *   a revision that changes nothing is no revision;
 * - a deleted document takes no revision and cannot be deleted twice.
 * Each change is recorded as an event; the caller pulls them after the repository has stored the change.
 */
export class Document {
  readonly id: number;
  readonly url: Url;
  #slug: Slug;
  #content: DocumentContent;
  #version: number;
  #deleted = false;
  #events: DocumentEvent[] = [];

  private constructor(id: number, url: Url, slug: Slug, content: DocumentContent, version: number) {
    this.id = id;
    this.url = url;
    this.#slug = slug;
    this.#content = content;
    this.#version = version;
  }

  /** Checks a new document before anything is written: the slug is the client's, or derived from the URL. */
  static draft(input: { readonly url: string; readonly slug?: string } & DocumentContent): DocumentDraft {
    const url = Url.parse(input.url);
    const slug = input.slug === undefined ? Slug.fromUrl(url) : Slug.parse(input.slug);
    checkContent(input);
    return { url, slug, content: frozenContent(input) };
  }

  /** A document as stored. Nothing happened to it, so it records no event; a state that breaks a rule is refused. */
  static restore(state: DocumentState): Document {
    if (!Number.isSafeInteger(state.id) || state.id < 1) throw new DomainError('document.id', `a document id is a positive integer, got ${state.id}`);
    if (!Number.isSafeInteger(state.version) || state.version < 1) throw new DomainError('document.version', `a version is a positive integer, got ${state.version}`);
    checkContent(state);
    return new Document(state.id, Url.parse(state.url), Slug.parse(state.slug), frozenContent(state), state.version);
  }

  /** The document the repository has just inserted (its id, version 1), with its publication recorded. */
  static published(state: DocumentState, at: Date): Document {
    if (state.version !== 1) throw new DomainError('document.version', `a document is published at version 1, got ${state.version}`);
    const document = Document.restore(state);
    document.#events.push({ type: 'DocumentPublished', id: document.id, slugs: [document.#slug.value], version: 1, at });
    return document;
  }

  get slug(): Slug {
    return this.#slug;
  }

  get version(): number {
    return this.#version;
  }

  /** Frozen: a caller cannot change the content behind the aggregate's back. */
  get content(): DocumentContent {
    return this.#content;
  }

  get deleted(): boolean {
    return this.#deleted;
  }

  /**
   * A new revision: new content and, optionally, a new slug. Returns false and records nothing when it changes
   * nothing; otherwise adds 1 to the version and records DocumentRevised with the old and the new slug.
   */
  revise(content: DocumentContent, at: Date, slug: Slug = this.#slug): boolean {
    if (this.#deleted) throw new DomainError('document.deleted', `document ${this.id} is deleted and takes no revision`);
    checkContent(content); // every check before the first change: a refused revision leaves the document as it was
    if (sameContent(content, this.#content) && slug.equals(this.#slug)) return false;
    const slugs = [...new Set([this.#slug.value, slug.value])];
    this.#content = frozenContent(content);
    this.#slug = slug;
    this.#version += 1;
    this.#events.push({ type: 'DocumentRevised', id: this.id, slugs, version: this.#version, at });
    return true;
  }

  /** Deletes the document. Its event's version is one past the last, so no cache may serve any version after it. */
  delete(at: Date): void {
    if (this.#deleted) throw new DomainError('document.deleted', `document ${this.id} is already deleted`);
    this.#deleted = true;
    this.#events.push({ type: 'DocumentDeleted', id: this.id, slugs: [this.#slug.value], version: this.#version + 1, at });
  }

  /** The events recorded since the last call, oldest first; the aggregate forgets them. */
  pullEvents(): DocumentEvent[] {
    const events = this.#events;
    this.#events = [];
    return events;
  }

  toState(): DocumentState {
    return { id: this.id, url: this.url.value, slug: this.#slug.value, version: this.#version, ...this.#content };
  }
}
