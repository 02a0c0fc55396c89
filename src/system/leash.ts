/**
 * The leash: a small Node program that leads every process group the runner starts, so the group dies soon after
 * roadmap does, even when roadmap is SIGKILLed and no handler of its runs (the exit hooks cover every other way
 * out). roadmap holds the write end of the leash's stdin and never writes; the kernel closes it when roadmap dies,
 * however it dies, and the leash reads end-of-file. Then it does what roadmap's cleanup would have done: SIGTERM to
 * the group (a crawler ends its file on a whole line, Postgres shuts down cleanly), SIGKILL to the command after
 * 2 s, the group's folder and pid file removed, SIGKILL to whatever is left in the group.
 *
 * The programs in the group are not ours to change (vitest --watch, redis-server, postgres, a learner's project), so
 * they cannot watch a pipe themselves; Linux's parent-death signal (prctl) reaches one process only, not a group,
 * and is cleared when runuser changes to the postgres user. The pid files (reaper.ts) are the last resort, for a
 * leash killed with roadmap (`kill -9` of everything).
 *
 * While roadmap lives, the leash only passes its command's exit on: same exit code, or the same signal. It ignores
 * SIGINT, SIGTERM and SIGHUP itself (they are for its command, which gets them as a member of the group), so that it
 * outlives its command and can report how it ended. It is run with `node -e`, so it needs no file of its own in
 * the bundle; it is a separate program, the one place outside system/lifecycle.ts that handles signals.
 */
const LEASH_SOURCE = String.raw`
const { spawn } = require('node:child_process');
const { rmSync } = require('node:fs');
const [record, dir, file, ...args] = process.argv.slice(1);
process.title = 'roadmap-leash ' + [file, ...args].join(' ');
const passOn = ['SIGINT', 'SIGTERM', 'SIGHUP'];
for (const s of passOn) process.on(s, () => {});
let status;
const child = spawn(file, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const ended = new Promise((resolve) => child.on('exit', (code, signal) => resolve((status = { code, signal }))));
child.on('error', (e) => {
  process.stderr.write('roadmap: could not start ' + file + ': ' + e.message + '\n');
  status = { code: 126, signal: null };
  process.exitCode = 126;
  process.stdin.destroy();
});
const kill = (pid, signal) => { try { process.kill(pid, signal); } catch {} };
let orphaned = false;
const onOrphaned = async () => {
  if (orphaned) return;
  orphaned = true;
  kill(-process.pid, 'SIGTERM');
  const timer = setTimeout(() => kill(child.pid, 'SIGKILL'), 2000);
  if (!status && child.pid) await ended;
  clearTimeout(timer);
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (record) rmSync(record, { force: true });
  kill(-process.pid, 'SIGKILL');
};
process.stdin.on('data', () => {});
process.stdin.on('end', onOrphaned);
process.stdin.on('error', onOrphaned);
ended.then(({ code, signal }) => {
  if (orphaned) return;
  process.stdin.destroy();
  if (signal) {
    process.removeAllListeners(signal);
    kill(process.pid, signal);
  } else process.exitCode = code;
});
`;

/** The command line that runs `file args` on a leash: `node -e <leash> <pid file> <folder> <file> <args…>`. */
export function leashed(file: string, args: readonly string[], recordFile: string | null, dir: string | null): { readonly file: string; readonly args: string[] } {
  return { file: process.execPath, args: ['-e', LEASH_SOURCE, '--', recordFile ?? '', dir ?? '', file, ...args] };
}
