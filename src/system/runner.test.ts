import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createLifecycle } from './lifecycle.js';
import { processStart, reaperDir } from './reaper.js';
import { execaRunner } from './runner.js';

const dir = mkdtempSync(join(tmpdir(), 'roadmap-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Processes whose command line is exactly `sleep N`. */
async function alive(marker: number): Promise<string> {
  return (await execa('pgrep', ['-fx', `sleep ${marker}`], { reject: false })).stdout.trim();
}
/** Waits for a condition that a process's exit makes true (a kill is delivered at once, the exit a little later). */
async function until(what: string, condition: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = performance.now() + ms;
  while (!(await condition())) {
    if (performance.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const gone = (pid: number): boolean => processStart(pid) === null;
/** The pid files the given roadmap process owns. */
const pidFilesOf = (owner: number): string[] => (existsSync(reaperDir()) ? readdirSync(reaperDir()).filter((f) => f.startsWith(`${owner}-`)) : []);

let next = 3100 + (process.pid % 500) * 10;
const marker = (): number => (next += 10);

// What a test started is killed even when one of its assertions fails: nothing ends up under PID 1.
const lifecycle = createLifecycle();
const started: { fixture?: ResultPromise; pids: number[] }[] = [];
afterEach(async () => {
  await lifecycle.runCleanups();
  for (const s of started.splice(0)) {
    s.fixture?.kill('SIGKILL');
    for (const pid of s.pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone, as it should be.
      }
    }
    await s.fixture?.catch(() => undefined);
  }
});

describe('the runner’s long-running processes', () => {
  it('stop() ends the process and everything it started, and its output is in the log file', async () => {
    const m = marker();
    const log = join(dir, 'child.log');
    const lines: string[] = [];
    const p = execaRunner(() => lifecycle).start('bash', ['-c', `echo hello from the child; sleep ${m} & echo $!; sleep ${m + 1}; wait`], {
      logFile: log,
      onLine: (l) => lines.push(l),
    });
    await until('the grandchild runs', async () => (await alive(m)) !== '');
    started.push({ pids: lines.filter((l) => /^\d+$/.test(l)).map(Number) });
    await p.stop();
    expect(await alive(m)).toBe('');
    expect(await alive(m + 1)).toBe('');
    expect(readFileSync(log, 'utf8')).toContain('hello from the child');
  });

  it('passes the exit code and the signal of its command on, and says when the program does not exist', async () => {
    const runner = execaRunner(() => lifecycle);
    expect(await runner.start('bash', ['-c', 'exit 7']).exited).toMatchObject({ exitCode: 7, notFound: false });
    expect(await runner.start('bash', ['-c', 'kill -TERM $$']).exited).toMatchObject({ signal: 'SIGTERM' });
    expect(await runner.start('no-such-program-roadmap', []).exited).toEqual({ exitCode: undefined, signal: undefined, notFound: true });
  });

  it('a group that ends by itself takes its temp folder and its pid file along', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'roadmap-runner-own-'));
    const p = execaRunner(() => lifecycle).start('bash', ['-c', 'echo data > "$0/file"', temp], { tempDir: temp });
    expect((await p.exited).exitCode).toBe(0);
    expect(existsSync(temp)).toBe(false);
    expect(pidFilesOf(process.pid)).toEqual([]);
  });

  it('an interrupt cancels a run in progress', async () => {
    const m = marker();
    const life = createLifecycle();
    const run = execaRunner(() => life).run('sleep', [String(m)], { timeoutMs: 60_000 });
    await until('sleep runs', async () => (await alive(m)) !== '');
    life.interrupt('SIGINT');
    expect((await run).ok).toBe(false);
    await until('sleep is gone', async () => (await alive(m)) === '');
  });

  function fixture(how: 'exit' | 'crash' | 'wait', m: number, tempDir?: string) {
    const child = execa(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'runner-exit-fixture.ts'), how, String(m), ...(tempDir ? [tempDir] : [])], {
      reject: false,
      cleanup: false,
      stdin: 'pipe',
    });
    const entry = { fixture: child, pids: [] as number[] };
    started.push(entry);
    const ready = new Promise<void>((resolve) => {
      let out = '';
      child.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const line = /^started (\d+) (\d+)$/m.exec(out);
        if (line) {
          entry.pids.push(Number(line[1]), Number(line[2]));
          resolve();
        }
      });
    });
    return { child, ready, pids: entry.pids };
  }

  it.each([
    ['exit', 0, ''],
    ['crash', 1, 'roadmap: unexpected error: the fixture crashes on purpose'],
    ['SIGTERM', 143, 'roadmap: stopped (SIGTERM)'],
    ['SIGINT', 130, 'roadmap: stopped (Ctrl-C)'],
    ['SIGHUP', 129, 'roadmap: stopped (SIGHUP)'],
  ] as const)('leaves nothing behind when roadmap ends by %s (exit %i)', async (how, code, line) => {
    const m = marker();
    const temp = mkdtempSync(join(tmpdir(), 'roadmap-runner-fixture-'));
    const f = fixture(how === 'exit' || how === 'crash' ? how : 'wait', m, temp);
    await f.ready;
    expect(await alive(m)).not.toBe('');
    expect(pidFilesOf(f.child.pid!)).toHaveLength(1);
    if (how === 'exit' || how === 'crash') f.child.stdin!.write('go\n');
    else f.child.kill(how);
    const r = await f.child;
    expect(r.exitCode).toBe(code);
    expect(String(r.stderr).trim()).toBe(line);
    await until('the group is gone', () => f.pids.every(gone));
    // Ctrl-C, SIGTERM and a crash stop the group before roadmap exits; an exit SIGKILLs it and the leash tidies up.
    await until('its temp folder and pid file are gone', () => !existsSync(temp) && pidFilesOf(f.child.pid!).length === 0);
  }, 20_000);

  it('after a SIGKILL of roadmap, the leash ends the group and removes its folder and pid file, with no roadmap start', async () => {
    const m = marker();
    const temp = mkdtempSync(join(tmpdir(), 'roadmap-runner-fixture-'));
    const f = fixture('wait', m, temp);
    await f.ready;
    f.child.kill('SIGKILL');
    expect((await f.child).signal).toBe('SIGKILL');
    await until('the group is gone', () => f.pids.every(gone));
    await until('its temp folder and pid file are gone', () => !existsSync(temp) && pidFilesOf(f.child.pid!).length === 0);
  }, 20_000);
});
