import { describe, expect, it } from 'vitest';
import { shellWords } from './shell-words.js';

describe('shellWords', () => {
  it.each([
    ['vim', ['vim']],
    ['code --wait', ['code', '--wait']],
    ['  less   -R\t', ['less', '-R']],
    ['"/opt/My Editor/bin/edit" -w', ['/opt/My Editor/bin/edit', '-w']],
    ["'/opt/My Editor/edit' --arg='a b'", ['/opt/My Editor/edit', '--arg=a b']],
    ['/opt/My\\ Editor/edit', ['/opt/My Editor/edit']],
    ['emacsclient -a "" -t', ['emacsclient', '-a', '', '-t']],
    ["say ''", ['say', '']],
    ['"a \\"quoted\\" \\$HOME \\x"', ['a "quoted" $HOME \\x']],
    ["'no \\escape in single'", ['no \\escape in single']],
    ['a\\\nb', ['ab']],
    ['pre"mid dle"post', ['premid dlepost']],
    ['', []],
    ['   ', []],
  ])('%j → %j', (line, words) => {
    expect(shellWords(line)).toEqual(words);
  });

  it.each(['"unterminated', "it's", 'trailing\\'])('%j is refused (a shell would be waiting for more)', (line) => {
    expect(shellWords(line)).toBeNull();
  });
});
