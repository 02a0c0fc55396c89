import { DomainError } from './domain-error.js';
import type { Url } from './url.js';

/** The longest slug: the router reads every slug back as a path parameter (`MAX_SLUG_LENGTH` in schemas.ts). */
export const MAX_SLUG_LENGTH = 200;
/** A derived slug stops here, which leaves room for the dash and 8 hex characters of a disambiguated one. */
const DERIVED_MAX_LENGTH = 120;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DIGEST = /^[0-9a-f]{8,}$/;

/**
 * A document's address by name (`GET /documents/by-slug/:slug`): words of a-z and 0-9 joined by single dashes,
 * 1 to 200 characters. A client may choose one; otherwise it is derived from the URL.
 */
export class Slug {
  readonly #value: string;

  private constructor(value: string) {
    this.#value = value;
  }

  get value(): string {
    return this.#value;
  }

  /** A slug a client chose: throws a DomainError naming the rule it breaks. */
  static parse(text: string): Slug {
    if (text.length === 0 || text.length > MAX_SLUG_LENGTH) {
      throw new DomainError('slug.length', `a slug has 1 to ${MAX_SLUG_LENGTH} characters, got ${text.length}`);
    }
    if (!SLUG.test(text)) {
      throw new DomainError('slug.format', `"${text.slice(0, 40)}" is not a slug: words of a-z and 0-9 joined by single dashes`);
    }
    return new Slug(text);
  }

  /** The slug a URL gets by default: its path, lower-cased, each run of other characters one dash; `/` is `index`. */
  static fromUrl(url: Url): Slug {
    const slug = new URL(url.value).pathname
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, DERIVED_MAX_LENGTH)
      .replace(/-+$/, '');
    return new Slug(slug === '' ? 'index' : slug);
  }

  /**
   * The slug of a URL whose default slug another URL already holds: the default, a dash and the first 8 hex
   * characters of a digest of the URL, so the choice is the same at every import. The caller computes the digest
   * (SHA-1 in the monolith): a hash function is a library, and the domain imports none.
   */
  static disambiguated(url: Url, digestHex: string): Slug {
    if (!DIGEST.test(digestHex)) {
      throw new DomainError('slug.digest', `a disambiguating digest is 8 or more lower-case hex characters, got "${digestHex.slice(0, 20)}"`);
    }
    return new Slug(`${Slug.fromUrl(url).value}-${digestHex.slice(0, 8)}`);
  }

  equals(other: Slug): boolean {
    return other.value === this.value;
  }

  toString(): string {
    return this.value;
  }
}
