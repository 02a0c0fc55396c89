#!/usr/bin/env node
// Loads the bundle built by `npm run build -w @roadmap/docs-api` (esbuild, src/cli.ts → dist/cli.js).
let cli;
try {
  cli = await import('../dist/cli.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  process.stderr.write('docs-api: not built yet; run `npm run build -w @roadmap/docs-api` from the repository root\n');
  process.exit(1);
}
await cli.main();
