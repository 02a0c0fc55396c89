import { DomainError } from './domain-error.js';
import { Title } from './title.js';

/** A heading as the scraper extracts it: `<h1>`-`<h6>` and its text. */
export interface Heading {
  readonly level: number;
  readonly text: string;
}

/**
 * What one revision of a document says: everything but its identity (id, url, slug) and its history (version).
 * These are the five columns the import compares before it bumps a version.
 */
export interface DocumentContent {
  readonly title: string;
  readonly headings: readonly Heading[];
  readonly body: string;
  readonly links: readonly string[];
  /** The HTTP status the page was fetched with; 0 is the scraper's network error. */
  readonly status: number;
}

/** The longest body the API takes (the `maxLength` of `body` in schemas.ts). */
export const MAX_BODY_LENGTH = 1_000_000;

/**
 * Checks the rules every revision's content keeps, whichever door it came in by (the API or the import): a
 * valid title, a status from 0 to 599, heading levels 1 to 6, a body of at most 1,000,000 characters without NUL.
 * Throws a DomainError naming the first rule broken.
 */
export function checkContent(content: DocumentContent): void {
  Title.parse(content.title);
  if (!Number.isInteger(content.status) || content.status < 0 || content.status > 599) {
    throw new DomainError('status.range', `a status is an integer from 0 to 599, got ${content.status}`);
  }
  for (const h of content.headings) {
    if (!Number.isInteger(h.level) || h.level < 1 || h.level > 6) throw new DomainError('heading.level', `a heading level is 1 to 6, got ${h.level}`);
  }
  if (content.body.length > MAX_BODY_LENGTH) throw new DomainError('body.length', `a body has at most ${MAX_BODY_LENGTH} characters, got ${content.body.length}`);
  if (content.body.includes('\0')) throw new DomainError('body.nul', 'a body must not contain NUL (U+0000)');
}

/** Whether two revisions say the same thing: the import's `IS DISTINCT FROM`, field by field. */
export function sameContent(a: DocumentContent, b: DocumentContent): boolean {
  return (
    a.title === b.title &&
    a.body === b.body &&
    a.status === b.status &&
    a.links.length === b.links.length &&
    a.links.every((link, i) => link === b.links[i]) &&
    a.headings.length === b.headings.length &&
    a.headings.every((h, i) => h.level === b.headings[i]?.level && h.text === b.headings[i]?.text)
  );
}

/** A deep, frozen copy: what the aggregate keeps, so neither the caller's object nor a reader can change it later. */
export function frozenContent(c: DocumentContent): DocumentContent {
  return Object.freeze({
    title: c.title,
    headings: Object.freeze(c.headings.map((h) => Object.freeze({ level: h.level, text: h.text }))),
    body: c.body,
    links: Object.freeze([...c.links]),
    status: c.status,
  });
}
