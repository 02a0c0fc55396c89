import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDecks } from '../../src/content/deck.js';
import { loadKatas } from '../../src/content/kata.js';
import { extractLinks, linkProblem, loadAllowlist } from '../../src/content/links.js';
import { ROOT } from './content-root.js';

const allow = loadAllowlist(ROOT);
const markdown = ['curriculum', 'exercises', 'flashcards'].flatMap((top) =>
  readdirSync(join(ROOT, top), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.md') && !f.includes('node_modules'))
    .map((f) => join(top, f)),
);

describe('links in the content', () => {
  it('finds the content to check', () => {
    expect(markdown.length).toBeGreaterThan(150);
  });

  it('every link in Markdown is well-formed https to an allow-listed official host', () => {
    const problems: string[] = [];
    let count = 0;
    for (const file of markdown) {
      for (const link of extractLinks(readFileSync(join(ROOT, file), 'utf8'))) {
        count++;
        const p = linkProblem(link.url, allow);
        if (p) problems.push(`${file}:${link.line}: ${p}`);
      }
    }
    expect(problems).toEqual([]);
    expect(count).toBeGreaterThan(300);
  });

  it('every kata docs link and every card source is allow-listed', () => {
    const urls = [
      ...loadKatas(ROOT).map((k) => [`${k.dir}/kata.yaml`, k.docs] as const),
      ...loadDecks(ROOT).flatMap((d) => d.notes.filter((n) => n.source).map((n) => [`${d.file}:${n.line}`, n.source!] as const)),
    ];
    const problems = urls.map(([where, url]) => [where, linkProblem(url, allow)] as const).filter(([, p]) => p);
    expect(problems).toEqual([]);
  });

  it('the allow-list names each host once', () => {
    const lines = readFileSync(join(ROOT, 'curriculum/link-allowlist.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(new Set(lines).size).toBe(lines.length);
  });
});
