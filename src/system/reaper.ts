/**
 * Pid files for every process group roadmap starts, so that nothing outlives a roadmap that was SIGKILLed (like
 * testcontainers' reaper, for processes). Each started group gets one JSON file in a folder of this user's,
 * `<tmpdir>/roadmap-reaper/<uid>/`: the roadmap process that owns it, the group's leader, both with their start
 * time from /proc/PID/stat (so a pid the system has since reused is never taken for ours), and the folder the group
 * owns. The runner writes it when the group starts and removes it when the group is gone; the next roadmap that
 * resolves a service, runs `doctor` or starts a group reaps every file whose owner is dead: it ends the group
 * (SIGTERM, then SIGKILL), removes the folder and the file.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join } from 'node:path';
import { ensureDir } from './ensure-dir.js';
import { writeFileAtomic } from './write-file-atomic.js';

export interface GroupRecord {
  /** The roadmap process that started the group. */
  readonly owner: { readonly pid: number; readonly start: string | null };
  /** The group's leader: its pid is the process group's id (null for a folder alone, before its group starts). */
  readonly pid: number | null;
  readonly start: string | null;
  /** For people (doctor, debug output): what was started. */
  readonly command: string;
  /** A folder that belongs to the group (a private server's data), removed with it. */
  readonly dir: string | null;
}

/** How long an orphaned group gets between SIGTERM and SIGKILL (a private Postgres shuts down cleanly in it). */
const REAP_GRACE_MS = 2_000;

/** `<tmpdir>/roadmap-reaper/<uid>`: per user, so one user's roadmap never reads (or is fooled by) another's files. */
export function reaperDir(): string {
  return join(tmpdir(), 'roadmap-reaper', String(process.getuid?.() ?? 'user'));
}

/** Only a folder (not a link) that is ours is trusted: anyone may create folders in the shared temp folder. */
function trusted(dir: string): boolean {
  try {
    const st = lstatSync(dir);
    return st.isDirectory() && (process.getuid === undefined || st.uid === process.getuid());
  } catch {
    return false;
  }
}

/** The reaper's folder, made on first use (null when it cannot be made or is not ours). */
function reaperFolder(): string | null {
  const dir = reaperDir();
  const parent = join(dir, '..');
  try {
    ensureDir(parent);
    // Every user gets a folder in it: world-writable and sticky, like /tmp itself.
    if (lstatSync(parent).uid === process.getuid?.()) chmodSync(parent, 0o1777);
    if (!trusted(dir)) mkdirSync(dir, { mode: 0o700 });
  } catch {
    return null;
  }
  return trusted(dir) ? dir : null;
}

/**
 * A process's start time (clock ticks since boot, field 22 of /proc/PID/stat), `null` when there is no such
 * process, or `'?'` where there is no /proc to ask (then a live pid is taken as the same process).
 */
export function processStart(pid: number): string | null {
  const stat = safeRead(`/proc/${pid}/stat`);
  // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
  if (stat !== null) return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  hasProc ??= safeRead('/proc/self/stat') !== null;
  if (hasProc) return null;
  try {
    process.kill(pid, 0);
    return '?';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? '?' : null;
  }
}

let hasProc: boolean | undefined;

function safeRead(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The process `pid` is alive and is the one that was recorded (not a later process that got the same pid). */
export function sameProcess(pid: number, start: string | null): boolean {
  const now = processStart(pid);
  return now !== null && (start === null || now === '?' || start === '?' || now === start);
}

let sequence = 0;
let ownStart: string | null | undefined;

/** This roadmap process as an owner: its pid and start time, so a later roadmap can tell whether it is still alive. */
export function currentOwner(): GroupRecord['owner'] {
  ownStart ??= processStart(process.pid);
  return { pid: process.pid, start: ownStart };
}

/**
 * A path for the pid file of a group about to start (the leash is told it before the group exists, so it can remove
 * it if roadmap dies); null when the folder cannot be used: then only the leash and the exit hooks guard the group.
 */
export function groupRecordFile(): string | null {
  const folder = reaperFolder();
  return folder ? join(folder, `${process.pid}-${++sequence}.json`) : null;
}

/** Writes the pid file of a group that was just started (a failure only loses the next start's reaping). */
export function recordGroup(file: string | null, pid: number, command: string, dir: string | null): void {
  if (!file) return;
  const record: GroupRecord = { owner: currentOwner(), pid, start: processStart(pid), command, dir };
  try {
    writeFileAtomic(file, JSON.stringify(record) + '\n');
  } catch {
    // Nothing to undo: writeFileAtomic leaves no temp file.
  }
}

/**
 * Records a folder alone, for the time between its creation and the start of the group that will own it (a
 * private Postgres's data folder while initdb runs): the reaper removes it if roadmap dies meanwhile. Returns the
 * function that forgets it again.
 */
export function recordFolder(dir: string, command: string): () => void {
  const file = groupRecordFile();
  if (!file) return () => {};
  const record: GroupRecord = { owner: currentOwner(), pid: null, start: null, command, dir };
  try {
    writeFileAtomic(file, JSON.stringify(record) + '\n');
  } catch {
    return () => {};
  }
  return () => rmSync(file, { force: true });
}

/** A group's folder is removed only if it is what the runner accepts as one (an absolute `roadmap-*` folder). */
export function removableDir(dir: string | null | undefined): dir is string {
  return typeof dir === 'string' && isAbsolute(dir) && basename(dir).startsWith('roadmap-');
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

async function groupGone(pgid: number, ms: number): Promise<boolean> {
  const until = performance.now() + ms;
  while (groupAlive(pgid)) {
    if (performance.now() > until) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

/** Ends an orphaned group: SIGTERM, then SIGKILL after the grace; resolves once it is gone (or cannot be ended). */
async function endGroup(record: GroupRecord & { readonly pid: number }): Promise<void> {
  // A leader that is alive but started at another time is a reused pid: its group is someone else's. A dead leader
  // whose group still has members is ours: the system never hands out a pid still in use as a group's id.
  const leader = processStart(record.pid);
  if (leader !== null && !sameProcess(record.pid, record.start)) return;
  signalGroup(record.pid, 'SIGTERM');
  if (await groupGone(record.pid, REAP_GRACE_MS)) return;
  signalGroup(record.pid, 'SIGKILL');
  await groupGone(record.pid, REAP_GRACE_MS);
}

/** What was reaped, for people: "redis-server --port 40123 … (pid 1234), left by roadmap 1200". */
export type Reaped = string;

/**
 * Reaps the groups of roadmap processes that died without stopping them: one readdir when there is nothing to do.
 * Never throws (a file it cannot read or remove is left for the next time).
 */
export async function reapOrphans(): Promise<Reaped[]> {
  const dir = reaperDir();
  if (!trusted(dir)) return [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const reaped: Reaped[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const owner = Number(name.split(/[-.]/)[0]);
    if (name.endsWith('.tmp')) {
      // A pid file whose writer died between the write and the rename.
      if (!Number.isInteger(owner) || processStart(owner) === null) rmSync(file, { force: true });
      continue;
    }
    if (!name.endsWith('.json')) continue;
    let record: GroupRecord;
    try {
      record = JSON.parse(readFileSync(file, 'utf8')) as GroupRecord;
    } catch {
      continue;
    }
    if (sameProcess(record.owner.pid, record.owner.start)) continue;
    try {
      if (record.pid !== null) await endGroup({ ...record, pid: record.pid });
      if (removableDir(record.dir)) rmSync(record.dir, { recursive: true, force: true });
      rmSync(file, { force: true });
      reaped.push(`${record.command}${record.pid === null ? '' : ` (pid ${record.pid})`}, left by roadmap ${record.owner.pid}`);
    } catch {
      // Left for the next start.
    }
  }
  return reaped;
}

let reaping: Promise<Reaped[]> | undefined;

/** `reapOrphans`, once per roadmap process (every command that resolves a service or starts a group asks). */
export function reapOrphansOnce(): Promise<Reaped[]> {
  reaping ??= reapOrphans();
  return reaping;
}

/** Removes a group's pid file once the group is gone. */
export function forgetGroup(file: string | null): void {
  if (file) rmSync(file, { force: true });
}
