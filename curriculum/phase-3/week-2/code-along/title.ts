import { DomainError } from './domain-error.js';

/** The longest title the API takes (the `maxLength` of `title` in schemas.ts). */
export const MAX_TITLE_LENGTH = 1000;

/**
 * A document's title: at most 1,000 characters, without NUL (Postgres `text` cannot hold U+0000). It may be
 * empty: a scraped page without a `<title>` is still a page.
 */
export class Title {
  readonly #value: string;

  private constructor(value: string) {
    this.#value = value;
  }

  get value(): string {
    return this.#value;
  }

  static parse(text: string): Title {
    if (text.includes('\0')) throw new DomainError('title.nul', 'a title must not contain NUL (U+0000)');
    if (text.length > MAX_TITLE_LENGTH) throw new DomainError('title.length', `a title has at most ${MAX_TITLE_LENGTH} characters, got ${text.length}`);
    return new Title(text);
  }

  equals(other: Title): boolean {
    return other.value === this.value;
  }

  toString(): string {
    return this.value;
  }
}
