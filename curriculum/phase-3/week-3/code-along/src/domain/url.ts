import { DomainError } from './domain-error.js';

export const MAX_URL_LENGTH = 2048;

/** A document's identity on the web: an absolute http(s) URL of at most 2,048 characters, without NUL. */
export class Url {
  private constructor(readonly value: string) {}

  static parse(text: string): Url {
    if (text.includes('\0')) throw new DomainError('url.nul', 'a URL must not contain NUL (U+0000)');
    if (text.length > MAX_URL_LENGTH) throw new DomainError('url.length', `a URL has at most ${MAX_URL_LENGTH} characters, got ${text.length}`);
    if (!/^https?:\/\//i.test(text) || !URL.canParse(text)) throw new DomainError('url.scheme', `"${text.slice(0, 60)}" is not an absolute http(s) URL`);
    return new Url(text);
  }

  equals(other: Url): boolean {
    return other.value === this.value;
  }
}
