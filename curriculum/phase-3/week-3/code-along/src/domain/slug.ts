import { DomainError } from './domain-error.js';
import type { Url } from './url.js';

export const MAX_SLUG_LENGTH = 200;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A derived slug stops here, leaving room for the 9 characters of a disambiguating suffix. */
const DERIVED_MAX = 120;

/** A document's address by name: lower-case a–z and 0–9 words joined by single dashes, 1 to 200 characters. */
export class Slug {
  private constructor(readonly value: string) {}

  static parse(text: string): Slug {
    if (text.length === 0 || text.length > MAX_SLUG_LENGTH) throw new DomainError('slug.length', `a slug has 1 to ${MAX_SLUG_LENGTH} characters, got ${text.length}`);
    if (!SLUG.test(text)) throw new DomainError('slug.format', `"${text.slice(0, 40)}" is not a slug (lower-case words of a-z and 0-9 joined by single dashes)`);
    return new Slug(text);
  }

  /** The slug a URL gets by default: its path, lower-cased, every run of other characters one dash; `/` is `index`. */
  static fromUrl(url: Url | string): Slug {
    const { pathname } = new URL(typeof url === 'string' ? url : url.value);
    const slug = pathname
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, DERIVED_MAX)
      .replace(/-+$/, '');
    return new Slug(slug === '' ? 'index' : slug);
  }

  /**
   * The slug for a URL whose default slug another URL holds: the default, a dash and 8 hex characters of a digest
   * of the URL. The digest comes from outside (a hash function is I/O-free but not a rule of the domain).
   */
  static disambiguated(url: Url | string, digestHex: string): Slug {
    if (!/^[0-9a-f]{8,}$/.test(digestHex)) throw new DomainError('slug.digest', `a disambiguating digest is 8 or more hex characters, got "${digestHex.slice(0, 20)}"`);
    return new Slug(`${Slug.fromUrl(url).value}-${digestHex.slice(0, 8)}`);
  }

  equals(other: Slug): boolean {
    return other.value === this.value;
  }
}
