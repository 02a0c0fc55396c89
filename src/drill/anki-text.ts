import { createHash } from 'node:crypto';

/**
 * Anki's "Notes in Plain Text" format: `#key:value` header lines, then one note per row, fields split by the
 * separator (tab by default); a field holding the separator, a newline or a quote is wrapped in quotes, with
 * quotes doubled. roadmap writes guid, front, back and tags columns, so a file re-imported into roadmap (or
 * into Anki) updates its notes instead of duplicating them.
 */
export interface AnkiNote {
  readonly guid: string | null;
  readonly front: string;
  readonly back: string;
  readonly tags: readonly string[];
}

const SEPARATORS: Record<string, string> = { tab: '\t', comma: ',', semicolon: ';', pipe: '|', colon: ':', space: ' ' };

function splitRows(body: string, sep: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let atStart = true;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
      continue;
    }
    if (ch === '"' && atStart) {
      quoted = true;
      atStart = false;
    } else if (ch === sep) {
      row.push(field);
      field = '';
      atStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
      atStart = true;
    } else {
      field += ch;
      atStart = false;
    }
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

export class AnkiFormatError extends Error {
  override readonly name = 'AnkiFormatError';
}

/** Parses an Anki plain-text export. Rows with fewer than two note fields are an error naming the row. */
export function parseAnkiText(text: string): AnkiNote[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headers = new Map<string, string>();
  let firstData = 0;
  while (firstData < lines.length && lines[firstData]!.startsWith('#')) {
    const m = /^#([\w ]+):(.*)$/.exec(lines[firstData]!);
    if (m) headers.set(m[1]!.trim().toLowerCase(), m[2]!.trim());
    firstData++;
  }
  const sepName = (headers.get('separator') ?? 'tab').toLowerCase();
  const sep = SEPARATORS[sepName] ?? sepName;
  const html = (headers.get('html') ?? 'false') === 'true';
  const guidCol = headers.has('guid column') ? Number(headers.get('guid column')) - 1 : -1;
  const tagsCol = headers.has('tags column') ? Number(headers.get('tags column')) - 1 : -1;
  const skipCols = new Set([guidCol, tagsCol, ...['notetype column', 'deck column'].filter((k) => headers.has(k)).map((k) => Number(headers.get(k)) - 1)]);
  const strip = (s: string): string => (html ? s.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]+>/g, '').replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') : s);
  return splitRows(lines.slice(firstData).join('\n'), sep).map((row, i) => {
    const fields = row.filter((_, k) => !skipCols.has(k));
    if (fields.length < 2) throw new AnkiFormatError(`note ${i + 1}: expected at least a front and a back field separated by ${sepName}`);
    return {
      guid: guidCol >= 0 ? row[guidCol]?.trim() || null : null,
      front: strip(fields[0]!),
      back: strip(fields[1]!),
      tags: tagsCol >= 0 ? (row[tagsCol] ?? '').split(/\s+/).filter(Boolean) : [],
    };
  });
}

function quote(field: string): string {
  return /[\t\n\r"]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Writes notes as Anki plain text with guid and tags columns (html:false). */
export function formatAnkiText(notes: readonly AnkiNote[]): string {
  const head = ['#separator:tab', '#html:false', '#guid column:1', '#tags column:4'];
  const rows = notes.map((n) => [n.guid ?? '', n.front, n.back, n.tags.join(' ')].map(quote).join('\t'));
  return [...head, ...rows].join('\n') + '\n';
}

/** The id an imported note gets in roadmap: `u.` + its Anki guid, or a content hash when it has none. */
export function userCardId(note: AnkiNote): string {
  if (note.guid) return note.guid.startsWith('u.') ? note.guid : `u.${note.guid}`;
  return `u.${createHash('sha1').update(`${note.front}\u0000${note.back}`).digest('hex').slice(0, 12)}`;
}
