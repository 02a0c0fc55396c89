// The Document aggregate, cut down to what shows the layers (yours is weeks 1 and 2's). Its imports stay inside
// this package: the rule domain-imports-nothing, the first thing `roadmap verify phase-3` would name.
import { DomainError } from './domain-error.js';

export type DocumentEvent =
  | { readonly type: 'DocumentPublished'; readonly id: number; readonly slugs: readonly string[]; readonly version: number; readonly at: Date }
  | { readonly type: 'DocumentRevised'; readonly id: number; readonly slugs: readonly string[]; readonly version: number; readonly at: Date }
  | { readonly type: 'DocumentDeleted'; readonly id: number; readonly slugs: readonly string[]; readonly version: number; readonly at: Date };

export interface DocumentState {
  readonly id: number;
  readonly url: string;
  readonly slug: string;
  readonly title: string;
  readonly version: number;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class Document {
  #events: DocumentEvent[] = [];

  private constructor(readonly state: DocumentState) {}

  /** Checks a new document before anything is written. */
  static draft(input: { readonly url: string; readonly slug: string; readonly title: string }): void {
    if (!/^https?:\/\//.test(input.url) || !URL.canParse(input.url)) throw new DomainError('url.scheme', `"${input.url}" is not an absolute http(s) URL`);
    if (!SLUG.test(input.slug)) throw new DomainError('slug.format', `"${input.slug}" is not a slug`);
  }

  /** A document the repository has just inserted, with its publication recorded. */
  static published(state: DocumentState, at: Date): Document {
    const document = new Document(state);
    document.#events.push({ type: 'DocumentPublished', id: state.id, slugs: [state.slug], version: state.version, at });
    return document;
  }

  pullEvents(): DocumentEvent[] {
    const events = this.#events;
    this.#events = [];
    return events;
  }
}
