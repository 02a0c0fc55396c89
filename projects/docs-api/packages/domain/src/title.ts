import { DomainError } from './domain-error.js';

export const MAX_TITLE_LENGTH = 1000;

/** A document's title: at most 1,000 characters, without NUL (which Postgres `text` cannot hold). */
export class Title {
  private constructor(readonly value: string) {}

  static parse(text: string): Title {
    if (text.includes('\0')) throw new DomainError('title.nul', 'a title must not contain NUL (U+0000)');
    if (text.length > MAX_TITLE_LENGTH) throw new DomainError('title.length', `a title has at most ${MAX_TITLE_LENGTH} characters, got ${text.length}`);
    return new Title(text);
  }

  equals(other: Title): boolean {
    return other.value === this.value;
  }
}
