import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RoadmapError } from '../errors.js';
import { findBinary } from './binaries.js';
import { freePort, waitForPort } from './ports.js';
import type { ServiceProvider } from './service-provider.js';
import { stoppedIfInterrupted } from './interrupted.js';

/**
 * 3. A private redis-server of the local binaries, on a free port, its folder in the temp folder. The runner owns
 * both: the server runs on a leash with a pid file (src/system/runner.ts), and its folder goes with it however
 * roadmap ends.
 */
export const localRedis: ServiceProvider = {
  source: 'local',
  async resolve(deps, options) {
    const bin = findBinary(deps, 'redis-server');
    if (!bin) return 'local: redis-server is not installed';
    const dir = mkdtempSync(join(tmpdir(), 'roadmap-redis-'));
    let port: number;
    try {
      port = await freePort();
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    const p = deps.runner.start(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
      logFile: join(dir, 'redis.log'),
      tempDir: dir,
    });
    const stopping = deps.lifecycle.defer(() => p.stop(), `stop the private redis-server on port ${port}`);
    if (!(await waitForPort('127.0.0.1', port, options.readyTimeoutMs, deps.lifecycle.signal))) {
      await stopping.release();
      stoppedIfInterrupted(deps);
      throw new RoadmapError(`a private redis-server did not start on port ${port} within ${options.readyTimeoutMs / 1000} s`);
    }
    return { name: 'redis', url: `redis://127.0.0.1:${port}`, source: 'local', detail: `private redis-server on port ${port}`, stop: () => stopping.release() };
  },
  async choose(deps) {
    const bin = findBinary(deps, 'redis-server');
    return bin ? { detail: `a private redis-server from ${bin}` } : 'local: redis-server not installed';
  },
};
