import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, rmSync, watch, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, execaSync } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cliSandbox } from './run-cli.js';

beforeAll(() => {
  if (!existsSync(join(BIN, '../../dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
});

/** One line on stderr, no stack trace. */
function expectOneLine(stderr: string, pattern: RegExp): void {
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr.trimEnd()).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('an unusable ROADMAP_HOME', () => {
  const box = cliSandbox();
  afterAll(() => box.dispose());

  it.each([['today'], ['today', '--json'], ['init'], ['start']])('`roadmap %s` under /proc ends at once with one line and exit 1 (it used to spin in mkdir)', async (...argv) => {
    const r = await execa('node', [BIN, ...argv], { env: { HOME: box.home, ROADMAP_HOME: '/proc/nope', NO_COLOR: '1' }, extendEnv: false, reject: false, stdin: 'ignore', timeout: 20_000 });
    expect(r.timedOut).toBe(false);
    expect(r.exitCode).toBe(1);
    expectOneLine(String(r.stderr), /^roadmap: cannot open the store at \/proc\/nope\/roadmap\.db \(ENOENT\); set ROADMAP_HOME to a writable folder$/);
  });

  it('a file where the home folder should be: the same line', async () => {
    writeFileSync(join(box.home, 'a-file'), '');
    const r = await box.run(['today'], { env: { ROADMAP_HOME: join(box.home, 'a-file', 'state') } });
    expect(r.exitCode).toBe(1);
    expectOneLine(r.stderr, /^roadmap: cannot open the store at .*a-file\/state\/roadmap\.db \(ENOTDIR\); set ROADMAP_HOME to a writable folder$/);
  });
});

describe('three terminals opening a new store at once', () => {
  it('all succeed, trial after trial', async () => {
    for (let trial = 0; trial < 12; trial++) {
      const box = cliSandbox();
      const runs = await Promise.all([box.run(['init', '--start', '2025-06-12']), box.run(['start']), box.run(['today', '--json'])]);
      for (const r of runs) expect(r.exitCode, `trial ${trial}: ${r.stderr}`).toBe(0);
      expect(JSON.parse((await box.run(['status', '--json'])).stdout)).toBeTruthy();
      box.dispose();
    }
  }, 240_000);
});

describe('`roadmap init` killed while it creates the store', () => {
  it('leaves a store every command opens, doctor and init --force included', async () => {
    for (let trial = 0; trial < 8; trial++) {
      const box = cliSandbox();
      const state = join(box.home, 'state');
      mkdirSync(state);
      const child = execa('node', [BIN, 'init', '--start', '2025-06-12'], { env: { HOME: box.home, ROADMAP_HOME: state, NO_COLOR: '1' }, extendEnv: false, reject: false, stdin: 'ignore' });
      // The kill comes when the store file appears (trial 0), or its WAL (later trials): inside the migrations.
      const wanted = trial === 0 ? 'roadmap.db' : 'roadmap.db-wal';
      await new Promise<void>((resolve) => {
        const w = watch(state, (_event, name) => {
          if (name === wanted) {
            w.close();
            resolve();
          }
        });
        void child.then(() => {
          w.close();
          resolve();
        });
      });
      child.kill('SIGKILL');
      await child;
      for (const argv of [['today', '--json'], ['doctor', '--json'], ['init', '--force', '--minutes', '45'], ['start'], ['status', '--json']]) {
        const r = await box.run(argv);
        expect([0, 3], `trial ${trial}: roadmap ${argv.join(' ')}: ${r.stderr}`).toContain(r.exitCode);
        if (argv[0] === 'doctor') expect(JSON.parse(r.stdout).core.find((c: { name: string }) => c.name === 'store')).toMatchObject({ status: 'ok' });
        else expect(r.exitCode, `roadmap ${argv.join(' ')}: ${r.stderr}`).toBe(0);
      }
      box.dispose();
    }
  }, 240_000);
});

describe('a damaged store', () => {
  it('every command says so in one line; `doctor --restore` puts back the last backup', async () => {
    const box = cliSandbox();
    expect((await box.run(['init', '--start', '2025-06-12'], { now: '2025-06-12T08:00:00' })).exitCode).toBe(0);
    expect((await box.run(['task', 'check', 'p1.read-es-ts'], { now: '2025-06-12T08:05:00' })).exitCode).toBe(0);
    // The next day's first command takes the daily backup.
    expect((await box.run(['today'], { now: '2025-06-13T08:00:00' })).exitCode).toBe(0);
    writeFileSync(join(box.home, 'state', 'roadmap.db'), 'not a database '.repeat(500));
    const r = await box.run(['status'], { now: '2025-06-13T09:00:00' });
    expect(r.exitCode).toBe(1);
    expectOneLine(r.stderr, /^roadmap: the store at .*roadmap\.db is damaged \(SQLITE_NOTADB\): run `roadmap doctor`, and `roadmap doctor --restore` to put back the last backup$/);
    const restore = await box.run(['doctor', '--restore'], { now: '2025-06-13T09:01:00' });
    expect(restore.exitCode, restore.stderr).toBe(0);
    expect(restore.stderr).toMatch(/^Restored roadmap-20250613-080000-daily\.db \(taken 2025-06-13 08:00:00; /);
    expect(restore.stdout).toMatch(/ok +store /);
    const tasks = await box.run(['task', 'list', '--json'], { now: '2025-06-13T09:02:00' });
    expect(tasks.exitCode, tasks.stderr).toBe(0);
    expect(JSON.parse(tasks.stdout).find((t: { id: string }) => t.id === 'p1.read-es-ts')).toMatchObject({ checked: true });
    box.dispose();
  });
});

/** A real small disk: a tmpfs mounted for the test (root only). */
function mountSmallDisk(): { dir: string; unmount(): void } | { skip: string } {
  const dir = mkdtempSync(join(tmpdir(), 'roadmap-small-disk-'));
  try {
    execaSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: `cannot mount a tmpfs here (${(e as Error).message.split('\n')[0]}): needs root` };
  }
  return {
    dir,
    unmount() {
      execaSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fills the disk holding `dir` to the last byte; returns the filler to delete. */
function fillDisk(dir: string): string {
  const filler = join(dir, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    closeSync(fd);
  }
  return filler;
}

describe('a full disk, for real', () => {
  it('a drill on it says to free space, and keeps every grade given before; after freeing space all works', async (ctx) => {
    const disk = mountSmallDisk();
    if ('skip' in disk) return ctx.skip(disk.skip);
    try {
      const env = { HOME: disk.dir, ROADMAP_HOME: join(disk.dir, 'state'), NO_COLOR: '1', ROADMAP_NOW: '2025-06-13T09:00:00' };
      expect((await execa('node', [BIN, 'init', '--start', '2025-06-12'], { env, extendEnv: false })).exitCode).toBe(0);
      const child = execa('node', [BIN, 'drill'], { env, extendEnv: false, reject: false, stdin: 'pipe', stderr: 'pipe' });
      let err = '';
      let filler = '';
      const gradedOne = new Promise<void>((resolve) => {
        child.stderr!.on('data', (b: Buffer) => {
          err += b.toString();
          if (/→ again in/.test(err)) resolve();
        });
      });
      child.stdin!.write('\n3\n');
      await gradedOne;
      // One grade is on disk; now the disk fills up, and the next grades are given.
      filler = fillDisk(disk.dir);
      child.stdin!.write('\n3\n\n3\n\n3\n\n3\n\n3\n\n3\n\n3\n\n3\n');
      child.stdin!.end();
      const r = await child;
      expect(r.exitCode, err).toBe(1);
      const last = err.trimEnd().split('\n').at(-1)!;
      expect(last).toMatch(/^roadmap: the disk holding the store .*roadmap\.db is full \(SQLITE_[A-Z_]+\): free some space and run the command again; everything answered before this is saved$/);
      expect(err).not.toMatch(/cannot rollback|unexpected|\n\s+at /);

      rmSync(filler);
      const stats = await execa('node', [BIN, 'cards', 'stats', '--json'], { env, extendEnv: false, reject: false });
      expect(stats.exitCode, String(stats.stderr)).toBe(0);
      const graded = (err.match(/→ again in/g) ?? []).length;
      expect(graded).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(String(stats.stdout)).reviewsPerDay.at(-1)).toEqual({ date: '2025-06-13', reviews: graded });
      const start = await execa('node', [BIN, 'start'], { env, extendEnv: false, reject: false });
      expect(start.exitCode, String(start.stderr)).toBe(0);
    } finally {
      disk.unmount();
    }
  }, 60_000);

  it('opening the store on a full disk (WAL mode cannot grow its shared memory) says to free space, not to check the disk', async (ctx) => {
    const disk = mountSmallDisk();
    if ('skip' in disk) return ctx.skip(disk.skip);
    try {
      const env = { HOME: disk.dir, ROADMAP_HOME: join(disk.dir, 'state'), NO_COLOR: '1', ROADMAP_NOW: '2025-06-12T09:00:00' };
      expect((await execa('node', [BIN, 'init', '--start', '2025-06-12'], { env, extendEnv: false })).exitCode).toBe(0);
      const filler = fillDisk(disk.dir);
      const r = await execa('node', [BIN, 'start'], { env, extendEnv: false, reject: false });
      expect(r.exitCode).toBe(1);
      expectOneLine(String(r.stderr), /^roadmap: the disk holding the store .*roadmap\.db is full \(SQLITE_[A-Z_]+\): free some space and run the command again; everything answered before this is saved$/);
      rmSync(filler);
      expect((await execa('node', [BIN, 'start'], { env, extendEnv: false, reject: false })).exitCode).toBe(0);
    } finally {
      disk.unmount();
    }
  }, 60_000);
});
