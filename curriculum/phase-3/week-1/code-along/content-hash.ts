import type { DocumentContent } from './document-content.js';
import { DomainError } from './domain-error.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A hash function from text to hex, such as SHA-256: the domain says what is hashed, the caller brings the function. */
export type HashText = (text: string) => string;

/**
 * The fingerprint of a document's content: a SHA-256 hex digest of its canonical text. Two revisions with equal
 * hashes carry the same content, so a re-import of an unchanged page is not a new version.
 */
export class ContentHash {
  readonly #hex: string;

  private constructor(hex: string) {
    this.#hex = hex;
  }

  get hex(): string {
    return this.#hex;
  }

  /** A digest read back from storage or computed elsewhere; upper-case hex is taken and lower-cased. */
  static parse(hex: string): ContentHash {
    const lower = hex.toLowerCase();
    if (!SHA256_HEX.test(lower)) throw new DomainError('content-hash.format', `a content hash is 64 hex characters (SHA-256), got "${hex.slice(0, 70)}"`);
    return new ContentHash(lower);
  }

  /** The hash of `content` with `sha256`; a function that does not return a SHA-256 hex digest is refused. */
  static of(content: DocumentContent, sha256: HashText): ContentHash {
    return ContentHash.parse(sha256(ContentHash.canonicalText(content)));
  }

  /** The text a hash is taken of: fixed field order, so the same content always gives the same text. */
  static canonicalText(content: DocumentContent): string {
    return JSON.stringify([content.title, content.headings.map((h) => [h.level, h.text]), content.body, content.links, content.status]);
  }

  equals(other: ContentHash): boolean {
    return other.hex === this.hex;
  }

  toString(): string {
    return this.hex;
  }
}
