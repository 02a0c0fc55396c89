import { DomainError } from './domain-error.js';

/** A heading as the scraper extracts it: `<h1>`–`<h6>` and its text. */
export interface Heading {
  readonly level: number;
  readonly text: string;
}

/** What a revision of a document says: everything but its identity (id, url, slug) and its history. */
export interface DocumentContent {
  readonly title: string;
  readonly headings: readonly Heading[];
  readonly body: string;
  readonly links: readonly string[];
  /** The HTTP status the page was fetched with; 0 is the scraper's network error. */
  readonly status: number;
}

export const MAX_BODY_LENGTH = 1_000_000;

/** Checks the invariants of a document's content that hold whoever writes it; throws DomainError. */
export function checkContent(content: DocumentContent): void {
  if (!Number.isInteger(content.status) || content.status < 0 || content.status > 599) {
    throw new DomainError('status.range', `a status is an integer from 0 to 599, got ${content.status}`);
  }
  for (const h of content.headings) {
    if (!Number.isInteger(h.level) || h.level < 1 || h.level > 6) throw new DomainError('heading.level', `a heading level is 1 to 6, got ${h.level}`);
  }
  if (content.body.length > MAX_BODY_LENGTH) throw new DomainError('body.length', `a body has at most ${MAX_BODY_LENGTH} characters, got ${content.body.length}`);
  if (content.body.includes('\0')) throw new DomainError('body.nul', 'a body must not contain NUL (U+0000)');
}

/** Whether two revisions carry the same content (the test a re-import uses to leave a page alone). */
export function sameContent(a: DocumentContent, b: DocumentContent): boolean {
  return (
    a.title === b.title &&
    a.body === b.body &&
    a.status === b.status &&
    a.links.length === b.links.length &&
    a.links.every((l, i) => l === b.links[i]) &&
    a.headings.length === b.headings.length &&
    a.headings.every((h, i) => h.level === b.headings[i]!.level && h.text === b.headings[i]!.text)
  );
}
