// `roadmap verify phase-4 --target reference` end to end (issue goal: under 5 minutes on 2 cores), cold (a new
// home and no Stryker incremental file: every mutant tested) and warm (the same home, the project unchanged: the
// CI-gate proof is reused from the cache), against a floor measured in the same run: one coverage gate of the
// reference (`npm run test:coverage`). A cold verify runs the project's CI three times (green, coverage dropped,
// mutation dropped), the token and OAuth checks and the security scan.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize, timeCommand } from './stats.mjs';

const COLD_RUNS = 2;
const WARM_RUNS = 3;
const ROOT = join(import.meta.dirname, '..');
const REFERENCE = join(ROOT, 'projects', 'docs-api');
const INCREMENTAL = join(REFERENCE, 'reports', 'stryker-incremental.json');

function verify(env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'roadmap.js'), 'verify', 'phase-4', '--target', 'reference', '--json', '--no-offer'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`roadmap verify phase-4 --target reference exited ${r.status}: ${String(r.stderr).trim().split('\n').at(-1)}`);
  return { ms, report: JSON.parse(String(r.stdout)) };
}

export async function run() {
  // The learner-side incremental file would make the "cold" runs warm: kept aside and put back.
  const aside = `${INCREMENTAL}.bench-aside`;
  if (existsSync(INCREMENTAL)) renameSync(INCREMENTAL, aside);
  const homes = [];
  try {
    const floor = [];
    const cold = [];
    const warm = [];
    let last;
    for (let i = 0; i < COLD_RUNS; i++) {
      const home = mkdtempSync(join(tmpdir(), 'roadmap-bench-p4-'));
      homes.push(home);
      const env = { ...process.env, ROADMAP_HOME: home, HOME: home, NO_COLOR: '1' };
      floor.push(await timeCommand(spawnSync, 'npm', ['run', 'test:coverage'], { cwd: REFERENCE, env }));
      const c = verify(env);
      cold.push(c.ms);
      last = c.report;
      if (i === 0) for (let k = 0; k < WARM_RUNS; k++) warm.push(verify(env).ms);
    }
    const f = summarize(floor);
    const c = summarize(cold);
    const w = summarize(warm);
    return {
      unit: 'ms',
      baseline: { command: 'npm run test:coverage (the reference, once)', ...f },
      subject: { command: 'roadmap verify phase-4 --target reference (cold: new home, no incremental file)', ...c },
      warm: { command: 'the same, again on the unchanged reference (the CI-gate proof cached)', ...w },
      ratio: Math.round((c.median / f.median) * 100) / 100,
      warmRatio: Math.round((w.median / f.median) * 100) / 100,
      summary: last.summary,
      busy: last.calibration?.busy ?? null,
      goal: 'cold median under 5 minutes on 2 cores',
      pass: c.median < 300_000,
    };
  } finally {
    for (const h of homes) rmSync(h, { recursive: true, force: true });
    if (existsSync(aside)) renameSync(aside, INCREMENTAL);
  }
}
