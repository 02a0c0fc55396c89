// Bundles the http package's CLI and the workspace packages it imports into one file, dist/cli.js, which
// bin/docs-api.js loads, and its telemetry preload into dist/telemetry.js, which the bin loads before it for
// `serve`. The instrumented libraries (fastify, pg, ioredis, pino) must stay external: OpenTelemetry patches them
// as Node loads them from node_modules, and could not patch a copy inlined here. npm packages (fastify, pg, kysely, ioredis…) stay imports, resolved at run time from
// node_modules; the @docs-api/* packages are read from their sources (their package.json's `source` export),
// so the bundle runs where the workspaces are not linked: roadmap's npm package ships this file, not packages/.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const alias = {};
for (const dir of readdirSync(join(root, 'packages'))) {
  const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
  const source = manifest.exports?.['.']?.source;
  if (!source) throw new Error(`packages/${dir}/package.json: exports["."].source is missing`);
  alias[manifest.name] = join(root, 'packages', dir, source);
}

// esbuild applies aliases before it marks packages external, so only the workspace packages are inlined.
await build({
  entryPoints: [join(root, 'packages/http/src/cli.ts'), join(root, 'packages/http/src/telemetry.ts')],
  outdir: join(root, 'dist'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  alias,
  logLevel: 'warning',
});
