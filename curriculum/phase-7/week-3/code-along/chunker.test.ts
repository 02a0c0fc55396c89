import { describe, it, expect } from 'vitest';
import { chunkMarkdown, chunkText } from './chunker.js';

const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');

describe('step 1: chunking', () => {
  it('returns no chunks for empty or whitespace-only text', () => {
    expect(chunkText('   \n ')).toEqual([]);
  });

  it('windows words with the requested overlap', () => {
    const chunks = chunkText(words(10), { maxWords: 4, overlapWords: 1 });
    expect(chunks.map((c) => c.text)).toEqual(['w0 w1 w2 w3', 'w3 w4 w5 w6', 'w6 w7 w8 w9']);
  });

  it('does not emit a redundant tail chunk that is fully inside the previous one', () => {
    const chunks = chunkText(words(5), { maxWords: 4, overlapWords: 2 });
    expect(chunks.map((c) => c.text)).toEqual(['w0 w1 w2 w3', 'w2 w3 w4']);
  });

  it('keeps offsets that map back to the original text', () => {
    const text = 'Alpha  beta\ngamma delta   epsilon';
    for (const c of chunkText(text, { maxWords: 2, overlapWords: 0 })) {
      expect(text.slice(c.start, c.end)).toBe(c.text);
    }
  });

  it('covers every word at least once', () => {
    const text = words(57);
    const seen = new Set(chunkText(text, { maxWords: 10, overlapWords: 3 }).flatMap((c) => c.text.split(' ')));
    expect(seen.size).toBe(57);
  });

  it('rejects an overlap that would never advance', () => {
    expect(() => chunkText('a b c', { maxWords: 3, overlapWords: 3 })).toThrow(RangeError);
  });

  it('splits Markdown at headings and remembers the heading of each chunk', () => {
    const md = 'Intro text.\n\n# Install\nRun ollama pull llama3.1.\n\n## Index\nCreate an HNSW index.';
    const chunks = chunkMarkdown(md, { maxWords: 50, overlapWords: 0 });
    expect(chunks.map((c) => [c.heading, c.text])).toEqual([
      [undefined, 'Intro text.'],
      ['Install', 'Run ollama pull llama3.1.'],
      ['Index', 'Create an HNSW index.'],
    ]);
    for (const c of chunks) expect(md.slice(c.start, c.end)).toBe(c.text);
  });
});
