import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deps } from '../deps.js';
import { RoadmapError } from '../errors.js';
import { recordFolder } from '../system/reaper.js';
import { runningAsRoot, systemUser } from '../system/runtime.js';
import { findBinary } from './binaries.js';
import { stoppedIfInterrupted } from './interrupted.js';
import { freePort, waitForPort } from './ports.js';
import { probePostgres } from './service-probe.js';
import type { ServiceProvider } from './service-provider.js';

/** Postgres refuses to run as root: when roadmap runs as root (CI, containers), the private instance runs as `postgres`. */
function asPostgresUser(deps: Deps, dir: string): string[] {
  if (!runningAsRoot()) return [];
  const runuser = findBinary(deps, 'runuser');
  const user = systemUser('postgres');
  if (!runuser || !user) throw new RoadmapError('running as root, and there is no postgres user (or no runuser) to start a private Postgres as');
  chownSync(dir, user.uid, user.gid);
  return [runuser, '-u', 'postgres', '--'];
}

function lastLine(file: string): string {
  try {
    return (readFileSync(file, 'utf8').trim().split('\n').at(-1) ?? '').slice(0, 200);
  } catch {
    return '';
  }
}

/**
 * Ready means a login works: the port is open a moment before Postgres accepts one ("the database system is
 * starting up").
 */
async function waitForLogin(url: string, port: number, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  if (!(await waitForPort('127.0.0.1', port, timeoutMs, signal))) return false;
  for (;;) {
    if ((await probePostgres(url, 2_000)) === null) return true;
    if (performance.now() > deadline || signal.aborted) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * 3. A private Postgres of the local binaries: initdb into a folder in the temp folder, then `postgres` in the
 * foreground on a free port (never a daemon: it is stopped with its process group). While initdb runs the folder
 * has a pid file of its own; from the start of the server on, the runner owns the folder with the server's group.
 */
export const localPostgres: ServiceProvider = {
  source: 'local',
  async resolve(deps, options) {
    const initdb = findBinary(deps, 'initdb');
    const postgres = findBinary(deps, 'postgres');
    if (!initdb || !postgres) return 'local: initdb/postgres are not installed';
    const dir = mkdtempSync(join(tmpdir(), 'roadmap-postgres-'));
    const forgetFolder = recordFolder(dir, 'initdb of a private Postgres');
    const removeFolder = (): void => {
      rmSync(dir, { recursive: true, force: true });
      forgetFolder();
    };
    let prefix: string[];
    let port: number;
    try {
      prefix = asPostgresUser(deps, dir);
      port = await freePort();
    } catch (error) {
      removeFolder();
      throw error;
    }
    const data = join(dir, 'data');
    const [run, ...runArgs] = [...prefix, initdb];
    const init = await deps.runner.run(run!, [...runArgs, '-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], { timeoutMs: 60_000 });
    if (!init.ok) {
      removeFolder();
      stoppedIfInterrupted(deps);
      throw new RoadmapError(`initdb failed for a private Postgres: ${(init.stderr.trim().split('\n').at(-1) ?? '').slice(0, 200)}`);
    }
    const [pgRun, ...pgArgs] = [...prefix, postgres];
    const p = deps.runner.start(pgRun!, [...pgArgs, '-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'], {
      logFile: join(dir, 'postgres.log'),
      tempDir: dir,
    });
    forgetFolder();
    const stopping = deps.lifecycle.defer(() => p.stop(), `stop the private Postgres on port ${port}`);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    if (!(await waitForLogin(url, port, options.readyTimeoutMs, deps.lifecycle.signal))) {
      // Its folder goes with it: say what its log said last.
      const last = lastLine(join(dir, 'postgres.log'));
      await stopping.release();
      stoppedIfInterrupted(deps);
      throw new RoadmapError(`a private Postgres did not start on port ${port} within ${options.readyTimeoutMs / 1000} s${last ? `: ${last}` : ''}`);
    }
    return { name: 'postgres', url, source: 'local', detail: `private Postgres (${postgres}) on port ${port}`, stop: () => stopping.release() };
  },
  async choose(deps) {
    const initdb = findBinary(deps, 'initdb');
    return initdb && findBinary(deps, 'postgres') ? { detail: `a private Postgres from ${initdb}` } : 'local: initdb/postgres not installed';
  },
};
