import { checkContent, sameContent, type DocumentContent } from './document-content.js';
import { DomainError } from './domain-error.js';
import type { DocumentEvent } from './document-events.js';
import { Slug } from './slug.js';
import { Title } from './title.js';
import { Url } from './url.js';

/** The state of a stored document, as a repository reads it back. */
export interface DocumentState extends DocumentContent {
  readonly id: number;
  readonly url: string;
  readonly slug: string;
  readonly version: number;
}

/**
 * The Document aggregate: one page of documentation, identified by its URL, addressed by its slug, revised in
 * versions. Its rules: a valid URL, slug, title and content at every step; the version grows by one with each
 * revision that changes something (a revision with the same content is no revision); a deleted document takes
 * no more revisions. Every change is recorded as an event, which the application publishes after the
 * repository has committed it.
 */
export class Document {
  #events: DocumentEvent[] = [];
  #deleted = false;

  private constructor(
    readonly id: number,
    readonly url: Url,
    private slugValue: Slug,
    private contentValue: DocumentContent,
    private versionValue: number,
  ) {}

  /** A document as stored (no event: nothing happened to it). Throws DomainError on a state that breaks a rule. */
  static restore(state: DocumentState): Document {
    if (!Number.isSafeInteger(state.id) || state.id < 1) throw new DomainError('document.id', `a document id is a positive integer, got ${state.id}`);
    if (!Number.isSafeInteger(state.version) || state.version < 1) throw new DomainError('document.version', `a version is a positive integer, got ${state.version}`);
    Title.parse(state.title);
    checkContent(state);
    return new Document(state.id, Url.parse(state.url), Slug.parse(state.slug), copyContent(state), state.version);
  }

  /**
   * Checks a new document before it is stored: the URL, the slug (given or derived from the URL), the title and
   * the content. Returns what to insert; the repository gives it its id and version 1.
   */
  static draft(input: { readonly url: string; readonly slug?: string } & DocumentContent): { url: Url; slug: Slug; content: DocumentContent } {
    const url = Url.parse(input.url);
    const slug = input.slug === undefined ? Slug.fromUrl(url) : Slug.parse(input.slug);
    Title.parse(input.title);
    checkContent(input);
    return { url, slug, content: copyContent(input) };
  }

  /** Records the publication of a document the repository has just inserted. */
  static published(state: DocumentState, at: Date): Document {
    const document = Document.restore(state);
    document.#events.push({ type: 'DocumentPublished', id: state.id, slugs: [state.slug], version: state.version, at });
    return document;
  }

  get slug(): Slug {
    return this.slugValue;
  }

  get version(): number {
    return this.versionValue;
  }

  get content(): DocumentContent {
    return this.contentValue;
  }

  get deleted(): boolean {
    return this.#deleted;
  }

  /**
   * A new revision: new content and, optionally, a new slug. Returns false (and records nothing) when it changes
   * nothing; otherwise bumps the version and records DocumentRevised with the old and the new slug.
   */
  revise(content: DocumentContent, at: Date, slug?: Slug): boolean {
    if (this.#deleted) throw new DomainError('document.deleted', `document ${this.id} is deleted and takes no revisions`);
    Title.parse(content.title);
    checkContent(content);
    const newSlug = slug ?? this.slugValue;
    if (sameContent(content, this.contentValue) && newSlug.equals(this.slugValue)) return false;
    const slugs = [...new Set([this.slugValue.value, newSlug.value])];
    this.contentValue = copyContent(content);
    this.slugValue = newSlug;
    this.versionValue += 1;
    this.#events.push({ type: 'DocumentRevised', id: this.id, slugs, version: this.versionValue, at });
    return true;
  }

  /** Deletes the document: no copy of any version may be served after this (the floor is one past the last). */
  delete(at: Date): void {
    if (this.#deleted) throw new DomainError('document.deleted', `document ${this.id} is already deleted`);
    this.#deleted = true;
    this.#events.push({ type: 'DocumentDeleted', id: this.id, slugs: [this.slugValue.value], version: this.versionValue + 1, at });
  }

  /** The events recorded since the last call, oldest first; the aggregate forgets them. */
  pullEvents(): DocumentEvent[] {
    const events = this.#events;
    this.#events = [];
    return events;
  }

  toState(): DocumentState {
    return { id: this.id, url: this.url.value, slug: this.slugValue.value, version: this.versionValue, ...this.contentValue };
  }
}

function copyContent(c: DocumentContent): DocumentContent {
  return { title: c.title, headings: c.headings.map((h) => ({ level: h.level, text: h.text })), body: c.body, links: [...c.links], status: c.status };
}
