// Launch of `roadmap` in a terminal to the first rendered frame of the home screen (goal: under 400 ms),
// against a bare `node -e ''` start in the same run. `script` (util-linux) gives the app a real pty; the
// clock stops when the home screen's position line appears in the output, then `q` quits it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize, timeCommand } from './stats.mjs';

const RUNS = 20;
const bin = join(import.meta.dirname, '..', 'bin', 'roadmap.js');

function firstFrame(env) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec node ${bin} --date 2025-06-16 --no-bell`, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    let done = false;
    const timer = setTimeout(() => reject(new Error(`no home frame within 10 s:\n${out.slice(-500)}`)), 10_000);
    child.stdout.on('data', (b) => {
      out += b.toString();
      if (!done && out.includes('Phase 1 · week 1')) {
        done = true;
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        child.stdin.write('q');
        child.on('exit', () => {
          clearTimeout(timer);
          resolve(ms);
        });
      }
    });
  });
}

export async function run() {
  const home = mkdtempSync(join(tmpdir(), 'roadmap-bench-tui-'));
  const env = { ...process.env, ROADMAP_HOME: home, HOME: home, TERM: 'xterm-256color' };
  // A person's terminal: Ink renders nothing live when it sees CI.
  delete env.CI;
  try {
    spawnSync(process.execPath, [bin, 'init'], { env });
    await firstFrame(env);
    const bare = [];
    const tui = [];
    for (let i = 0; i < RUNS; i++) {
      bare.push(await timeCommand(spawnSync, process.execPath, ['-e', ''], { env }));
      tui.push(await firstFrame(env));
    }
    const b = summarize(bare);
    const t = summarize(tui);
    return {
      unit: 'ms',
      baseline: { command: "node -e ''", ...b },
      subject: { command: 'roadmap (TUI) to the first home frame', ...t },
      ratio: Math.round((t.median / b.median) * 100) / 100,
      goal: 'median under 400 ms',
      pass: t.median < 400,
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
