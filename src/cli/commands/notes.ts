import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { resolveDate } from '../../coach/dates.js';
import { resolveWeekRef } from '../../coach/learn.js';
import { ensureWeekNote, listWeekNotes } from '../../coach/notes.js';
import type { Deps } from '../../deps.js';
import { tildify } from '../../system/paths.js';
import { editorCommand, openInEditor } from '../editor.js';
import { plural, table, writeJson } from '../output.js';
import { parseWeek } from './learn.js';
import { parsePhase } from './task.js';

export interface NotesOptions {
  readonly phase?: number;
  readonly week?: number;
  readonly date?: string;
  readonly print?: boolean;
  readonly json?: boolean;
}

export async function notesRun(deps: Deps, opts: NotesOptions): Promise<void> {
  const today = resolveDate(deps, opts.date);
  const ref = await resolveWeekRef(deps, today, opts, 'roadmap notes');
  const note = await ensureWeekNote(deps, ref, today);
  if (opts.json) return writeJson(deps.io, note);
  if (opts.print) return deps.io.out(readFileSync(note.path, 'utf8'));
  const editor = editorCommand(deps);
  if (deps.io.isTTY && editor) return openInEditor(deps, note.path);
  deps.io.out(`${note.created ? 'Created' : 'Your note'}: ${note.path}\n`);
  if (!editor) deps.io.err('Set $EDITOR to open it here next time.\n');
}

export function makeNotesCommand(deps: Deps): Command {
  const notes = new Command('notes')
    .enablePositionalOptions()
    .description("open this week's wiki note (Friday), created from a template in your workspace's wiki/ folder")
    .option('--phase <n>', 'another phase (with --week; default week 1)', parsePhase)
    .option('--week <k>', 'another week of the phase', parseWeek)
    .option('--date <date>', 'the week of this date')
    .option('--print', 'print the note instead of opening $EDITOR')
    .option('--json', 'print where the note is, as JSON')
    .addHelpText('after', '\nExamples:\n  $ roadmap notes                 # opens wiki/phase-N/week-K.md in $EDITOR\n  $ roadmap notes list')
    .action((opts: NotesOptions) => notesRun(deps, opts));
  notes
    .command('list')
    .description('list your wiki notes with their word counts')
    .option('--json', 'print the notes as JSON')
    .addHelpText('after', '\nExample:\n  $ roadmap notes list')
    .action(async (opts: { json?: boolean }) => {
      const list = await listWeekNotes(deps, resolveDate(deps, undefined));
      if (opts.json) return writeJson(deps.io, list);
      if (list.length === 0) return deps.io.out('No wiki notes yet: `roadmap notes` starts this week\'s.\n');
      deps.io.out(table(list.map((n) => [`${n.phase}.${n.week}`, plural(n.words, 'word'), tildify(n.path, deps.env)])) + '\n');
    });
  return notes;
}
