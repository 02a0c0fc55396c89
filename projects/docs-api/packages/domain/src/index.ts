// The domain of the docs API: the Document aggregate, its value objects and events. No framework, no I/O: this
// package imports nothing but itself (dependency-cruiser rule domain-imports-nothing).
export { ContentHash } from './content-hash.js';
export { Document, type DocumentState } from './document.js';
export { checkContent, MAX_BODY_LENGTH, sameContent, type DocumentContent, type Heading } from './document-content.js';
export { changeOf, type DocumentChange, type DocumentEvent, type DocumentEventType } from './document-events.js';
export { DomainError } from './domain-error.js';
export { MAX_SLUG_LENGTH, Slug } from './slug.js';
export { MAX_TITLE_LENGTH, Title } from './title.js';
export { MAX_URL_LENGTH, Url } from './url.js';
