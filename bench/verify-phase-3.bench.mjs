// `roadmap verify phase-3 --target reference` end to end (issue goal: under 60 s on 2 cores), against the
// unavoidable floor measured in the same run: one `tsc -b --force` of the reference's whole workspace. Verify
// builds each package alone in a clean copy, cruises the imports, runs the domain tests with coverage, and runs
// the phase 2 checks on the app, so it is several times the floor; the ratio shows where a change moved it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize, timeCommand } from './stats.mjs';

const RUNS = 3;
const ROOT = join(import.meta.dirname, '..');

export async function run() {
  const home = mkdtempSync(join(tmpdir(), 'roadmap-bench-p3-'));
  const env = { ...process.env, ROADMAP_HOME: home, HOME: home, NO_COLOR: '1' };
  const bin = join(ROOT, 'bin', 'roadmap.js');
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const reference = join(ROOT, 'projects', 'docs-api');
  try {
    const floor = [];
    const verify = [];
    let last;
    for (let i = 0; i < RUNS; i++) {
      floor.push(await timeCommand(spawnSync, process.execPath, [tsc, '-b', 'packages/http', '--force'], { cwd: reference, env }));
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [bin, 'verify', 'phase-3', '--target', 'reference', '--json', '--no-offer'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      verify.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (r.status !== 0) throw new Error(`roadmap verify phase-3 --target reference exited ${r.status}: ${String(r.stderr).trim().split('\n').at(-1)}`);
      last = JSON.parse(String(r.stdout));
    }
    const f = summarize(floor);
    const v = summarize(verify);
    const seconds = Math.round(v.median / 100) / 10;
    return {
      unit: 'ms',
      baseline: { command: 'tsc -b packages/http --force (the reference workspace, once)', ...f },
      subject: { command: 'roadmap verify phase-3 --target reference', ...v },
      ratio: Math.round((v.median / f.median) * 100) / 100,
      summary: last.summary,
      busy: last.calibration?.busy ?? null,
      goal: 'median under 60 s on 2 cores',
      pass: seconds < 60,
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
