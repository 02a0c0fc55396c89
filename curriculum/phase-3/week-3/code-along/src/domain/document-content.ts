import { DomainError } from './domain-error.js';

/** A heading as the scraper extracts it: `<h1>`–`<h6>` and its text. */
export interface Heading {
  readonly level: number;
  readonly text: string;
}

/** What a revision of a document says: everything but its identity (id, url, slug) and its version. */
export interface DocumentContent {
  readonly title: string;
  readonly headings: readonly Heading[];
  readonly body: string;
  readonly links: readonly string[];
  /** The HTTP status the page was fetched with; 0 is the scraper's network error. */
  readonly status: number;
}

export const MAX_TITLE_LENGTH = 1000;

/** The rules every revision keeps, whoever writes it; throws DomainError naming the first one broken. */
export function checkContent(content: DocumentContent): void {
  if (content.title.length > MAX_TITLE_LENGTH) throw new DomainError('title.length', `a title has at most ${MAX_TITLE_LENGTH} characters, got ${content.title.length}`);
  if (content.title.includes('\0') || content.body.includes('\0')) throw new DomainError('text.nul', 'a title or body must not contain NUL (U+0000)');
  if (!Number.isInteger(content.status) || content.status < 0 || content.status > 599) {
    throw new DomainError('status.range', `a status is an integer from 0 to 599, got ${content.status}`);
  }
  for (const h of content.headings) {
    if (!Number.isInteger(h.level) || h.level < 1 || h.level > 6) throw new DomainError('heading.level', `a heading level is 1 to 6, got ${h.level}`);
  }
}

/** A copy the caller cannot change behind the aggregate's back. */
export function frozenContent(c: DocumentContent): DocumentContent {
  return Object.freeze({
    title: c.title,
    headings: Object.freeze(c.headings.map((h) => Object.freeze({ level: h.level, text: h.text }))),
    body: c.body,
    links: Object.freeze([...c.links]),
    status: c.status,
  });
}
