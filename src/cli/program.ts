import { Command, CommanderError } from 'commander';
import type { Deps } from '../deps.js';
import { RoadmapError } from '../errors.js';
import { makeCardsCommand } from './commands/cards.js';
import { makeDoctorCommand } from './commands/doctor.js';
import { makeDrillCommand } from './commands/drill.js';
import { makeFreezeCommand } from './commands/freeze.js';
import { makeInitCommand } from './commands/init.js';
import { makeKataCommand } from './commands/kata.js';
import { makeLearnCommand } from './commands/learn.js';
import { makeNotesCommand } from './commands/notes.js';
import { makeOpenCommand } from './commands/open.js';
import { makePauseCommand } from './commands/pause.js';
import { makeProjectCommand } from './commands/project.js';
import { makeReplanCommand } from './commands/replan.js';
import { makeReportCommand, makeReviewCommand } from './commands/report.js';
import { makeRunCommand } from './commands/run.js';
import { makeStartCommand } from './commands/start.js';
import { makeStatusCommand } from './commands/status.js';
import { makeStopCommand } from './commands/stop.js';
import { makeTaskCommand } from './commands/task.js';
import { makeTodayCommand } from './commands/today.js';
import { makeTuiCommand } from './commands/tui.js';
import { makeVerifyCommand } from './commands/verify.js';
import { ExitCode, exitCodeOf } from './exit-codes.js';

export const VERSION = '0.1.0';

const TUI_FLAGS = new Set(['--date', '--no-tui', '--no-bell']);

const HELP_FOOTER = `
Your day, 30 minutes, Mon–Sat (Sunday is rest):
  $ roadmap                the workbench (in a terminal; prints \`roadmap today\` when piped)
  $ roadmap today          what today's slot is and what to do in it
  $ roadmap start          start the timer (survives closing the terminal)
  $ roadmap stop           log the minutes; 30 complete the day and keep the streak
  $ roadmap verify phase-1 Saturday: measure your mini-project against the phase's criteria
  $ roadmap report         your progress; \`roadmap review\` for the week, --format html for a portfolio

Exit codes: 0 ok, 1 error, 2 usage error (unknown command, phase or id, bad date),
3 a check found problems, 130 stopped with Ctrl-C, 143 by SIGTERM, 129 by SIGHUP.
Environment: ROADMAP_HOME (store folder), NO_COLOR, ROADMAP_DEBUG=1 (stack traces).`;

/** Builds the commander program; every command gets its dependencies from `deps`. */
export function buildProgram(deps: Deps): Command {
  const program = new Command('roadmap')
    .description('Your daily 30-minute study session for the Mid-Level Backend Roadmap: plan, timer, streak and progress.')
    .version(VERSION, '-V, --version')
    // Options after a subcommand belong to it (`learn --phase 2` vs `learn check --phase 2`).
    .enablePositionalOptions()
    .addHelpText('after', HELP_FOOTER);
  for (const make of [
    makeTuiCommand,
    makeTodayCommand,
    makeStartCommand,
    makePauseCommand,
    makeStopCommand,
    makeStatusCommand,
    makeOpenCommand,
    makeLearnCommand,
    makeKataCommand,
    makeDrillCommand,
    makeCardsCommand,
    makeNotesCommand,
    makeTaskCommand,
    makeRunCommand,
    makeVerifyCommand,
    makeProjectCommand,
    makeReportCommand,
    makeReviewCommand,
    makeFreezeCommand,
    makeReplanCommand,
    makeInitCommand,
    makeDoctorCommand,
  ]) {
    program.addCommand(make(deps));
  }
  const configure = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.showSuggestionAfterError(true);
    cmd.configureOutput({ writeOut: (t) => deps.io.out(t), writeErr: (t) => deps.io.err(t), outputError: (t, write) => write(t.replace(/^error: /, 'roadmap: ')) });
    cmd.commands.forEach(configure);
  };
  configure(program);
  return program;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], deps: Deps): Promise<number> {
  const program = buildProgram(deps);
  // `roadmap` alone (or with only the workbench's own flags) opens the workbench, or prints today when piped.
  const args = argv.length === 0 || TUI_FLAGS.has(argv[0]!.split('=')[0]!) ? ['tui', ...argv] : [...argv];
  try {
    await program.parseAsync(args, { from: 'user' });
    return ExitCode.Ok;
  } catch (error) {
    // Stopped by a signal: what fails on the way out follows from it, and the lifecycle prints the one line
    // ("stopped (Ctrl-C)") and exits with the signal's code.
    if (deps.lifecycle.signal.aborted && !(error instanceof CommanderError)) {
      if (deps.env.ROADMAP_DEBUG) deps.io.err(`roadmap: after the interrupt: ${(error as Error)?.stack ?? String(error)}\n`);
      return error instanceof RoadmapError ? exitCodeOf(error.kind) : ExitCode.Error;
    }
    if (error instanceof CommanderError) {
      // Help and version end through exitOverride too, with code 0.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    if (error instanceof RoadmapError) {
      deps.io.err(`roadmap: ${error.message}\n`);
      if (deps.env.ROADMAP_DEBUG) deps.io.err(`${error.stack}\n`);
      return exitCodeOf(error.kind);
    }
    const e = error as Error & { name?: string };
    // Content and store errors are the learner's to fix and already read as one line.
    if (e?.name === 'ContentError' || e?.name === 'StoreError') {
      deps.io.err(`roadmap: ${e.message}\n`);
      if (deps.env.ROADMAP_DEBUG) deps.io.err(`${e.stack}\n`);
      return ExitCode.Error;
    }
    deps.io.err(`roadmap: unexpected error: ${e?.message ?? String(error)}${deps.env.ROADMAP_DEBUG ? '' : ' (ROADMAP_DEBUG=1 shows the stack trace)'}\n`);
    if (deps.env.ROADMAP_DEBUG) deps.io.err(`${e?.stack}\n`);
    return ExitCode.Error;
  }
}
