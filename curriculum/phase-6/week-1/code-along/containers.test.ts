import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lintDockerfile } from './dockerfile-lint.js';
import { createApp, type App } from './server.js';
import { onShutdownSignal } from './signals.js';

const apps: App[] = [];
async function start(): Promise<{ app: App; base: string }> {
  const app = createApp();
  apps.push(app);
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}
afterEach(async () => {
  for (const app of apps.splice(0)) {
    app.server.closeAllConnections();
    if (app.server.listening) await new Promise((r) => app.server.close(r));
  }
});

describe('step 1: a small HTTP server', () => {
  it('answers requests and reports ready', async () => {
    const { base } = await start();
    expect(await (await fetch(base + '/')).text()).toBe('hello');
    expect((await fetch(base + '/readyz')).status).toBe(200);
  });
});

describe('step 2: graceful shutdown', () => {
  it('fails readiness first but keeps serving during the delay', async () => {
    const { app, base } = await start();
    const stopping = app.shutdown({ delayMs: 150, timeoutMs: 1000 });
    const ready = await fetch(base + '/readyz');
    expect(ready.status).toBe(503);
    const res = await fetch(base + '/');
    expect(await res.text()).toBe('hello'); // still served: the load balancer may not know yet
    expect(res.headers.get('connection')).toBe('close');
    await stopping;
  });

  it('lets an in-flight request finish, then refuses new connections', async () => {
    const { app, base } = await start();
    const inFlight = fetch(base + '/slow?ms=200').then((r) => r.text());
    await new Promise((r) => setTimeout(r, 50)); // the request is now being handled
    const result = await app.shutdown({ timeoutMs: 2000 });
    expect(await inFlight).toBe('done');
    expect(result).toEqual({ forced: false });
    await expect(fetch(base + '/')).rejects.toThrow();
  });

  it('cuts requests that outlive the grace period', async () => {
    const { app, base } = await start();
    const inFlight = fetch(base + '/slow?ms=5000').then((r) => r.text());
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    expect(await app.shutdown({ timeoutMs: 100 })).toEqual({ forced: true });
    expect(Date.now() - t0).toBeLessThan(1000);
    await expect(inFlight).rejects.toThrow();
  });
});

describe('step 3: signals', () => {
  class FakeProcess extends EventEmitter {
    exit = vi.fn();
  }

  it('SIGTERM runs the shutdown once, then exits 0', async () => {
    const proc = new FakeProcess();
    const shutdown = vi.fn(async () => {});
    onShutdownSignal(proc, shutdown);
    proc.emit('SIGTERM');
    await vi.waitFor(() => expect(proc.exit).toHaveBeenCalledWith(0));
    expect(shutdown).toHaveBeenCalledTimes(1);
  });

  it('a second signal during shutdown exits 1 at once', () => {
    const proc = new FakeProcess();
    onShutdownSignal(proc, () => new Promise(() => {})); // a shutdown that never finishes
    proc.emit('SIGTERM');
    proc.emit('SIGINT');
    expect(proc.exit).toHaveBeenCalledWith(1);
  });

  function runNode(code: string): Promise<{ code: number | null; signal: string | null; out: string }> {
    const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      const first = !out.includes('ready');
      out += d.toString();
      if (first && out.includes('ready')) child.kill('SIGTERM'); // exactly one signal
    });
    return new Promise((resolve) => child.on('exit', (c, s) => resolve({ code: c, signal: s, out })));
  }

  it('a real node process without a handler is killed by SIGTERM (exit code 143 in a shell)', async () => {
    const r = await runNode("setInterval(() => {}, 1000); console.log('ready')");
    expect(r).toMatchObject({ code: null, signal: 'SIGTERM' });
  });

  it('with a handler it cleans up and exits 0 by itself', async () => {
    const r = await runNode(
      "process.once('SIGTERM', () => { console.log('draining'); setTimeout(() => process.exit(0), 20) });" +
        "setInterval(() => {}, 1000); console.log('ready')",
    );
    expect(r).toMatchObject({ code: 0, signal: null });
    expect(r.out).toContain('draining');
  });
});

describe('step 4: lint the Dockerfile', () => {
  it('the example Dockerfile passes every rule', () => {
    const text = readFileSync(new URL('./Dockerfile', import.meta.url), 'utf8');
    expect(lintDockerfile(text)).toEqual([]);
  });

  it('flags the classic mistakes', () => {
    const bad = [
      'FROM node:latest',
      'WORKDIR /app',
      'ADD . .',
      'RUN npm install \\',
      '  && npm run build',
      'CMD npm start',
    ].join('\n');
    expect(lintDockerfile(bad).map((f) => `${f.line}:${f.rule}`)).toEqual([
      '1:multi-stage',
      '1:pinned-base',
      '1:non-root',
      '3:copy-not-add',
      '4:npm-ci',
      '6:exec-form',
    ]);
  });

  it('does not run a package manager as PID 1', () => {
    const text = 'FROM node:24 AS b\nFROM node:24-slim\nUSER node\nCMD ["npm", "start"]';
    expect(lintDockerfile(text).map((f) => f.rule)).toEqual(['no-package-manager']);
  });
});
