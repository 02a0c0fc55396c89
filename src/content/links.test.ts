import { describe, expect, it } from 'vitest';
import { extractLinks, linkProblem } from './links.js';

describe('extractLinks', () => {
  it('finds Markdown, angle and bare links, but not code', () => {
    const md = [
      'See [the docs](https://nodejs.org/api/stream.html) and <https://redis.io/docs/>.',
      'Bare: https://www.postgresql.org/docs/current/indexes.html, then more.',
      'Run `curl http://localhost:3000/health` to check.',
      '```sh',
      'curl http://127.0.0.1:8080',
      '```',
    ].join('\n');
    expect(extractLinks(md)).toEqual([
      { url: 'https://nodejs.org/api/stream.html', line: 1 },
      { url: 'https://redis.io/docs/', line: 1 },
      { url: 'https://www.postgresql.org/docs/current/indexes.html', line: 2 },
    ]);
  });
});

describe('linkProblem', () => {
  const allow = new Set(['nodejs.org']);
  it.each([
    ['https://nodejs.org/api/', null],
    ['http://nodejs.org/api/', 'not https: http://nodejs.org/api/'],
    ['https://example.com/x', 'host example.com is not in curriculum/link-allowlist.txt: https://example.com/x'],
    ['https://', 'malformed URL https://'],
  ])('%s', (url, problem) => {
    expect(linkProblem(url, allow)).toBe(problem);
  });
});
