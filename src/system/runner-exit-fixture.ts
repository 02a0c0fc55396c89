// Test fixture for runner.test.ts: plays roadmap (the process lifecycle installed first, as src/cli/main.ts does)
// and starts a process group whose leader (bash) has two children, `sleep M` and `sleep M+1`, the second owning a
// temp folder. It prints "started <pid> <pid>" once both really run `sleep` (their /proc cmdline says so), then
// waits for a line on stdin and leaves the way the test asks: exit, crash, or keep running (for a signal, SIGKILL
// included, from the test).
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { processLifecycle } from './lifecycle.js';
import { execaRunner } from './runner.js';

const [mode, marker, tempDir] = process.argv.slice(2) as ['exit' | 'crash' | 'wait', string, string | undefined];
const lifecycle = processLifecycle();
const runner = execaRunner(() => lifecycle);
const m = Number(marker);
const pids: number[] = [];

const runsSleep = (pid: number, n: number): boolean => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8') === `sleep\0${n}\0`;
  } catch {
    return false;
  }
};

runner.start('bash', ['-c', `sleep ${m} & echo $!; sleep ${m + 1} & echo $!; wait`], {
  ...(tempDir ? { tempDir } : {}),
  onLine: (line) => {
    if (!/^\d+$/.test(line)) return;
    pids.push(Number(line));
    if (pids.length < 2) return;
    // bash prints a child's pid as soon as it has forked, maybe before the child has exec'd sleep.
    const check = setInterval(() => {
      if (!runsSleep(pids[0]!, m) || !runsSleep(pids[1]!, m + 1)) return;
      clearInterval(check);
      process.stdout.write(`started ${pids.join(' ')}\n`);
    }, 10);
  },
});

createInterface({ input: process.stdin }).once('line', () => {
  if (mode === 'exit') process.exit(0);
  if (mode === 'crash') throw new Error('the fixture crashes on purpose');
});
setInterval(() => {}, 1000);
