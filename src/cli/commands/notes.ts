import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { resolveDate } from '../../coach/dates.js';
import { weekOfDay } from '../../coach/learn.js';
import { ensureWeekNote, listWeekNotes } from '../../coach/notes.js';
import { getToday } from '../../coach/today.js';
import type { Deps } from '../../deps.js';
import { RoadmapError, UsageError } from '../../errors.js';
import { tildify } from '../../system/paths.js';
import { table, writeJson } from '../output.js';
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
  const here = weekOfDay((await getToday(deps, today)).info);
  if (opts.phase === undefined && !here) throw new UsageError('the plan has ended: name the week, e.g. `roadmap notes --phase 9 --week 1`');
  const ref = { phase: opts.phase ?? here!.phase, week: opts.week ?? (opts.phase === undefined ? here!.week : 1) };
  const note = await ensureWeekNote(deps, ref, today);
  if (opts.json) return writeJson(deps.io, note);
  if (opts.print) return deps.io.out(readFileSync(note.path, 'utf8'));
  const editor = deps.env.VISUAL || deps.env.EDITOR;
  if (deps.io.isTTY && editor) {
    if ((await deps.runner.interactive(editor, [note.path])) === null) throw new RoadmapError(`editor "${editor}" not found: fix $EDITOR, or use --print`);
    return;
  }
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
      deps.io.out(table(list.map((n) => [`${n.phase}.${n.week}`, `${n.words} words`, tildify(n.path, deps.env)])) + '\n');
    });
  return notes;
}
