// Test fixture for lifecycle.test.ts: a process with the process-wide lifecycle installed (as src/cli/main.ts
// does), one deferred cleanup and one exit hook, which say on stderr when they run. It prints "ready" on stdout,
// then waits for a signal from the test, or crashes when told to.
import { writeSync } from 'node:fs';
import { processLifecycle } from './lifecycle.js';

const [cleanup, graceMs, then] = process.argv.slice(2) as ['finishes' | 'hangs', string, 'wait' | 'crash'];
const lifecycle = processLifecycle({ graceMs: Number(graceMs) });
lifecycle.defer(async () => {
  process.stderr.write('cleanup started\n');
  if (cleanup === 'hangs') await new Promise(() => {});
  process.stderr.write(`cleanup done (signal aborted: ${lifecycle.signal.aborted}, reason: ${String(lifecycle.signal.reason)})\n`);
}, 'the fixture');
// Synchronous, as an exit hook must be: the process is about to end.
lifecycle.onExit(() => writeSync(2, 'exit hook\n'));
process.stdout.write('ready\n');
if (then === 'crash') setTimeout(() => Promise.reject(new Error('the disk is on fire')), 0);
setInterval(() => {}, 1000);
