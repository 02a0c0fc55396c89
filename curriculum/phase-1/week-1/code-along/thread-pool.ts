import { execFile } from 'node:child_process'
import { pbkdf2, pbkdf2Sync } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const ITERATIONS = 100_000

/** Runs on the libuv thread pool: the main thread stays free while the hash is computed. */
export function hashAsync(password: string): Promise<Buffer> {
  return promisify(pbkdf2)(password, 'roadmap-salt', ITERATIONS, 64, 'sha512')
}

/** Same work on the main thread: blocks the event loop until it returns. */
export function hashSync(password: string): Buffer {
  return pbkdf2Sync(password, 'roadmap-salt', ITERATIONS, 64, 'sha512')
}

// Runs in a fresh Node process: UV_THREADPOOL_SIZE is read once, when that process's pool starts.
// Opening a FIFO for reading blocks until a writer opens it, so each open() holds one pool thread,
// like a file read on a hung network drive would.
const CHILD_SCRIPT = `
const fs = require('node:fs');
const dns = require('node:dns');
const [fifosJson, waitMs] = process.argv.slice(1);
const fifos = JSON.parse(fifosJson);
for (const fifo of fifos) fs.open(fifo, 'r', (err, fd) => { if (!err) fs.close(fd, () => {}); });
let lookedUp = false;
dns.lookup('localhost', () => { lookedUp = true; });
const started = Date.now();
const waitForLookup = setInterval(() => {
  if (!lookedUp && Date.now() - started < Number(waitMs)) return;
  clearInterval(waitForLookup);
  console.log(JSON.stringify({ lookupFinishedWhilePoolBlocked: lookedUp }));
  // Release the blocked readers: a non-blocking open for writing succeeds once a reader is waiting.
  const pending = new Set(fifos);
  const release = setInterval(() => {
    for (const fifo of pending) {
      try { fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK)); pending.delete(fifo); }
      catch { /* ENXIO: that reader is still queued behind the others; retry */ }
    }
    if (pending.size === 0) clearInterval(release);
  }, 5);
}, 5);`

/**
 * In a child process with `poolSize` pool threads, blocks `blockedJobs` threads with FIFO opens, then
 * asks for `dns.lookup('localhost')` (getaddrinfo, which also runs on the pool) and reports whether
 * the lookup could finish within `waitMs` while the blocked jobs were still holding their threads.
 * POSIX only: it uses `mkfifo`.
 */
export async function lookupDuringBlockedPool(poolSize: number, blockedJobs: number, waitMs: number): Promise<boolean> {
  const dir = await mkdtemp(join(tmpdir(), 'uv-pool-'))
  try {
    const fifos = Array.from({ length: blockedJobs }, (_, i) => join(dir, `fifo-${i}`))
    await run('mkfifo', fifos)
    const { stdout } = await run(process.execPath, ['-e', CHILD_SCRIPT, JSON.stringify(fifos), String(waitMs)], {
      env: { ...process.env, UV_THREADPOOL_SIZE: String(poolSize) },
      timeout: 10_000,
    })
    const result = JSON.parse(stdout) as { lookupFinishedWhilePoolBlocked: boolean }
    return result.lookupFinishedWhilePoolBlocked
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
