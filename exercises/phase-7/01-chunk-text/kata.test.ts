import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { chunkMarkdown } from './kata.js';

const words = (n: number, prefix = 'w') => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`).join(' ');

describe('chunkMarkdown — windows', () => {
  it('returns a single chunk for short text', () => {
    expect(chunkMarkdown('Hello   small\nworld', { maxWords: 10, overlapWords: 2 })).toEqual([
      { index: 0, heading: null, text: 'Hello small world', wordCount: 3 },
    ]);
  });

  it('cuts 10 words into windows of 4 with overlap 1, and no overlap-only tail chunk', () => {
    const chunks = chunkMarkdown(words(10), { maxWords: 4, overlapWords: 1 });
    expect(chunks.map((c) => c.text)).toEqual(['w1 w2 w3 w4', 'w4 w5 w6 w7', 'w7 w8 w9 w10']);
  });

  it('lets the last window be shorter', () => {
    const chunks = chunkMarkdown(words(9), { maxWords: 4, overlapWords: 1 });
    expect(chunks.map((c) => c.text)).toEqual(['w1 w2 w3 w4', 'w4 w5 w6 w7', 'w7 w8 w9']);
    expect(chunks.map((c) => c.wordCount)).toEqual([4, 4, 3]);
  });

  it('works without overlap', () => {
    const chunks = chunkMarkdown(words(6), { maxWords: 3, overlapWords: 0 });
    expect(chunks.map((c) => c.text)).toEqual(['w1 w2 w3', 'w4 w5 w6']);
  });

  it('never splits a word, even a very long one', () => {
    const long = 'supercalifragilisticexpialidocious';
    const chunks = chunkMarkdown(`${long} ${long} ${long}`, { maxWords: 2, overlapWords: 0 });
    expect(chunks.map((c) => c.text)).toEqual([`${long} ${long}`, long]);
  });

  it('rejects options that would never advance (overlap >= maxWords) or make no sense', () => {
    expect(() => chunkMarkdown('a b c', { maxWords: 3, overlapWords: 3 })).toThrow(RangeError);
    expect(() => chunkMarkdown('a b c', { maxWords: 3, overlapWords: 5 })).toThrow(RangeError);
    expect(() => chunkMarkdown('a b c', { maxWords: 0, overlapWords: 0 })).toThrow(RangeError);
    expect(() => chunkMarkdown('a b c', { maxWords: 3, overlapWords: -1 })).toThrow(RangeError);
    expect(() => chunkMarkdown('a b c', { maxWords: 2.5, overlapWords: 0 })).toThrow(RangeError);
  });
});

describe('chunkMarkdown — Markdown structure', () => {
  const doc = [
    'Intro text here.',
    '',
    '# Install',
    'Run npm install and wait.',
    '',
    '## Configure',
    'Set PORT and DATABASE_URL.',
    '# Empty section',
    '',
    '# Uninstall',
    'Remove the folder.',
  ].join('\n');

  it('starts a new section at each heading and keeps the heading as metadata', () => {
    const chunks = chunkMarkdown(doc, { maxWords: 50, overlapWords: 5 });
    expect(chunks).toEqual([
      { index: 0, heading: null, text: 'Intro text here.', wordCount: 3 },
      { index: 1, heading: 'Install', text: 'Run npm install and wait.', wordCount: 5 },
      { index: 2, heading: 'Configure', text: 'Set PORT and DATABASE_URL.', wordCount: 4 },
      { index: 3, heading: 'Uninstall', text: 'Remove the folder.', wordCount: 3 },
    ]);
  });

  it('never lets a window cross a heading', () => {
    const chunks = chunkMarkdown(doc, { maxWords: 3, overlapWords: 1 });
    expect(chunks.filter((c) => c.heading === 'Install').map((c) => c.text)).toEqual(['Run npm install', 'install and wait.']);
    expect(chunks.some((c) => c.text.includes('wait.') && c.text.includes('Set'))).toBe(false);
    expect(chunks.map((c) => c.index)).toEqual(chunks.map((_, i) => i));
  });

  it('does not treat "# ..." inside a fenced code block as a heading', () => {
    const md = ['# Setup', '```bash', '# install deps', 'npm ci', '```', 'Done.'].join('\n');
    const chunks = chunkMarkdown(md, { maxWords: 50, overlapWords: 0 });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.heading).toBe('Setup');
    expect(chunks[0]?.text).toBe('```bash # install deps npm ci ``` Done.');
  });

  it('"#hashtag" without a space is not a heading', () => {
    const chunks = chunkMarkdown('#hashtag text', { maxWords: 50, overlapWords: 0 });
    expect(chunks).toEqual([{ index: 0, heading: null, text: '#hashtag text', wordCount: 2 }]);
  });
});

describe('chunkMarkdown — properties', () => {
  it('chunks are ≤ maxWords, overlap exactly, and rebuild the original words', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 0, maxLength: 80 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 11 }),
        (ws, maxWords, rawOverlap) => {
          const overlapWords = rawOverlap % maxWords;
          const chunks = chunkMarkdown(ws.join(' '), { maxWords, overlapWords });
          const split = chunks.map((c) => c.text.split(' '));
          for (const [i, c] of chunks.entries()) {
            if (c.wordCount > maxWords || c.wordCount !== split[i]?.length) return false;
          }
          for (let i = 1; i < split.length; i++) {
            const prev = split[i - 1] as string[];
            const cur = split[i] as string[];
            if (overlapWords > 0 && prev.slice(-overlapWords).join(' ') !== cur.slice(0, overlapWords).join(' ')) return false;
          }
          const rebuilt = split.flatMap((w, i) => (i === 0 ? w : w.slice(overlapWords)));
          return rebuilt.join(' ') === ws.join(' ');
        },
      ),
    );
  });
});
