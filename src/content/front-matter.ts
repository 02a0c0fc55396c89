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
    throw new ContentError(file, `front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}`, 2);
  }
  return { data, body: lines.slice(end + 1).join('\n'), bodyLine: end + 2 };
}
