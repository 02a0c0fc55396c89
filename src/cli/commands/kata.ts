import { join } from 'node:path';
import { Command } from 'commander';
import { resolveDate } from '../../coach/dates.js';
import type { Deps } from '../../deps.js';
import { CheckFailedError, UsageError } from '../../errors.js';
import { editorCommand, openInEditor } from '../editor.js';
import { offerCard } from '../offer-card.js';
import { plural, styleFor, table, writeJson, type Style } from '../output.js';
import type { KataRow } from '../../katas/kata-engine.js';
import type { Failure } from '../../katas/kata-runner.js';
import { parsePhase } from './task.js';

/** A span of time in the largest units that read well: "<1 min", "25 min", "2 h 5 min", "3 d 4 h". */
export function formatSpan(ms: number): string {
  const min = Math.floor(ms / 60_000);
  if (min < 1) return '<1 min';
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return `${h} h${min % 60 ? ` ${min % 60} min` : ''}`;
  return `${Math.floor(h / 24)} d${h % 24 ? ` ${h % 24} h` : ''}`;
}

function checking(r: KataRow): string {
  if (r.checkingMs === null) return '';
  if (r.status === 'passed') return r.checkingMs === 0 ? 'at the first check' : formatSpan(r.checkingMs);
  return r.attempts > 1 ? `${formatSpan(r.checkingMs)} so far` : '';
}

async function engine() {
  return import('../../katas/kata-engine.js');
}

async function pick(deps: Deps, id: string | undefined, options: { orPassed?: boolean } = {}) {
  const e = await engine();
  return id ? e.requireKata(deps, id) : e.currentKata(deps, resolveDate(deps, undefined), options);
}

export interface KataListOptions {
  readonly phase?: number;
  readonly all?: boolean;
  readonly json?: boolean;
}

/** `roadmap kata`: the katas of the learner's phase (or --phase N, or --all) with their status and checks. */
export async function kataListRun(deps: Deps, opts: KataListOptions): Promise<void> {
  if (opts.all && opts.phase !== undefined) throw new UsageError('--all and --phase go one at a time: `roadmap kata --all`, or `roadmap kata --phase 2`');
  const e = await engine();
  const today = resolveDate(deps, undefined);
  const mine = opts.all || opts.phase !== undefined ? null : await e.learnerPhase(deps, today);
  const phase = opts.all ? undefined : (opts.phase ?? mine ?? undefined);
  const rows = await e.listKatas(deps, today, phase);
  if (opts.json) return writeJson(deps.io, rows.map((r) => ({ id: r.kata.id, title: r.kata.title, phase: r.kata.phase, runner: r.kata.runner, difficulty: r.kata.difficulty, minutes: r.kata.minutes, status: r.status, attempts: r.attempts, hintsUsed: r.hintsUsed, checkingMs: r.checkingMs, dir: r.dir })));
  const s = styleFor(deps.io);
  const what = phase === undefined ? 'Every kata' : `Phase ${phase} katas${mine !== null ? ' (your phase; --all for every phase)' : ''}`;
  if (rows.length === 0) return deps.io.out(`${what}: none. \`roadmap kata --all\` lists every phase.\n`);
  const mark = { 'not started': s.dim('·'), started: s.cyan('○'), failing: s.yellow('✗'), passed: s.green('✓') };
  const header = ['', 'kata', 'title', 'size', 'checks', 'first check → pass'].map((h) => s.dim(h));
  const body = rows.map((r) => [mark[r.status], r.kata.id, r.kata.title, s.dim(`${r.kata.difficulty}, ${r.kata.minutes} min`), r.attempts ? plural(r.attempts, 'check') : '', checking(r)]);
  const legend = `${mark['not started']} not started  ${mark.started} started, not checked  ${mark.failing} failed its last check  ${mark.passed} passed`;
  deps.io.out(`${s.bold(what)}\n${table([header, ...body])}\n${s.dim(legend)}\n`);
}

/** A diff's lines in vitest's colours when colour is on: expected green, received red, the rest dim. */
export function renderDiff(s: Style, diff: string): string {
  return diff
    .split('\n')
    .map((l) => (l.startsWith('-') ? s.green(l) : l.startsWith('+') ? s.red(l) : s.dim(l)))
    .join('\n');
}

/** `kata reset`: asks on a terminal before replacing the learner's code (`--yes` skips; piped, --yes is required). */
export async function kataResetRun(deps: Deps, id: string, opts: { yes?: boolean }): Promise<void> {
  const e = await engine();
  const k = e.requireKata(deps, id);
  const today = resolveDate(deps, undefined);
  if (!opts.yes) {
    if (!deps.io.isTTY) throw new UsageError(`kata reset replaces your code with the starter: pass --yes to confirm (\`roadmap kata reset ${id} --yes\`); your file is backed up first`);
    const mine = await e.resetWouldReplace(deps, k, today);
    if (mine) {
      const answer = await deps.io.readKey(`Replace your code in ${mine} with the starter? It is backed up first. [y/N] `);
      if (!answer || !/^y(es)?$/i.test(answer.trim())) return deps.io.err('Left as it was.\n');
    }
  }
  const r = await e.resetKata(deps, k, today);
  deps.io.out(`Reset ${id}: ${r.file}\n${r.backup ? `  Your code is kept in ${join(r.backup, k.file)}\n` : ''}`);
}

function printCheck(deps: Deps, id: string, r: { passed: boolean; total: number; failed: number; durationMs: number; firstFailure: Failure | null }): void {
  const s = styleFor(deps.io);
  if (r.passed) deps.io.out(`${s.green('✓ passed')} ${id}: ${plural(r.total, 'test')} in ${(r.durationMs / 1000).toFixed(1)} s\n`);
  else {
    // No test ran when the file does not load or compile: "1 of 0 failed" would say nothing.
    deps.io.out(`${s.red('✗ failing')} ${id}: ${r.total === 0 ? 'no test ran' : `${r.failed} of ${plural(r.total, 'test')} failed`}\n`);
    if (r.firstFailure) {
      const f = r.firstFailure;
      deps.io.out(`  ${s.bold(f.test)}\n${f.message.replace(/^/gm, '    ')}\n`);
      if (f.diff) deps.io.out(`${renderDiff(s, f.diff).replace(/^(?=.)/gm, '    ')}\n`);
    }
  }
}

export function makeKataCommand(deps: Deps): Command {
  const kata = new Command('kata')
    .enablePositionalOptions()
    .description("Thursday's exercises, checked by tests: your phase's, with your status, checks and time spent checking")
    .option('--phase <n>', 'this phase (default: your current phase)', parsePhase)
    .option('--all', 'every phase')
    .option('--json', 'print the list as JSON')
    .addHelpText('after', '\nExamples:\n  $ roadmap kata                      # your phase\'s katas with your status\n  $ roadmap kata --all                # every phase\n  $ roadmap kata next                 # start the next one of your phase\n  $ roadmap kata watch                # re-check on every save until it passes')
    .action((opts: KataListOptions) => kataListRun(deps, opts));
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
      if (deps.io.isTTY && editorCommand(deps)) await openInEditor(deps, r.file);
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
      if (!r.passed) throw new CheckFailedError(`${k.id}: ${r.total === 0 ? 'no test ran' : `${plural(r.failed, 'test')} failing`}`);
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
    .description('reveal the next hint, most general first (default: the kata you last worked on)')
    .addHelpText('after', '\nExample:\n  $ roadmap kata hint')
    .action(async (id: string | undefined) => {
      const k = await pick(deps, id, { orPassed: true });
      const h = await (await engine()).revealHint(deps, k);
      deps.io.out(h.hint ? `Hint ${h.number} of ${h.of}: ${h.hint}\n` : `No more hints (${h.of} shown). \`roadmap kata solution --force\` shows the reference.\n`);
    });
  kata
    .command('solution [id]')
    .description('show the reference solution after a pass, or with --force, which is recorded (default: the kata you last worked on)')
    .option('--force', 'show it before passing')
    .addHelpText('after', '\nExample:\n  $ roadmap kata solution p1.event-loop-order')
    .action(async (id: string | undefined, opts: { force?: boolean }) => {
      const k = await pick(deps, id, { orPassed: true });
      deps.io.out(await (await engine()).solutionOf(deps, k, Boolean(opts.force)));
    });
  kata
    .command('reset <id>')
    .description('put the starter back in your copy, keeping your code in a backup (your attempts stay recorded)')
    .option('-y, --yes', 'do not ask first (needed when not on a terminal)')
    .addHelpText('after', '\nYour file is copied to <workspace>/katas/backups/<id>/<time>/ first. On a terminal, reset asks before it replaces your code.\n\nExample:\n  $ roadmap kata reset p1.event-loop-order')
    .action((id: string, opts: { yes?: boolean }) => kataResetRun(deps, id, opts));
  return kata;
}
