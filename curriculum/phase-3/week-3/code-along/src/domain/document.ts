import { checkContent, frozenContent, type DocumentContent } from './document-content.js';
import type { DocumentEvent } from './document-events.js';
import { DomainError } from './domain-error.js';
import { Slug } from './slug.js';
import { Url } from './url.js';

/** A stored document, as a repository reads it back. */
export interface DocumentState extends DocumentContent {
  readonly id: number;
  readonly url: string;
  readonly slug: string;
  readonly version: number;
}

/** A new document that passed every rule, before the repository gives it an id and version 1. */
export interface DocumentDraft {
  readonly url: Url;
  readonly slug: Slug;
  readonly content: DocumentContent;
}

/**
 * The Document aggregate, trimmed from weeks 1 and 2 to what this week's use cases call: `draft` checks a new
 * document before anything is written, `published` records the event of one the repository has just inserted.
 * (Your own aggregate also has `revise` and `delete`; the use cases below keep the phase 2 contract, in which
 * every PUT is a new version, so they build those two events from what the repository committed.)
 */
export class Document {
  #events: DocumentEvent[] = [];

  private constructor(
    readonly id: number,
    readonly url: Url,
    readonly slug: Slug,
    readonly content: DocumentContent,
    readonly version: number,
  ) {}

  static draft(input: { readonly url: string; readonly slug?: string } & DocumentContent): DocumentDraft {
    const url = Url.parse(input.url);
    const slug = input.slug === undefined ? Slug.fromUrl(url) : Slug.parse(input.slug);
    checkContent(input);
    return { url, slug, content: frozenContent(input) };
  }

  static restore(state: DocumentState): Document {
    if (!Number.isSafeInteger(state.id) || state.id < 1) throw new DomainError('document.id', `a document id is a positive integer, got ${state.id}`);
    if (!Number.isSafeInteger(state.version) || state.version < 1) throw new DomainError('document.version', `a version is a positive integer, got ${state.version}`);
    checkContent(state);
    return new Document(state.id, Url.parse(state.url), Slug.parse(state.slug), frozenContent(state), state.version);
  }

  static published(state: DocumentState, at: Date): Document {
    if (state.version !== 1) throw new DomainError('document.version', `a document is published at version 1, got ${state.version}`);
    const document = Document.restore(state);
    document.#events.push({ type: 'DocumentPublished', id: document.id, slugs: [document.slug.value], version: 1, at });
    return document;
  }

  /** The events recorded since the last call, oldest first; the aggregate forgets them. */
  pullEvents(): DocumentEvent[] {
    const events = this.#events;
    this.#events = [];
    return events;
  }
}
