/**
 * Runs the fixture site on its own (for `roadmap run`, the bench and people): prints its origin on stdout as one
 * line, serves until SIGINT/SIGTERM, then prints the request count on stderr.
 * Usage: fixture-site [--pages N] [--seed N] [--slow-ms N]
 */
import { parseArgs } from 'node:util';
import { startFixtureSite } from './fixture-site.js';

const { values } = parseArgs({
  options: { pages: { type: 'string' }, seed: { type: 'string' }, 'slow-ms': { type: 'string' } },
});
const site = await startFixtureSite({
  pages: Number(values.pages ?? 200),
  seed: Number(values.seed ?? 42),
  slowMs: Number(values['slow-ms'] ?? 150),
});
process.stdout.write(`${site.url}\n`);
const stop = (): void => {
  void site.close().then(() => process.stderr.write(`fixture-site: ${site.stats.total} requests served\n`));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
