#!/usr/bin/env node
// Loads dist/cli.js: the http package's CLI bundled with the workspace packages it imports, built by
// `npm run build -w @roadmap/docs-api` (tsc -b packages/http, then scripts/bundle.mjs).
//
// For `serve`, dist/telemetry.js runs first: with OTEL_EXPORTER_OTLP_ENDPOINT (or _TRACES_ENDPOINT) set it
// registers OpenTelemetry's ESM loader hook and starts the SDK, and only then is dist/cli.js imported, so fastify,
// pg, ioredis and pino are patched as they load (what `node --import` does, without a second process: the
// parent watch of `serve` needs this process to be the one its parent started). Without the variable it loads
// nothing more.
const built = async (file) => {
  try {
    return await import(`../dist/${file}`);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes(`dist/${file}`)) throw error;
    process.stderr.write('docs-api: not built yet; run `npm run build -w @roadmap/docs-api` from the repository root\n');
    process.exit(1);
  }
};
const argv = process.argv.slice(2);
let telemetry;
if (argv[0] === 'serve') {
  try {
    telemetry = await (await built('telemetry.js')).preloadTelemetry(process.env);
  } catch (error) {
    process.stderr.write(`docs-api: telemetry: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
const cli = await built('cli.js');
await cli.main(argv, telemetry);
