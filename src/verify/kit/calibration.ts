/**
 * What the machine itself could do during a verify, measured in the same run, so a report's figures can be read
 * against it: the load average before and after, an idle process's event-loop delay, and a bare Node HTTP
 * server's rate under the same load generator. A machine busier than its cores when the verify starts makes
 * timing figures unreliable:
 * the report says so, and a timing criterion that fails then is not recorded as the learner's failure.
 */
import type { Deps } from '../../deps.js';
import { machineLoad, nodeBinary } from '../../system/runtime.js';
import { loadPaths } from './load.js';
import { startServer } from './process.js';

export interface Calibration {
  readonly loadBefore: number;
  readonly loadAfter: number;
  readonly cores: number;
  /** p99 event-loop delay of an idle Node process over one second (ms). */
  readonly idleEventLoopDelayP99Ms: number | null;
  /** Requests per second a bare Node HTTP server answers under the verifier's load generator (only for phases that load). */
  readonly bareHttpRps: number | null;
  /**
   * The load average was above the number of cores when the verify started. Only the reading before counts: the
   * one after includes the verify's own target and load generator.
   */
  readonly busy: boolean;
}

const IDLE_SCRIPT = `const { monitorEventLoopDelay } = require('node:perf_hooks');
const h = monitorEventLoopDelay({ resolution: 10 }); h.enable();
setTimeout(() => { h.disable(); process.stdout.write(String(h.percentile(99) / 1e6) + '\\n'); }, 1000);`;

const BARE_SERVER = `require('node:http').createServer((q, s) => s.end('{"ok":true}')).listen(0, '127.0.0.1', function () {
  console.log(JSON.stringify({ event: 'listening', url: 'http://127.0.0.1:' + this.address().port }));
});`;

/** The first half of a calibration, taken before the checks. */
export async function calibrateBefore(deps: Deps, opts: { readonly http: boolean; readonly signal: AbortSignal }): Promise<Omit<Calibration, 'loadAfter' | 'busy'>> {
  const { load1, cores } = machineLoad();
  const idle = await deps.runner.run(nodeBinary(), ['-e', IDLE_SCRIPT], { timeoutMs: 10_000 });
  const idleP99 = idle.ok ? Number(Number(idle.stdout.trim()).toFixed(2)) : null;
  let bareHttpRps: number | null = null;
  if (opts.http) {
    const server = await startServer(
      { startTarget: (args, onLine) => deps.runner.start(nodeBinary(), ['-e', BARE_SERVER, ...args], { onLine }), logFile: '(calibration)', signal: opts.signal },
      [],
      {},
    );
    try {
      bareHttpRps = (await loadPaths(deps.runner, deps.paths.packageRoot, server.url, ['/'], { connections: 10, seconds: 1 })).rps;
    } finally {
      await server.stop();
    }
  }
  return { loadBefore: load1, cores, idleEventLoopDelayP99Ms: Number.isFinite(idleP99) ? idleP99 : null, bareHttpRps };
}

/** Completes a calibration after the checks. */
export function calibrateAfter(before: Omit<Calibration, 'loadAfter' | 'busy'>): Calibration {
  const { load1 } = machineLoad();
  return { ...before, loadAfter: load1, busy: before.loadBefore > before.cores };
}
