import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import type { GroupRecord } from '../../src/system/reaper.js';
import { BIN } from './run-cli.js';

// The built binary starts real private servers (initdb + postgres as the postgres user when root, redis-server),
// real vitest watchers, and is stopped by real signals. Each test gives roadmap a temp folder of its own (TMPDIR),
// so "no temp folder left" is exact even while other test runs share the machine's /tmp: every server's folder,
// every pid file (<TMPDIR>/roadmap-reaper/<uid>/) and every process's command line lives under it.
const PATH = process.env.PATH ?? '/usr/bin:/bin';
const uid = String(process.getuid?.() ?? 'user');

interface Sandbox {
  readonly home: string;
  readonly tmp: string;
  readonly env: Record<string, string>;
}

const sandboxes: Sandbox[] = [];
const children: ResultPromise[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) {
    c.kill('SIGKILL');
    await c.catch(() => undefined);
  }
  for (const s of sandboxes.splice(0)) {
    // What a failing test left running is killed, so it never ends up under PID 1.
    for (const line of (await processesUnder(s)).split('\n').filter(Boolean)) {
      try {
        process.kill(Number(line.split(' ')[0]), 'SIGKILL');
      } catch {
        // Gone meanwhile.
      }
    }
    rmSync(s.home, { recursive: true, force: true });
  }
});

function sandbox(): Sandbox {
  const home = mkdtempSync(join(tmpdir(), 'roadmap-e2e-leftovers-'));
  const tmp = join(home, 'tmp');
  mkdirSync(tmp);
  // The private Postgres runs as the postgres user: it must reach its folder under ours.
  chmodSync(home, 0o755);
  chmodSync(tmp, 0o1777);
  const s = { home, tmp, env: { HOME: home, ROADMAP_HOME: join(home, 'state'), NO_COLOR: '1', PATH, TMPDIR: tmp } };
  sandboxes.push(s);
  return s;
}

function spawn(s: Sandbox, args: readonly string[], env: Record<string, string> = {}) {
  const child = execa('node', [BIN, ...args], { cwd: s.home, reject: false, env: { ...s.env, ...env }, extendEnv: false, stdin: 'ignore', timeout: 90_000 });
  children.push(child);
  let stderr = '';
  let stdout = '';
  const waiters: (() => void)[] = [];
  child.stderr!.on('data', (b: Buffer) => ((stderr += b.toString()), waiters.forEach((w) => w())));
  child.stdout!.on('data', (b: Buffer) => ((stdout += b.toString()), waiters.forEach((w) => w())));
  const seen = (pattern: RegExp, where: () => string = () => stderr): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => void (pattern.test(where()) && resolve());
      waiters.push(check);
      check();
    });
  return { child, seen, stderr: () => stderr, stdout: () => stdout };
}

/** The pid files in the sandbox's reaper folder, with what they record. */
function records(s: Sandbox): GroupRecord[] {
  const dir = join(s.tmp, 'roadmap-reaper', uid);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as GroupRecord);
}

/**
 * Every live process of the sandbox: its command line names the sandbox or it works in it (redis-server rewrites
 * its command line to "redis-server 127.0.0.1:PORT", but its working folder is its data folder). Zombies, which
 * are gone but for their exit status, have neither.
 */
async function processesUnder(s: Sandbox): Promise<string> {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmdline = '';
    let cwd = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      cwd = readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      // Gone meanwhile, or a zombie.
    }
    if (cmdline && (cmdline.includes(s.home) || cwd.startsWith(s.home))) found.push(`${pid} ${cmdline}`);
  }
  return found.join('\n');
}

/** What is left in the sandbox's temp folder, besides the (empty) reaper folder itself. */
function leftInTmp(s: Sandbox): string[] {
  const left = readdirSync(s.tmp).filter((f) => f !== 'roadmap-reaper');
  const pidFiles = existsSync(join(s.tmp, 'roadmap-reaper', uid)) ? readdirSync(join(s.tmp, 'roadmap-reaper', uid)) : [];
  return [...left, ...pidFiles.map((f) => `roadmap-reaper/${uid}/${f}`)];
}

/** Waits for a condition that a process's exit makes true (a SIGKILL is delivered at once, the exit soon after). */
async function until(what: string, condition: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = performance.now() + ms;
  while (!(await condition())) {
    if (performance.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `roadmap run phase-2` with no DATABASE_URL or REDIS_URL: it starts a private Postgres and a private redis-server. */
async function runPhase2(s: Sandbox) {
  const r = spawn(s, ['run', 'phase-2', '--pages', '200']);
  await r.seen(/^Redis: private redis-server on port \d+$/m);
  const groups = records(s).filter((g) => g.owner.pid === r.child.pid);
  expect(groups.map((g) => g.command).join('\n')).toMatch(/postgres -D/);
  expect(groups.map((g) => g.command).join('\n')).toMatch(/redis-server --port/);
  expect(await processesUnder(s)).toMatch(/redis-server 127\.0\.0\.1:\d+/);
  return { ...r, groups };
}

/** The lines roadmap itself wrote on stderr (not the project's progress). */
const roadmapLines = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('roadmap: '));

describe('nothing is left behind: processes, temp folders, pid files', () => {
  it.each([
    ['SIGINT', 130, 'roadmap: stopped (Ctrl-C)'],
    ['SIGTERM', 143, 'roadmap: stopped (SIGTERM)'],
  ] as const)('run phase-2, %s: exit %i with one line, and the servers, their folders and pid files are gone', { timeout: 90_000 }, async (signal, code, line) => {
    const s = sandbox();
    const r = await runPhase2(s);
    r.child.kill(signal);
    const done = await r.child;
    expect(done.exitCode).toBe(code);
    expect(roadmapLines(r.stderr())).toEqual([line]);
    // Stopped before roadmap exited: nothing to wait for.
    expect(await processesUnder(s)).toBe('');
    expect(leftInTmp(s)).toEqual([]);
  });

  it('run phase-2, a second Ctrl-C: exit 130 at once, and still nothing is left', { timeout: 90_000 }, async () => {
    const s = sandbox();
    const r = await runPhase2(s);
    r.child.kill('SIGINT');
    r.child.kill('SIGINT');
    expect((await r.child).exitCode).toBe(130);
    expect(roadmapLines(r.stderr())).toEqual(['roadmap: stopped (Ctrl-C)']);
    // The exit hooks SIGKILLed the groups: their exit follows the delivery.
    await until('the servers are gone', async () => (await processesUnder(s)) === '');
    expect(leftInTmp(s)).toEqual([]);
  });

  it('run phase-2, SIGKILL: the leashes end the servers and remove their folders and pid files, with no roadmap start', { timeout: 90_000 }, async () => {
    const s = sandbox();
    const r = await runPhase2(s);
    r.child.kill('SIGKILL');
    expect((await r.child).signal).toBe('SIGKILL');
    await until('the servers are gone', async () => (await processesUnder(s)) === '');
    await until('their folders and pid files are gone', () => leftInTmp(s).length === 0);
  });

  it('run phase-2, SIGKILL of roadmap and of the leashes: the next start (doctor) reaps the servers, their folders and pid files', { timeout: 90_000 }, async () => {
    const s = sandbox();
    const r = await runPhase2(s);
    // All at once, as `kill -9` of the whole tree would: roadmap frozen first, so it cannot see its leashes die.
    r.child.kill('SIGSTOP');
    for (const g of r.groups) process.kill(g.pid!, 'SIGKILL');
    r.child.kill('SIGKILL');
    await r.child;
    // The servers themselves are orphans now, still running: the worst case the reaper is for.
    expect(await processesUnder(s)).toMatch(/redis-server 127\.0\.0\.1:\d+/);
    expect(await processesUnder(s)).toMatch(/postgres -D/);
    expect(await processesUnder(s)).not.toMatch(/roadmap-leash/);
    const doctor = await execa('node', [BIN, 'doctor', '--json'], { cwd: s.home, reject: false, env: s.env, extendEnv: false });
    const report = JSON.parse(String(doctor.stdout)) as { reaped: string[] };
    expect(report.reaped).toHaveLength(r.groups.length);
    expect(report.reaped.join('\n')).toMatch(new RegExp(`redis-server .* left by roadmap ${r.child.pid}`));
    expect(await processesUnder(s)).toBe('');
    expect(leftInTmp(s)).toEqual([]);
  });

  it('a DATABASE_URL that points at Redis stops run phase-2 with one line after the connect timeout, starting nothing', { timeout: 60_000 }, async () => {
    const s = sandbox();
    const r = spawn(s, ['run', 'phase-2', '--pages', '200'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:6379/test', REDIS_URL: 'redis://127.0.0.1:6379' });
    const done = await r.child;
    expect(done.exitCode).toBe(1);
    expect(roadmapLines(r.stderr())).toEqual([
      'roadmap: DATABASE_URL points at 127.0.0.1:6379, which did not answer as Postgres within 5 s: point it at a Postgres server, or unset DATABASE_URL to let roadmap start one',
    ]);
    expect(leftInTmp(s)).toEqual([]);
  });

  it('when the reader of its output goes away (EPIPE), roadmap ends through the lifecycle: exit 0, not a word', { timeout: 60_000 }, async () => {
    const s = sandbox();
    const child = execa('node', [BIN, 'today', '--date', '2025-06-16'], { cwd: s.home, reject: false, env: s.env, extendEnv: false, stdin: 'ignore', stdout: 'pipe' });
    children.push(child);
    // `roadmap today | head -0`: the pipe is closed before roadmap has written anything.
    child.stdout!.destroy();
    const done = await child;
    expect(done.exitCode).toBe(0);
    expect(String(done.stderr)).toBe('');
  });

  it('kata watch, Ctrl-C: exit 130 with one line, no vitest left, no folder of its own or of vitest in the temp folder', { timeout: 90_000 }, async () => {
    const s = sandbox();
    const now = { ROADMAP_NOW: '2025-06-12T09:00:00' };
    expect((await execa('node', [BIN, 'kata', 'next'], { cwd: s.home, env: { ...s.env, ...now }, extendEnv: false })).exitCode).toBe(0);
    const r = spawn(s, ['kata', 'watch'], now);
    // The first verdict: vitest --watch is running and has written its report.
    await r.seen(/failing p1\.event-loop-order/, r.stdout);
    expect(await processesUnder(s)).toMatch(/vitest\.mjs --watch/);
    expect(readdirSync(s.tmp).filter((f) => f.startsWith('roadmap-watch-'))).toHaveLength(1);
    r.child.kill('SIGINT');
    expect((await r.child).exitCode).toBe(130);
    expect(roadmapLines(r.stderr())).toEqual(['roadmap: stopped (Ctrl-C)']);
    expect(await processesUnder(s)).toBe('');
    expect(leftInTmp(s)).toEqual([]);
  });
});
