// Bundles the CLI with esbuild: one ESM entry plus lazily loaded chunks, so `roadmap today` parses only what
// it uses (DESIGN: importing many small ESM files from node_modules is what makes a CLI start slowly).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
  // The load generator runs in a process of its own (src/verify/kit/load.ts), so it is an entry of its own.
  entryPoints: { 'cli/main': 'src/cli/main.ts', 'verify/load-child': 'src/verify/kit/load-child.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  sourcemap: true,
  // Native addon, and libraries that load files of their own at run time (workers, stylesheets): from node_modules.
  external: ['better-sqlite3', 'jsdom', 'playwright-core', 'autocannon', 'testcontainers', '@testcontainers/*', '@electric-sql/*'],
  chunkNames: 'cli/chunks/[name]-[hash]',
  // CommonJS dependencies inside an ESM bundle need a require().
  banner: { js: "import { createRequire as __roadmapCreateRequire } from 'node:module'; const require = __roadmapCreateRequire(import.meta.url);" },
  alias: { 'react-devtools-core': './scripts/empty-module.mjs' },
  // React's production build: smaller and faster than the development one.
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
