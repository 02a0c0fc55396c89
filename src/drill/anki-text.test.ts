import { describe, expect, it } from 'vitest';
import { AnkiFormatError, formatAnkiText, parseAnkiText, userCardId } from './anki-text.js';

describe('Anki plain text', () => {
  it('reads Anki’s export with headers, html, quoted multi-line fields and tags', () => {
    const text = ['#separator:tab', '#html:true', '#tags column:3', 'What is <b>MVCC</b>?\t"Each transaction sees a snapshot;<br>writers don\'t block ""readers""."\tpostgres phase-2', 'Q2\tA2\t'].join('\n');
    expect(parseAnkiText(text)).toEqual([
      { guid: null, front: 'What is MVCC?', back: 'Each transaction sees a snapshot;\nwriters don\'t block "readers".', tags: ['postgres', 'phase-2'] },
      { guid: null, front: 'Q2', back: 'A2', tags: [] },
    ]);
  });

  it('round-trips what it writes, including tabs, quotes and newlines', () => {
    const notes = [
      { guid: 'u.1', front: 'a\tb', back: 'line 1\nline "2"', tags: ['x', 'phase-1'] },
      { guid: 'u.2', front: 'plain', back: 'answer', tags: [] },
    ];
    expect(parseAnkiText(formatAnkiText(notes))).toEqual(notes);
  });

  it('rejects a row without a back, naming it', () => {
    expect(() => parseAnkiText('#separator:tab\nonly a front\n')).toThrow(AnkiFormatError);
    expect(() => parseAnkiText('#separator:tab\nonly a front\n')).toThrow('note 1: expected at least a front and a back');
  });

  it('gives imported notes stable ids', () => {
    expect(userCardId({ guid: 'Ab#1', front: 'f', back: 'b', tags: [] })).toBe('u.Ab#1');
    const a = userCardId({ guid: null, front: 'f', back: 'b', tags: [] });
    expect(a).toMatch(/^u\.[0-9a-f]{12}$/);
    expect(userCardId({ guid: null, front: 'f', back: 'b', tags: ['t'] })).toBe(a);
  });
});
