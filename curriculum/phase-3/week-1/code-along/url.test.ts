import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error.js';
import { Url } from './url.js';

describe('Url', () => {
  it.each([['https://x.dev/docs'], ['http://127.0.0.1:8080/a?b=1#top'], ['https://x.dev/Docs/Guide/']])('takes %s as written', (text) => {
    expect(Url.parse(text).value).toBe(text);
    expect(Url.isValid(text)).toBe(true);
  });

  it.each([
    ['ftp://x.dev/a', 'url.scheme'],
    ['/docs/p/1', 'url.scheme'],
    ['HTTPS://X.DEV/', 'url.scheme'],
    ['https://', 'url.scheme'],
    ['https://x.dev/a\0b', 'url.nul'],
    [`https://x.dev/${'a'.repeat(2035)}`, 'url.length'],
  ])('refuses %s (%s)', (text, code) => {
    expect(() => Url.parse(text)).toThrow(DomainError);
    expect(() => Url.parse(text)).toThrow(expect.objectContaining({ code }));
    expect(Url.isValid(text)).toBe(false);
  });

  it('compares by value: a trailing slash is another page', () => {
    expect(Url.parse('https://x.dev/a').equals(Url.parse('https://x.dev/a'))).toBe(true);
    expect(Url.parse('https://x.dev/a').equals(Url.parse('https://x.dev/a/'))).toBe(false);
    expect(`${Url.parse('https://x.dev/a')}`).toBe('https://x.dev/a');
  });

  it('cannot be changed once made', () => {
    const url = Url.parse('https://x.dev/a');
    expect(() => {
      (url as { value: string }).value = 'https://evil.dev/';
    }).toThrow(TypeError);
    expect(url.value).toBe('https://x.dev/a');
  });
});
