#!/usr/bin/env node
// The installed entry point: everything lives in the bundled CLI. A git checkout builds it on install (the
// `prepare` script); when it is missing, say how to build it instead of Node's stack trace for a missing module.
// (A plain path and a literal specifier: building a URL here costs several ms of cold start.)
import { existsSync } from 'node:fs';

if (existsSync(`${import.meta.dirname}/../dist/cli/main.js`)) {
  await import('../dist/cli/main.js');
} else {
  process.stderr.write('roadmap is not built: run `npm run build`\n');
  process.exitCode = 1;
}
