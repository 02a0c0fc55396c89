import { describe, expect, it } from 'vitest';
import { ContentError } from './content-error.js';
import { cardsOf, parseDeck } from './deck.js';

const deck = (notes: string) => `---\nphase: 1\ntitle: Node internals\n---\n\n${notes}`;

describe('parseDeck', () => {
  it('reads basic and cloze notes, continuation lines and code fences', () => {
    const d = parseDeck(
      'f.md',
      deck(`## p1.loop
tags: event-loop, libuv
Q: In what order?
   Think phases.
A: timers → poll → check.
\`\`\`js
Q: not a field inside a fence
\`\`\`
source: https://nodejs.org/en/learn

## p1.pool
tags: libuv
C: The pool has {{c1::4}} threads; set {{c2::UV_THREADPOOL_SIZE::an env var}}.
`),
    );
    expect(d.notes).toHaveLength(2);
    expect(d.notes[0]).toMatchObject({ kind: 'basic', id: 'p1.loop', front: 'In what order?\nThink phases.', source: 'https://nodejs.org/en/learn', line: 6 });
    expect((d.notes[0] as { back: string }).back).toContain('Q: not a field inside a fence');
    expect(cardsOf(d.notes[1]!)).toEqual([
      expect.objectContaining({ id: 'p1.pool#c1', front: 'The pool has [...] threads; set UV_THREADPOOL_SIZE.', back: 'The pool has [4] threads; set UV_THREADPOOL_SIZE.' }),
      expect.objectContaining({ id: 'p1.pool#c2', front: 'The pool has 4 threads; set [an env var].' }),
    ]);
  });

  it.each([
    ['no front matter', '## p1.a\ntags: x\nQ: q\nA: a\n', /^f\.md:1: must start with a --- front matter block$/],
    ['an id of another phase', deck('## p2.a\ntags: x\nQ: q\nA: a\n'), /^f\.md:6: note p2\.a is in the phase 1 deck/],
    ['a malformed id', deck('## P1 Loop\ntags: x\nQ: q\nA: a\n'), /^f\.md:6: "P1 Loop" is not a note id/],
    ['a missing answer', deck('## p1.a\ntags: x\nQ: q\n'), /^f\.md:6: note p1\.a: fields must be/],
    ['fields out of order', deck('## p1.a\nQ: q\ntags: x\nA: a\n'), /^f\.md:6: note p1\.a: fields must be/],
    ['a cloze without deletions', deck('## p1.a\ntags: x\nC: nothing hidden\n'), /^f\.md:8: note p1\.a: a cloze needs/],
    ['a gap in cloze numbers', deck('## p1.a\ntags: x\nC: {{c1::a}} {{c3::b}}\n'), /^f\.md:8: note p1\.a: cloze numbers must run/],
    ['a bad tag', deck('## p1.a\ntags: Event Loop\nQ: q\nA: a\n'), /^f\.md:7: note p1\.a: tag "Event Loop"/],
    ['text outside a note', deck('stray words\n'), /^f\.md:6: unexpected text outside a note/],
  ])('rejects %s with file and line', (_n, text, expected) => {
    expect(() => parseDeck('f.md', text)).toThrow(ContentError);
    expect(() => parseDeck('f.md', text)).toThrow(expected);
  });
});
