import { createDeps } from '../deps.js';
import { ExitCode } from './exit-codes.js';
import { runCli } from './program.js';

// Every write is committed as it happens, so Ctrl-C only has to end the process with the documented code —
// unless a command listens for it to finish something first (stop its children cleanly, end a file).
process.once('SIGINT', () => {
  if (process.listenerCount('SIGINT') === 0) process.exit(ExitCode.Cancelled);
});

const deps = createDeps();
const code = await runCli(process.argv.slice(2), deps);
await deps.close();
process.exitCode = code;
