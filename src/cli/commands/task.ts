import { Command, InvalidArgumentError } from 'commander';
import { listTasks, setTaskChecked } from '../../coach/tasks.js';
import type { Deps } from '../../deps.js';
import { styleFor, table, writeJson } from '../output.js';

export function parsePhase(value: string): number {
  const n = Number(value.replace(/^phase-?/i, ''));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a phase number such as 2 (or phase-2)');
  return n;
}

export async function taskListRun(deps: Deps, opts: { readonly phase?: number; readonly json?: boolean }): Promise<void> {
  const rows = await listTasks(deps, opts.phase);
  if (opts.json) return writeJson(deps.io, rows);
  const s = styleFor(deps.io);
  deps.io.out(table(rows.map((t) => [t.checked ? s.green('[x]') : '[ ]', t.id, t.title, s.dim(t.slots.join(', '))])) + '\n');
}

async function setRun(deps: Deps, id: string, checked: boolean, opts: { readonly json?: boolean }): Promise<void> {
  const r = await setTaskChecked(deps, id, checked);
  if (opts.json) return writeJson(deps.io, r);
  const what = checked ? 'Checked' : 'Unchecked';
  deps.io.out(r.changed ? `${what} ${r.task.id}: ${r.task.title}\n` : `${r.task.id} was already ${checked ? 'checked' : 'unchecked'}.\n`);
}

export function makeTaskCommand(deps: Deps): Command {
  const task = new Command('task')
    .description("the plan's task checkboxes (from the roadmap's issue templates)")
    .addHelpText('after', '\nExamples:\n  $ roadmap task list --phase 2\n  $ roadmap task check p2.redis-cache');
  task
    .command('list')
    .description('list tasks with their state')
    .option('--phase <n>', 'only this phase', parsePhase)
    .option('--json', 'print tasks as JSON')
    .addHelpText('after', '\nExample:\n  $ roadmap task list --phase 2')
    .action((opts: { phase?: number; json?: boolean }) => taskListRun(deps, opts));
  task
    .command('check <id>')
    .description('tick a task, e.g. p2.redis-cache')
    .option('--json', 'print the task as JSON')
    .addHelpText('after', '\nExample:\n  $ roadmap task check p1.event-loop-diagram')
    .action((id: string, opts: { json?: boolean }) => setRun(deps, id, true, opts));
  task
    .command('uncheck <id>')
    .description('untick a task')
    .option('--json', 'print the task as JSON')
    .addHelpText('after', '\nExample:\n  $ roadmap task uncheck p1.event-loop-diagram')
    .action((id: string, opts: { json?: boolean }) => setRun(deps, id, false, opts));
  return task;
}
