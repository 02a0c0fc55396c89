import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { ContentError } from './content-error.js';

/** `phases[2].tasks[0].id` from zod's path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out || '(root)';
}

function lineOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

/**
 * Parses YAML text and validates it with a zod schema. Any problem becomes a `ContentError` naming the file,
 * the line and the path of the first bad field, e.g.
 * `curriculum/plan.yaml:41: phases[1].start: expected a date YYYY-MM-DD`.
 */
export function parseYamlWith<S extends z.ZodType>(file: string, text: string, schema: S): z.output<S> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0]?.line ?? lines.linePos(err.pos[0]).line;
    throw new ContentError(file, `invalid YAML: ${err.message.split('\n')[0]}`, line);
  }
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ContentError(file, `${formatPath(issue.path)}: ${issue.message}`, lineOf(doc, lines, issue.path));
  }
  return result.data;
}
