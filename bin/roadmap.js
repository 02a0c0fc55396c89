#!/usr/bin/env node
// The installed entry point: everything lives in the bundled CLI. A git checkout builds it on install (the
// `prepare` script); when it is missing, say how to build it instead of Node's stack trace for a missing module.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(main)) {
  await import(main.href);
} else {
  process.stderr.write('roadmap is not built: run `npm run build`\n');
  process.exitCode = 1;
}
