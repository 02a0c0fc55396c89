import type { DocumentContent } from './document-content.js';
import { DomainError } from './domain-error.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The fingerprint of a document's content (title, headings, text, links, status) as a SHA-256 hex digest. Two
 * revisions with the same hash carry the same content, so a re-import of an unchanged page is not a revision.
 * The digest is computed by whoever has a hash function (an adapter); the domain holds and compares it.
 */
export class ContentHash {
  private constructor(readonly hex: string) {}

  static parse(hex: string): ContentHash {
    const lower = hex.toLowerCase();
    if (!SHA256_HEX.test(lower)) throw new DomainError('content-hash.format', `a content hash is 64 hex characters (SHA-256), got "${hex.slice(0, 70)}"`);
    return new ContentHash(lower);
  }

  /** The canonical text a hash is taken of: the same content always gives the same text, whatever the key order. */
  static canonicalText(content: DocumentContent): string {
    return JSON.stringify([content.title, content.headings.map((h) => [h.level, h.text]), content.body, content.links, content.status]);
  }

  equals(other: ContentHash): boolean {
    return other.hex === this.hex;
  }

  /** The first 12 characters, enough to tell revisions apart in a log line. */
  get short(): string {
    return this.hex.slice(0, 12);
  }
}
