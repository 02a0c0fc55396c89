// The domain (weeks 1 and 2, trimmed): no framework, no I/O, no import from outside this folder.
export { Document, type DocumentDraft, type DocumentState } from './document.js';
export { checkContent, MAX_TITLE_LENGTH, type DocumentContent, type Heading } from './document-content.js';
export type { DocumentChange, DocumentEvent } from './document-events.js';
export { DomainError } from './domain-error.js';
export { MAX_SLUG_LENGTH, Slug } from './slug.js';
export { MAX_URL_LENGTH, Url } from './url.js';
