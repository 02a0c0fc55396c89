// The package's public API: what its package.json "exports" maps "." to. Nothing else of it can be imported.
export { Document, type DocumentEvent, type DocumentState } from './document.js';
export { DomainError } from './domain-error.js';
