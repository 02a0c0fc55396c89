#!/usr/bin/env node
// Loads dist/cli.js: the http package's CLI bundled with the workspace packages it imports, built by
// `npm run build -w @roadmap/docs-api` (tsc -b packages/http, then scripts/bundle.mjs).
let cli;
try {
  cli = await import('../dist/cli.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli.js')) throw error;
  process.stderr.write('docs-api: not built yet; run `npm run build -w @roadmap/docs-api` from the repository root\n');
  process.exit(1);
}
await cli.main();
