import { DomainError } from './domain-error.js';

/** The longest URL the API takes (the `maxLength` of `url` in schemas.ts). */
export const MAX_URL_LENGTH = 2048;

/**
 * Where a document lives on the web: an absolute http(s) URL of at most 2,048 characters, without NUL. It keeps
 * the text as written: the import upserts by this exact text, so normalising it here would change which row a
 * re-crawled page updates.
 */
export class Url {
  // A #private field, not a public one: it makes the type nominal (a Title, with the same public shape, is not a
  // Url), and with a getter and no setter a write to `value` throws at run time.
  readonly #value: string;

  private constructor(value: string) {
    this.#value = value;
  }

  get value(): string {
    return this.#value;
  }

  /** The only way to get a Url: throws a DomainError naming the rule the text breaks. */
  static parse(text: string): Url {
    if (text.includes('\0')) throw new DomainError('url.nul', 'a URL must not contain NUL (U+0000)');
    if (text.length > MAX_URL_LENGTH) throw new DomainError('url.length', `a URL has at most ${MAX_URL_LENGTH} characters, got ${text.length}`);
    // The same test the API's schema (`pattern: '^https?://'`) and the importer make: lower-case scheme only.
    if (!/^https?:\/\//.test(text) || !URL.canParse(text)) throw new DomainError('url.scheme', `"${text.slice(0, 60)}" is not an absolute http(s) URL`);
    return new Url(text);
  }

  /** Whether `text` would parse, for a reader that skips a bad record instead of failing (the importer). */
  static isValid(text: string): boolean {
    try {
      Url.parse(text);
      return true;
    } catch {
      return false;
    }
  }

  equals(other: Url): boolean {
    return other.value === this.value;
  }

  toString(): string {
    return this.value;
  }
}
