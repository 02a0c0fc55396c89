// Test fixture for runner.test.ts: starts a process group that has a grandchild, then leaves the way the
// test asks (exit, crash, or wait for a signal). The test then checks that nothing it started survives.
import { execaRunner } from './runner.js';

const [mode, marker] = process.argv.slice(2) as ['exit' | 'crash' | 'wait', string];
const runner = execaRunner();
runner.start('bash', ['-c', `sleep ${marker} & sleep ${Number(marker) + 1}; wait`]);
setTimeout(() => process.stdout.write('started\n'), 300);
// A second later (the test has seen the group alive by then), leave as asked.
setTimeout(() => {
  if (mode === 'exit') process.exit(0);
  if (mode === 'crash') throw new Error('the fixture crashes on purpose');
}, 1300);
setInterval(() => {}, 1000);
