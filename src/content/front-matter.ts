import { parse } from 'yaml';
import { ContentError } from './content-error.js';

export interface FrontMatter {
  readonly data: unknown;
  readonly body: string;
  /** 1-based line number of the body's first line in the file. */
  readonly bodyLine: number;
}

/** Splits a `---` YAML front matter block off a Markdown file. A missing or broken block is a ContentError. */
export function splitFrontMatter(file: string, text: string): FrontMatter {
  const lines = text.split('\n');
  if (lines[0]?.trim() !== '---') throw new ContentError(file, 'must start with a --- front matter block', 1);
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) throw new ContentError(file, 'the front matter block is never closed with ---', 1);
  let data: unknown;
  try {
    data = parse(lines.slice(1, end).join('\n'));
  } catch (e) {
    // yaml counts lines from the block's first line; the file has the opening --- before it. Its message ends
    // with "at line N, column M:" in those block lines, which would contradict the file line given here.
    const at = (e as { linePos?: readonly { line: number }[] }).linePos?.[0]?.line;
    const what = (e as Error).message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ContentError(file, `front matter is not valid YAML: ${what}`, at === undefined ? 2 : Math.min(at, end - 1) + 1);
  }
  return { data, body: lines.slice(end + 1).join('\n'), bodyLine: end + 2 };
}
