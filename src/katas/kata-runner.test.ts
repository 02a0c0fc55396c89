import { describe, expect, it } from 'vitest';
import { briefDiff } from './kata-runner.js';

describe('briefDiff', () => {
  const legend = ['- Expected', '+ Received', ''];
  const same = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `    "line ${from + i}",`);
  it.each([
    ['a diff that fits whole, even 18 lines', [...legend, '  [', ...same(16), '+   "b",'], [...legend, '  [', ...same(16), '+   "b",']],
    ['a short diff whole', [...legend, '  [', '-   "a",', '+   "b",', '  ]'], ['- Expected', '+ Received', '', '  [', '-   "a",', '+   "b",', '  ]']],
    [
      'a long one from three lines before its first change, cut after',
      [...legend, '  [', ...same(30), '-   "x",', '+   "y",', ...same(30, 30), '  ]'],
      ['- Expected', '+ Received', '', '  …', ...same(3, 27), '-   "x",', '+   "y",', ...same(11, 30), '  …'],
    ],
  ])('shows %s', (_name, lines, shown) => {
    expect(briefDiff(lines.join('\n'))).toBe(shown.join('\n'));
  });

  it('strips vitest\'s colours', () => {
    expect(briefDiff('\u001b[32m- Expected\u001b[39m\n\u001b[31m+ Received\u001b[39m\n\n\u001b[32m-   1\u001b[39m')).toBe('- Expected\n+ Received\n\n-   1');
  });
});
