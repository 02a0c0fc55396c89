// `npm run bench`: runs every benchmark in bench/*.bench.mjs (or those named on the command line) and writes
// each one's JSON result to bench/results/<name>.json. Figures are medians, with ratios against a baseline
// measured in the same run, so a busy machine moves both sides.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => /\.bench\.(mjs|ts)$/.test(f))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
mkdirSync(join(dir, 'results'), { recursive: true });
for (const file of files) {
  const name = file.replace(/\.bench\.(mjs|ts)$/, '');
  process.stderr.write(`bench ${name} ...\n`);
  // TypeScript benchmarks drive the engines from src/ directly (through tsx); .mjs ones spawn the built CLI.
  const { run } = file.endsWith('.ts') ? await tsImport(pathToFileURL(join(dir, file)).href, import.meta.url) : await import(pathToFileURL(join(dir, file)).href);
  const result = { name, date: new Date().toISOString(), node: process.version, ...(await run()) };
  writeFileSync(join(dir, 'results', `${name}.json`), JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(JSON.stringify(result) + '\n');
}
