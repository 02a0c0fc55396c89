import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { resolveDate } from '../../coach/dates.js';
import { resolveWeekRef } from '../../coach/learn.js';
import { getToday } from '../../coach/today.js';
import { isMaterialSlot, MATERIAL_SLOTS, requireMaterial, type Material } from '../../content/material.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { openInEditor, openInPager } from '../editor.js';
import { writeJson } from '../output.js';
import { parseWeek } from './learn.js';
import { parsePhase } from './task.js';

export interface OpenOptions {
  readonly date?: string;
  readonly phase?: number;
  readonly week?: number;
  readonly print?: boolean;
  readonly edit?: boolean;
  readonly json?: boolean;
}

/** Which document `open` means: the named slot (or today's) of the named week (or today's). */
export async function resolveMaterial(deps: Deps, slotArg: string | undefined, opts: OpenOptions): Promise<Material> {
  const today = await getToday(deps, resolveDate(deps, opts.date));
  if (slotArg !== undefined && !isMaterialSlot(slotArg)) throw new UsageError(`unknown slot "${slotArg}": choose ${MATERIAL_SLOTS.join(', ')}`);
  const info = today.info;
  const slot = slotArg ?? (info.kind === 'study' && isMaterialSlot(info.slot) ? info.slot : undefined);
  if (!slot) {
    const what = info.kind === 'study' ? `today's slot is ${info.slot}` : info.kind === 'rest' ? 'today is a rest day' : `the plan is ${info.kind}`;
    throw new UsageError(`${what}, which has no reading: name one, e.g. \`roadmap open theory\``);
  }
  const ref = await resolveWeekRef(deps, today.date, opts, `roadmap open ${slot}`);
  return requireMaterial(deps.paths.packageRoot, slot, ref.phase, ref.week);
}

export async function openRun(deps: Deps, slotArg: string | undefined, opts: OpenOptions): Promise<void> {
  const m = await resolveMaterial(deps, slotArg, opts);
  if (opts.json) return writeJson(deps.io, m);
  const print = (): void => deps.io.out(readFileSync(m.path, 'utf8'));
  if (opts.print || !deps.io.isTTY) print();
  else if (opts.edit) await openInEditor(deps, m.path);
  else if (!(await openInPager(deps, m.path))) print();
  if (m.codeDir) deps.io.err(`Finished code: ${m.codeDir}\nCheckpoints: npx vitest run ${m.codeDir} -t "step 1"\n`);
}

export function makeOpenCommand(deps: Deps): Command {
  return new Command('open')
    .argument('[slot]', `the document to open: ${MATERIAL_SLOTS.join(', ')} (default: today's)`)
    .description("open this week's theory, code-along or docs note in $PAGER (--edit: $EDITOR); printed when piped")
    .option('--phase <n>', 'another phase (with --week; default week 1)', parsePhase)
    .option('--week <k>', 'another week of the phase', parseWeek)
    .option('--date <date>', 'the week of this date')
    .option('--print', 'print the Markdown instead of paging it')
    .option('--edit', 'open it in $EDITOR')
    .option('--json', 'print where the document is, as JSON')
    .addHelpText('after', "\nExamples:\n  $ roadmap open                       # today's reading\n  $ roadmap open docs --print | less\n  $ roadmap open theory --phase 2 --week 3")
    .action((slot: string | undefined, opts: OpenOptions) => openRun(deps, slot, opts));
}
