import { createDeps } from '../deps.js';
import { processLifecycle } from '../system/lifecycle.js';
import { runCli } from './program.js';

// First of all: from here on every signal, crash and exit goes through the one lifecycle (STYLE rule 11).
const lifecycle = processLifecycle();
const deps = createDeps({ lifecycle });
const command = runCli(process.argv.slice(2), deps).finally(() => deps.close().catch(() => undefined));
// On an interrupt the command unwinds by itself (its abort signal fired) while the lifecycle stops what it started,
// newest first; the command itself is waited for last, so what it prints on the way out comes before the one
// "stopped" line. After a crash there is nothing to wait for.
const unwinding = lifecycle.defer(async () => {
  if (lifecycle.signal.reason !== 'crash') await command;
}, 'the command');
const code = await command;
unwinding.cancel();
if (!lifecycle.signal.aborted) {
  // Whatever a command started and did not stop (it should have) is stopped before roadmap ends.
  await lifecycle.runCleanups();
  process.exitCode = code;
}
