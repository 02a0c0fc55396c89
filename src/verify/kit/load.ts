import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RoadmapError } from '../../errors.js';
import { nodeBinary } from '../../system/runtime.js';
import type { Runner } from '../../system/runner.js';

export interface LoadFigures {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  /** Mean requests per second over the run. */
  readonly rps: number;
  readonly requests: number;
  /** Socket errors, timeouts and non-2xx responses. */
  readonly errors: number;
}

/** How to start the load generator: the built entry next to the bundle, or the source through tsx (tests, benches). */
function loadChild(packageRoot: string): readonly string[] {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return ['--import', 'tsx', join(dirname(here), 'load-child.ts')];
  const built = join(packageRoot, 'dist', 'verify', 'load-child.js');
  if (!existsSync(built)) throw new RoadmapError(`roadmap's load generator is missing (${built}): run \`npm run build\``);
  return [built];
}

/**
 * GETs `paths` in turn for `seconds` over `connections`, from a process of its own (the verifier's event loop
 * never shapes the figures). Percentiles come from every response's latency. Used by the phase verifiers, the
 * calibration run and the benches.
 */
export async function loadPaths(
  runner: Runner,
  packageRoot: string,
  url: string,
  paths: readonly string[],
  options: { readonly connections: number; readonly seconds: number },
): Promise<LoadFigures> {
  const config = JSON.stringify({ url, paths, connections: options.connections, seconds: options.seconds });
  const r = await runner.run(nodeBinary(), [...loadChild(packageRoot), config], { timeoutMs: options.seconds * 1_000 + 30_000 });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  try {
    if (!r.ok) throw new Error(r.stderr.trim().split('\n').at(-1) ?? `exit ${r.exitCode}`);
    return JSON.parse(line) as LoadFigures;
  } catch (error) {
    throw new RoadmapError(`the load generator failed: ${(error as Error).message}`);
  }
}
