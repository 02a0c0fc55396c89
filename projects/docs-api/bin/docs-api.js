#!/usr/bin/env node
// Loads the http package's entry, built with its dependencies by `npm run build -w @roadmap/docs-api`
// (tsc -b packages/http: domain → application → adapters → http, each into its own dist/).
let cli;
try {
  cli = await import('../packages/http/dist/cli.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  process.stderr.write('docs-api: not built yet; run `npm run build -w @roadmap/docs-api` from the repository root\n');
  process.exit(1);
}
await cli.main();
