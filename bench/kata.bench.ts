// Katas: time from saving the learner's file to the verdict in watch mode (goal: under 500 ms), and a cold
// `roadmap kata check` of the built CLI, in the same run.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeps } from '../src/deps.js';
import { requireKata, startKata, watchKata } from '../src/katas/kata-engine.js';
import { resolvePaths } from '../src/system/paths.js';
// @ts-expect-error plain JS helper
import { summarize, timeCommand } from './stats.mjs';

const ROUNDS = 10;
const KATA = 'p3.result-type';

export async function run() {
  const home = mkdtempSync(join(tmpdir(), 'roadmap-bench-kata-'));
  const env = { ...process.env, HOME: home, ROADMAP_HOME: join(home, 'state'), ROADMAP_NOW: '2025-06-12T09:00:00' };
  const deps = createDeps({ env });
  try {
    const kata = requireKata(deps, KATA);
    const root = resolvePaths(env).packageRoot;
    const verdicts: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const { file } = await startKata(deps, kata, '2025-06-12');
      cpSync(join(root, kata.dir, 'starter', kata.file), file);
      let saved = false;
      const result = await watchKata(deps, kata, '2025-06-12', () => {
        if (!saved) {
          saved = true;
          // The first (failing) verdict is in: save the solution and time the next one.
          setTimeout(() => cpSync(join(root, kata.dir, 'solution', kata.file), file), 200);
        }
      });
      verdicts.push(result!.durationMs);
    }
    const bin = join(root, 'bin', 'roadmap.js');
    const cold: number[] = [];
    for (let i = 0; i < ROUNDS; i++) cold.push(await timeCommand(spawnSync, process.execPath, [bin, 'kata', 'check', KATA], { env }));
    const w = summarize(verdicts);
    const c = summarize(cold);
    return {
      unit: 'ms',
      kata: KATA,
      baseline: { what: 'cold `roadmap kata check` (one vitest run)', ...c },
      subject: { what: 'watch mode: save → verdict', ...w },
      ratio: Math.round((w.median / c.median) * 100) / 100,
      goal: 'watch verdict under 500 ms',
      pass: w.median < 500,
    };
  } finally {
    await deps.close();
    rmSync(home, { recursive: true, force: true });
  }
}
