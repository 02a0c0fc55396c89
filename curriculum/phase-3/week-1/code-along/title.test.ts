import { describe, expect, it } from 'vitest';
import { Title } from './title.js';

describe('Title', () => {
  it.each([[''], ['Getting started'], ['t'.repeat(1000)]])('takes %j', (text) => {
    expect(Title.parse(text).value).toBe(text);
  });

  it.each([
    ['t'.repeat(1001), 'title.length'],
    ['a\0b', 'title.nul'],
  ])('refuses %j (%s)', (text, code) => {
    expect(() => Title.parse(text)).toThrow(expect.objectContaining({ code }));
  });

  it('compares by value, case included', () => {
    expect(Title.parse('Intro').equals(Title.parse('Intro'))).toBe(true);
    expect(Title.parse('Intro').equals(Title.parse('intro'))).toBe(false);
    expect(`${Title.parse('Intro')}`).toBe('Intro');
  });
});
