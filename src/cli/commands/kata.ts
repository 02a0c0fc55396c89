import { Command } from 'commander';
import { resolveDate } from '../../coach/dates.js';
import type { Deps } from '../../deps.js';
import { CheckFailedError } from '../../errors.js';
import { openInEditor } from '../editor.js';
import { offerCard } from '../offer-card.js';
import { styleFor, table, writeJson } from '../output.js';
import { parsePhase } from './task.js';

function minutes(ms: number | null): string {
  return ms === null ? '' : `${Math.max(1, Math.round(ms / 60_000))} min`;
}

async function engine() {
  return import('../../katas/kata-engine.js');
}

async function pick(deps: Deps, id: string | undefined) {
  const e = await engine();
  return id ? e.requireKata(deps, id) : e.currentKata(deps);
}

export async function kataListRun(deps: Deps, opts: { phase?: number; json?: boolean }): Promise<void> {
  const rows = await (await engine()).listKatas(deps, resolveDate(deps, undefined), opts.phase);
  if (opts.json) return writeJson(deps.io, rows.map((r) => ({ id: r.kata.id, title: r.kata.title, phase: r.kata.phase, runner: r.kata.runner, difficulty: r.kata.difficulty, minutes: r.kata.minutes, status: r.status, attempts: r.attempts, hintsUsed: r.hintsUsed, timeMs: r.timeMs, dir: r.dir })));
  const s = styleFor(deps.io);
  const mark = { 'not started': s.dim('·'), failing: s.yellow('✗'), passed: s.green('✓') };
  deps.io.out(table(rows.map((r) => [mark[r.status], r.kata.id, r.kata.title, s.dim(`${r.kata.difficulty}, ${r.kata.minutes} min`), r.attempts ? `${r.attempts} tries` : '', minutes(r.timeMs)])) + '\n');
}

function printCheck(deps: Deps, id: string, r: { passed: boolean; total: number; failed: number; durationMs: number; firstFailure: { test: string; message: string } | null }): void {
  const s = styleFor(deps.io);
  if (r.passed) deps.io.out(`${s.green('✓ passed')} ${id}: ${r.total} tests in ${(r.durationMs / 1000).toFixed(1)} s\n`);
  else {
    deps.io.out(`${s.red('✗ failing')} ${id}: ${r.failed} of ${r.total} failed\n`);
    if (r.firstFailure) deps.io.out(`  ${s.bold(r.firstFailure.test)}\n${r.firstFailure.message.replace(/^/gm, '    ')}\n`);
  }
}

export function makeKataCommand(deps: Deps): Command {
  const kata = new Command('kata')
    .enablePositionalOptions()
    .description("Thursday's exercises, checked by tests: list them with your status, attempts and time")
    .option('--phase <n>', 'only this phase', parsePhase)
    .option('--json', 'print the list as JSON')
    .addHelpText('after', '\nExamples:\n  $ roadmap kata                      # every kata with your status\n  $ roadmap kata next                 # start the next one of your phase\n  $ roadmap kata watch                # re-check on every save until it passes')
    .action((opts: { phase?: number; json?: boolean }) => kataListRun(deps, opts));
  kata
    .command('next')
    .description('start the next kata of your current phase')
    .addHelpText('after', '\nExample:\n  $ roadmap kata next')
    .action(async () => {
      const e = await engine();
      const next = await e.nextKata(deps, resolveDate(deps, undefined));
      if (!next) return deps.io.out('Every kata from your phase on is passed.\n');
      const r = await e.startKata(deps, next.kata, resolveDate(deps, undefined));
      deps.io.out(`${next.kata.id}: ${next.kata.title}\n  ${r.file}\n  Read ${r.dir}/README.md, then \`roadmap kata watch\`.\n`);
    });
  kata
    .command('start <id>')
    .description('copy a kata into your workspace (an existing copy is kept) and open it in $EDITOR when set')
    .addHelpText('after', '\nExample:\n  $ roadmap kata start p1.event-loop-order')
    .action(async (id: string) => {
      const e = await engine();
      const k = e.requireKata(deps, id);
      const r = await e.startKata(deps, k, resolveDate(deps, undefined));
      deps.io.out(`${r.existed ? 'Your copy' : 'Copied'}: ${r.file}\n`);
      if (deps.io.isTTY && (deps.env.VISUAL || deps.env.EDITOR)) await openInEditor(deps, r.file);
    });
  kata
    .command('check [id]')
    .description("run the kata's tests against your copy; shows the first failure (expected vs received)")
    .option('--json', 'print the verdict as JSON')
    .option('--no-offer', 'do not offer to turn a failure into a flashcard')
    .addHelpText('after', '\nExit status: 0 when it passes, 3 when a test fails. On a terminal, a failure offers to become a flashcard.\n\nExample:\n  $ roadmap kata check p1.event-loop-order')
    .action(async (id: string | undefined, opts: { json?: boolean; offer?: boolean }) => {
      const k = await pick(deps, id);
      const r = await (await engine()).checkKata(deps, k, resolveDate(deps, undefined));
      if (opts.json) writeJson(deps.io, { id: k.id, ...r });
      else printCheck(deps, k.id, r);
      if (!r.passed && !opts.json && opts.offer !== false && deps.io.isTTY && r.firstFailure) await offerCard(deps, { front: `${k.title}: ${r.firstFailure.test} — what is the rule?`, tags: [...k.topics, `phase-${k.phase}`] });
      if (!r.passed) throw new CheckFailedError(`${k.id}: ${r.failed} test${r.failed === 1 ? '' : 's'} failing`);
    });
  kata
    .command('watch [id]')
    .description('re-check on every save until the kata passes, then offer the next')
    .addHelpText('after', '\nExample:\n  $ roadmap kata watch')
    .action(async (id: string | undefined) => {
      const e = await engine();
      const k = await pick(deps, id);
      const today = resolveDate(deps, undefined);
      deps.io.err(`Watching ${k.id}: save your file to re-check; Ctrl-C stops.\n`);
      // Ctrl-C aborts the lifecycle's signal: the watch stops vitest and removes its folder, then roadmap exits 130.
      const result = await e.watchKata(deps, k, today, (r) => printCheck(deps, k.id, r), { signal: deps.lifecycle.signal });
      if (result?.passed) {
        const next = await e.nextKata(deps, today);
        deps.io.out(next ? `Next: ${next.kata.id} — ${next.kata.title} (\`roadmap kata next\`)\n` : 'Every kata from your phase on is passed.\n');
      }
    });
  kata
    .command('hint [id]')
    .description('reveal the next hint, most general first')
    .addHelpText('after', '\nExample:\n  $ roadmap kata hint')
    .action(async (id: string | undefined) => {
      const k = await pick(deps, id);
      const h = await (await engine()).revealHint(deps, k);
      deps.io.out(h.hint ? `Hint ${h.number} of ${h.of}: ${h.hint}\n` : `No more hints (${h.of} shown). \`roadmap kata solution --force\` shows the reference.\n`);
    });
  kata
    .command('solution [id]')
    .description('show the reference solution after a pass (or with --force, which is recorded)')
    .option('--force', 'show it before passing')
    .addHelpText('after', '\nExample:\n  $ roadmap kata solution p1.event-loop-order')
    .action(async (id: string | undefined, opts: { force?: boolean }) => {
      const k = await pick(deps, id);
      deps.io.out(await (await engine()).solutionOf(deps, k, Boolean(opts.force)));
    });
  kata
    .command('reset <id>')
    .description('put the starter back in your copy (your attempts stay recorded)')
    .addHelpText('after', '\nExample:\n  $ roadmap kata reset p1.event-loop-order')
    .action(async (id: string) => {
      const e = await engine();
      const dir = await e.resetKata(deps, e.requireKata(deps, id), resolveDate(deps, undefined));
      deps.io.out(`Reset ${id}: ${dir}\n`);
    });
  return kata;
}
