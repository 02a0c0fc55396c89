// Cold start of `roadmap today --json` against a bare `node -e ''` (issue goal: under 3x), interleaved so
// both see the same machine load. A temp ROADMAP_HOME holds an initialised store, as for a real learner.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize, timeCommand } from './stats.mjs';

const RUNS = 25;

export async function run() {
  const home = mkdtempSync(join(tmpdir(), 'roadmap-bench-'));
  const env = { ...process.env, ROADMAP_HOME: home, HOME: home, NO_COLOR: '1' };
  const bin = join(import.meta.dirname, '..', 'bin', 'roadmap.js');
  try {
    spawnSync(process.execPath, [bin, 'init'], { env });
    const bare = [];
    const today = [];
    for (let i = 0; i < 3; i++) await timeCommand(spawnSync, process.execPath, [bin, 'today', '--json'], { env });
    for (let i = 0; i < RUNS; i++) {
      bare.push(await timeCommand(spawnSync, process.execPath, ['-e', ''], { env }));
      today.push(await timeCommand(spawnSync, process.execPath, [bin, 'today', '--json'], { env }));
    }
    const b = summarize(bare);
    const t = summarize(today);
    return {
      unit: 'ms',
      baseline: { command: "node -e ''", ...b },
      subject: { command: 'roadmap today --json', ...t },
      ratio: Math.round((t.median / b.median) * 100) / 100,
      goal: 'ratio < 3',
      pass: t.median / b.median < 3,
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
