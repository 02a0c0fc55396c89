// Test helper (not shipped): every command that reads or writes the store, run in process the way a learner
// would the day after a crash or a repair.
import { runCli } from '../cli/program.js';
import type { Runner } from '../system/runner.js';
import type { TestDeps } from '../system/test-deps.js';

/** A runner that finds no tool: doctor reports them missing, nothing is started. */
export const noToolsRunner: Runner = {
  start(file, args) {
    throw new Error(`unexpected long-running command in test: ${[file, ...args].join(' ')}`);
  },
  async interactive() {
    return null;
  },
  async run(file, args) {
    return { command: [file, ...args].join(' '), exitCode: undefined, stdout: '', stderr: '', notFound: true, timedOut: false, ok: false };
  },
};

const COMMANDS: readonly (readonly string[])[] = [
  ['init', '--start', '2025-06-12'],
  ['today', '--json'],
  ['start'],
  ['pause'],
  ['stop'],
  ['status', '--json'],
  ['task', 'check', 'p1.read-es-ts'],
  ['freeze', '--json'],
  ['replan', '--dry-run', '--json'],
  ['cards', 'add', '--front', 'What does WAL stand for?', '--back', 'Write-ahead log'],
  ['cards', 'config', '--new-per-day', '5'],
  ['cards', 'stats', '--json'],
  ['drill', '--limit', '1'],
  ['kata', 'hint', 'p1.event-loop-order'],
  ['learn', 'check', '--phase', '1', '--week', '1'],
  ['report', '--json'],
  ['doctor', '--json'],
  ['init', '--force', '--minutes', '45'],
];

/** Answers for the interactive ones: the drill's reveal and grade, the self-check's questions. */
export const EVERY_COMMAND_ANSWERS: readonly string[] = ['', '3', ...Array.from({ length: 10 }, () => ['', 'y']).flat()];

/**
 * Runs every command in COMMANDS against `deps` (made with `createTestDeps({ runner: noToolsRunner, answers:
 * EVERY_COMMAND_ANSWERS })`); the failures as `roadmap <argv>: exit <code>: <its stderr>`, none when all pass.
 */
export async function runEveryCommand(deps: TestDeps): Promise<string[]> {
  const failures: string[] = [];
  for (const argv of COMMANDS) {
    const before = deps.io.stderr().length;
    const code = await runCli(argv, deps);
    if (code !== 0) failures.push(`roadmap ${argv.join(' ')}: exit ${code}: ${deps.io.stderr().slice(before).trim()}`);
  }
  return failures;
}
