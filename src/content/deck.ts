import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ContentError } from './content-error.js';
import { splitFrontMatter } from './front-matter.js';

/** One note of a deck as written: a basic question/answer, or a cloze text with {{cN::...}} deletions. */
export type Note =
  | { readonly kind: 'basic'; readonly id: string; readonly phase: number; readonly tags: readonly string[]; readonly front: string; readonly back: string; readonly source?: string; readonly file: string; readonly line: number }
  | { readonly kind: 'cloze'; readonly id: string; readonly phase: number; readonly tags: readonly string[]; readonly text: string; readonly source?: string; readonly file: string; readonly line: number };

/** A reviewable card: a basic note is one card, a cloze note one card per deletion number (like Anki). */
export interface Card {
  readonly id: string;
  readonly noteId: string;
  readonly phase: number;
  readonly tags: readonly string[];
  readonly front: string;
  readonly back: string;
}

export interface Deck {
  readonly file: string;
  readonly phase: number;
  readonly title: string;
  readonly notes: readonly Note[];
}

const NOTE_ID = /^p(\d+)\.[a-z0-9]+(-[a-z0-9]+)*$/;
const TAG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const CLOZE = /\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}/g;
const FIELD = /^(tags|Q|A|C|source):(.*)$/;

const frontMatterSchema = z.strictObject({ phase: z.number().int().positive(), title: z.string().min(1) });

/** Distinct cloze numbers in a text, ascending. */
export function clozeNumbers(text: string): number[] {
  return [...new Set([...text.matchAll(CLOZE)].map((m) => Number(m[1])))].sort((a, b) => a - b);
}

/** Card `n` of a cloze text: its deletion hidden as [...] (or [hint]) on the front, shown on the back. */
export function renderCloze(text: string, n: number): { front: string; back: string } {
  const front = text.replace(CLOZE, (_m, num: string, answer: string, hint?: string) => (Number(num) === n ? `[${hint ?? '...'}]` : answer));
  const back = text.replace(CLOZE, (_m, num: string, answer: string) => (Number(num) === n ? `[${answer}]` : answer));
  return { front, back };
}

export function cardsOf(note: Note): Card[] {
  if (note.kind === 'basic') return [{ id: note.id, noteId: note.id, phase: note.phase, tags: note.tags, front: note.front, back: note.back }];
  return clozeNumbers(note.text).map((n) => ({ id: `${note.id}#c${n}`, noteId: note.id, phase: note.phase, tags: note.tags, ...renderCloze(note.text, n) }));
}

/** Joins a field's lines, dropping the continuation indent and trailing blank lines. */
function fieldText(lines: readonly string[]): string {
  const text = lines.map((l, i) => (i === 0 ? l.trim() : l.replace(/^ {1,3}/, ''))).join('\n');
  return text.replace(/\s+$/, '');
}

/**
 * Parses a deck file (see README "Content formats"). Any mistake is a ContentError naming the file and line:
 * a bad or missing front matter, an id that is malformed or of another phase, fields out of order, a cloze
 * without deletions or with a gap in its numbers.
 */
export function parseDeck(file: string, text: string): Deck {
  const { data, body, bodyLine } = splitFrontMatter(file, text);
  const fm = frontMatterSchema.safeParse(data);
  if (!fm.success) throw new ContentError(file, `front matter: ${fm.error.issues[0]!.path.join('.') || '(root)'}: ${fm.error.issues[0]!.message}`, 1);
  const { phase, title } = fm.data;
  const notes: Note[] = [];
  const lines = body.split('\n');
  let current: { id: string; line: number; fields: { name: string; line: number; lines: string[] }[] } | null = null;
  let inFence = false;

  const finish = (): void => {
    if (!current) return;
    const { id, line } = current;
    const fail = (detail: string, at = line): never => {
      throw new ContentError(file, `note ${id}: ${detail}`, at);
    };
    const names = current.fields.map((f) => f.name);
    const get = (name: string) => current!.fields.find((f) => f.name === name);
    const order = names.join(' ');
    if (!/^tags ((Q A)|C)( source)?$/.test(order)) {
      fail(`fields must be "tags:", then "Q:" and "A:" or "C:", then an optional "source:" (found: ${order || 'none'})`);
    }
    const tags = fieldText(get('tags')!.lines).split(',').map((t) => t.trim()).filter(Boolean);
    if (tags.length < 1 || tags.length > 4) fail('needs 1–4 tags', get('tags')!.line);
    for (const t of tags) if (!TAG.test(t)) fail(`tag "${t}" is not kebab-case`, get('tags')!.line);
    const sourceField = get('source');
    const source = sourceField ? fieldText(sourceField.lines) : undefined;
    if (sourceField && !/^https?:\/\/\S+$/.test(source!)) fail('source must be one http(s) URL', sourceField.line);
    const base = { id, phase, tags, file, line, ...(source ? { source } : {}) };
    const c = get('C');
    if (c) {
      const textC = fieldText(c.lines);
      const nums = clozeNumbers(textC);
      if (nums.length === 0) fail('a cloze needs at least one {{c1::...}} deletion', c.line);
      nums.forEach((n, i) => n !== i + 1 && fail(`cloze numbers must run c1, c2, ... without gaps (found c${n})`, c.line));
      notes.push({ kind: 'cloze', ...base, text: textC });
    } else {
      const front = fieldText(get('Q')!.lines);
      const back = fieldText(get('A')!.lines);
      if (!front) fail('empty Q:', get('Q')!.line);
      if (!back) fail('empty A:', get('A')!.line);
      notes.push({ kind: 'basic', ...base, front, back });
    }
    current = null;
  };

  lines.forEach((raw, i) => {
    const lineNo = bodyLine + i;
    if (/^\s*```/.test(raw)) inFence = !inFence;
    if (!inFence && raw.startsWith('## ')) {
      finish();
      const id = raw.slice(3).trim();
      const m = NOTE_ID.exec(id);
      if (!m) throw new ContentError(file, `"${id}" is not a note id like p${phase}.event-loop-phases`, lineNo);
      if (Number(m[1]) !== phase) throw new ContentError(file, `note ${id} is in the phase ${phase} deck: its id must start with p${phase}.`, lineNo);
      current = { id, line: lineNo, fields: [] };
      return;
    }
    const field = inFence ? null : FIELD.exec(raw);
    if (field) {
      if (!current) throw new ContentError(file, `"${field[1]}:" outside a note: start the note with "## <id>"`, lineNo);
      if (current.fields.some((f) => f.name === field[1])) throw new ContentError(file, `note ${current.id}: "${field[1]}:" appears twice`, lineNo);
      current.fields.push({ name: field[1]!, line: lineNo, lines: [field[2]!] });
      return;
    }
    const last = current?.fields.at(-1);
    if (last) last.lines.push(raw);
    else if (raw.trim() !== '' && !raw.startsWith('# ')) {
      throw new ContentError(file, `unexpected text outside a note: "${raw.trim().slice(0, 40)}"`, lineNo);
    }
  });
  if (inFence) throw new ContentError(file, 'a ``` code fence is never closed', bodyLine + lines.length - 1);
  finish();
  return { file, phase, title, notes };
}

export const FLASHCARDS_DIR = 'flashcards';

/** Loads every deck in flashcards/, rejecting a note id used twice across decks. */
export function loadDecks(packageRoot: string): Deck[] {
  const dir = join(packageRoot, FLASHCARDS_DIR);
  const files = readdirSync(dir).filter((f) => /^phase-\d+\.md$/.test(f)).sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
  const seen = new Map<string, string>();
  return files.map((f) => {
    const rel = `${FLASHCARDS_DIR}/${f}`;
    const deck = parseDeck(rel, readFileSync(join(dir, f), 'utf8'));
    if (`phase-${deck.phase}.md` !== f) throw new ContentError(rel, `front matter says phase ${deck.phase}; the file must be phase-${deck.phase}.md`, 2);
    for (const n of deck.notes) {
      const other = seen.get(n.id);
      if (other) throw new ContentError(rel, `duplicate note id ${n.id} (also in ${other})`, n.line);
      seen.set(n.id, `${rel}:${n.line}`);
    }
    return deck;
  });
}
