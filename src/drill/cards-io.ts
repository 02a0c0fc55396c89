import { readFileSync } from 'node:fs';
import type { Deps } from '../deps.js';
import { RoadmapError, UsageError } from '../errors.js';
import type { UserCardRow } from '../store/card-repository.js';
import { writeFileAtomic } from '../system/write-file-atomic.js';
import { AnkiFormatError, formatAnkiText, parseAnkiText, userCardId, type AnkiNote } from './anki-text.js';
import { loadCatalog } from './drill-engine.js';

export interface ImportResult {
  readonly added: number;
  readonly updated: number;
  /** Notes that are roadmap's own shipped cards (exported earlier), left as they are. */
  readonly skipped: number;
}

/** Imports an Anki plain-text file as the learner's own cards; importing the same file twice changes nothing. */
export async function importAnki(deps: Deps, file: string): Promise<ImportResult> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new RoadmapError(`cannot read ${file} (${(cause as NodeJS.ErrnoException).code ?? cause}); export it from Anki as "Notes in Plain Text"`, 'user', { cause });
  }
  let notes: AnkiNote[];
  try {
    notes = parseAnkiText(text);
  } catch (e) {
    if (e instanceof AnkiFormatError) throw new RoadmapError(`${file}: ${e.message}`);
    throw e;
  }
  const store = await deps.store();
  const shipped = new Set((await loadCatalog(deps)).filter((c) => c.origin === 'deck').map((c) => c.id));
  const own = new Map((await store.cards.userCards()).map((c) => [c.card_id, c]));
  let added = 0;
  let updated = 0;
  let skipped = 0;
  const nowMs = deps.clock.now().getTime();
  // A file may hold the same note twice: the last one wins, as it would row by row.
  const rows = new Map<string, UserCardRow>();
  for (const n of notes) {
    if (n.guid && shipped.has(n.guid)) {
      skipped++;
      continue;
    }
    const id = userCardId(n);
    const prev = rows.get(id) ?? own.get(id);
    const tags = n.tags.join(' ');
    if (prev && prev.front === n.front && prev.back === n.back && prev.tags === tags) continue;
    if (!rows.has(id)) {
      if (own.has(id)) updated++;
      else added++;
    }
    rows.set(id, { card_id: id, front: n.front, back: n.back, tags, origin: `import:${file}`, created_at: prev?.created_at ?? nowMs });
  }
  // One transaction: a kill or a full disk leaves none of the file imported, never a part of it.
  await store.cards.putUserCards([...rows.values()]);
  return { added, updated, skipped };
}

export interface ExportOptions {
  readonly phase?: number;
  /** Only the learner's own cards (imported or added). */
  readonly own?: boolean;
}

/** Writes cards as Anki plain text (guid = roadmap card id, tags include phase-N). */
export async function exportAnki(deps: Deps, file: string, options: ExportOptions = {}): Promise<number> {
  const cards = (await loadCatalog(deps)).filter((c) => (options.own ? c.origin === 'user' : true) && (options.phase === undefined || c.phase === options.phase));
  const notes = cards.map((c) => ({
    guid: c.id,
    front: c.front,
    back: c.back,
    tags: c.origin === 'deck' ? [`phase-${c.phase}`, ...c.tags] : [...c.tags],
  }));
  try {
    writeFileAtomic(file, formatAnkiText(notes));
  } catch (cause) {
    throw new RoadmapError(`cannot write ${file} (${(cause as NodeJS.ErrnoException).code ?? cause})`, 'user', { cause });
  }
  return notes.length;
}

/** Adds a card of the learner's own, e.g. from a mistake; tags are kebab-case topics (and phase-N). */
export async function addCard(deps: Deps, input: { front: string; back: string; tags: readonly string[] }): Promise<string> {
  if (!input.front.trim() || !input.back.trim()) throw new UsageError('a card needs a front and a back: --front "..." --back "..."');
  const note = { guid: null, front: input.front.trim(), back: input.back.trim(), tags: input.tags };
  const id = userCardId(note);
  await (await deps.store()).cards.putUserCard({ card_id: id, front: note.front, back: note.back, tags: input.tags.join(' '), origin: 'added', created_at: deps.clock.now().getTime() });
  return id;
}
