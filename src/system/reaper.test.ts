import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { groupRecordFile, processStart, reapOrphans, reaperDir, type GroupRecord } from './reaper.js';

// Real processes and real pid files in the real reaper folder (the reaper of a parallel test run may take ours:
// their owners are dead, on purpose).
const children: ChildProcess[] = [];
const files: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const f of files.splice(0)) rmSync(f, { recursive: true, force: true });
});

/** A pid that no process has any more (a shell that has exited). */
async function deadPid(): Promise<number> {
  return Number((await execa('sh', ['-c', 'echo $$'])).stdout.trim());
}

/** A `sleep` in a process group of its own, as the runner starts them. */
function group(seconds: number): ChildProcess {
  const child = spawn('sleep', [String(seconds)], { detached: true, stdio: 'ignore' });
  children.push(child);
  return child;
}

function write(record: GroupRecord): string {
  mkdirSync(reaperDir(), { recursive: true });
  const file = join(reaperDir(), `${record.owner.pid}-reaper-test-${files.length}-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(record));
  files.push(file);
  return file;
}

const exited = (child: ChildProcess): Promise<string | null> => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.signalCode) : child.once('exit', (_c, s) => resolve(s))));

describe('the reaper', () => {
  it('ends the group of a dead roadmap, removes its folder and its pid file, and says what it reaped', async () => {
    const owner = await deadPid();
    const g = group(3601);
    const dir = mkdtempSync(join(tmpdir(), 'roadmap-reaper-test-'));
    files.push(dir);
    const file = write({ owner: { pid: owner, start: '1' }, pid: g.pid!, start: processStart(g.pid!), command: 'sleep 3601', dir });
    const reaped = await reapOrphans();
    expect(await exited(g)).toBe('SIGTERM');
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(file)).toBe(false);
    expect(reaped).toContain(`sleep 3601 (pid ${g.pid}), left by roadmap ${owner}`);
  });

  it('never touches what a live roadmap owns', async () => {
    const g = group(3602);
    const file = groupRecordFile()!;
    files.push(file);
    writeFileSync(file, JSON.stringify({ owner: { pid: process.pid, start: processStart(process.pid) }, pid: g.pid!, start: processStart(g.pid!), command: 'sleep 3602', dir: null } satisfies GroupRecord));
    await reapOrphans();
    expect(existsSync(file)).toBe(true);
    expect(processStart(g.pid!)).not.toBeNull();
  });

  it('never kills a pid the system has given to another process since: only the stale file goes', async () => {
    const g = group(3603);
    const file = write({ owner: { pid: await deadPid(), start: '1' }, pid: g.pid!, start: 'an earlier process', command: 'sleep 3603', dir: null });
    await reapOrphans();
    expect(existsSync(file)).toBe(false);
    expect(processStart(g.pid!)).not.toBeNull();
  });

  it('removes a folder recorded alone (a private Postgres during initdb) when its roadmap is dead', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roadmap-reaper-test-'));
    files.push(dir);
    const file = write({ owner: { pid: await deadPid(), start: '1' }, pid: null, start: null, command: 'initdb of a private Postgres', dir });
    await reapOrphans();
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(file)).toBe(false);
  });

  it('never removes a folder that is not a roadmap-* one, whatever a pid file says', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'not-roadmap-'));
    files.push(dir);
    write({ owner: { pid: await deadPid(), start: '1' }, pid: null, start: null, command: 'a forged record', dir });
    await reapOrphans();
    expect(existsSync(dir)).toBe(true);
  });
});
