// `npm run bench`: runs every benchmark in bench/*.bench.mjs (or those named on the command line) and writes
// each one's JSON result to bench/results/<name>.json. Figures are medians, with ratios against a baseline
// measured in the same run, so a busy machine moves both sides.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
mkdirSync(join(dir, 'results'), { recursive: true });
for (const file of files) {
  const name = file.replace(/\.bench\.mjs$/, '');
  process.stderr.write(`bench ${name} ...\n`);
  const { run } = await import(pathToFileURL(join(dir, file)).href);
  const result = { name, date: new Date().toISOString(), node: process.version, ...(await run()) };
  writeFileSync(join(dir, 'results', `${name}.json`), JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(JSON.stringify(result) + '\n');
}
