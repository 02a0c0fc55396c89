import { describe, it, expect, afterEach } from 'vitest';
import { Agent, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGracefulServer, type GracefulServer } from './kata.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/** A server whose /slow requests wait until the test calls release(). */
async function start() {
  const waiting: ServerResponse[] = [];
  let entered: () => void = () => {};
  const g = createGracefulServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/slow' || req.url === '/stuck') {
      waiting.push(res);
      entered();
      return;
    }
    res.end('fast');
  });
  await new Promise<void>((resolve) => g.server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    g.server.closeAllConnections();
    if (g.server.listening) g.server.close();
  });
  const port = (g.server.address() as AddressInfo).port;
  return {
    g,
    port,
    /** Resolves when the next /slow request has reached the handler. */
    nextEntered: () => new Promise<void>((r) => (entered = r)),
    release: () => waiting.shift()?.end('done'),
  };
}

function get(port: number, path: string, agent?: Agent) {
  return new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: agent ?? false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function settled<T>(p: Promise<T>) {
  const state = { done: false };
  p.then(
    () => (state.done = true),
    () => (state.done = true),
  );
  return state;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('graceful shutdown', () => {
  it('resolves "drained" right away when no request is in flight', { timeout: 2000 }, async () => {
    const { g, port } = await start();
    expect(await get(port, '/fast')).toMatchObject({ status: 200, body: 'fast' });
    const t0 = performance.now();
    expect(await g.shutdown(1000)).toBe('drained');
    expect(performance.now() - t0).toBeLessThan(300);
    expect(g.server.listening).toBe(false);
  });

  it('counts requests in flight', { timeout: 2000 }, async () => {
    const s = await start();
    const entered = s.nextEntered();
    const pending = get(s.port, '/slow');
    await entered;
    expect(s.g.inFlight()).toBe(1);
    s.release();
    await pending;
    await sleep(10);
    expect(s.g.inFlight()).toBe(0);
  });

  it('refuses new connections as soon as shutdown starts', { timeout: 2000 }, async () => {
    const s = await start();
    const entered = s.nextEntered();
    const inFlight = get(s.port, '/slow');
    await entered;
    const done = s.g.shutdown(1000);
    await expect(get(s.port, '/fast')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    s.release();
    await inFlight;
    await done;
  });

  it('lets the in-flight request finish with its full response, then resolves "drained"', { timeout: 2000 }, async () => {
    const s = await start();
    const entered = s.nextEntered();
    const inFlight = get(s.port, '/slow');
    await entered;
    const done = s.g.shutdown(1000);
    const state = settled(done);
    await sleep(50);
    expect(state.done).toBe(false); // still waiting for the request
    s.release();
    expect(await inFlight).toMatchObject({ status: 200, body: 'done' });
    expect(await done).toBe('drained');
  });

  it('does not wait for keep-alive connections to time out after the last response', { timeout: 3000 }, async () => {
    const s = await start();
    const agent = new Agent({ keepAlive: true });
    cleanups.push(() => agent.destroy());
    await get(s.port, '/fast', agent); // leaves an idle keep-alive socket behind
    const entered = s.nextEntered();
    const inFlight = get(s.port, '/slow', agent);
    await entered;
    const t0 = performance.now();
    const done = s.g.shutdown(1500);
    await sleep(20);
    s.release();
    await inFlight;
    expect(await done).toBe('drained');
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('destroys stuck connections at the deadline and resolves "forced"', { timeout: 2000 }, async () => {
    const s = await start();
    const entered = s.nextEntered();
    const stuck = get(s.port, '/stuck');
    stuck.catch(() => {});
    await entered;
    const t0 = performance.now();
    expect(await s.g.shutdown(100)).toBe('forced');
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(90);
    expect(elapsed).toBeLessThan(600);
    await expect(stuck).rejects.toThrow();
  });

  it('returns the same promise when shutdown is called twice (SIGTERM then SIGINT)', { timeout: 2000 }, async () => {
    const { g }: { g: GracefulServer } = await start();
    const a = g.shutdown(500);
    const b = g.shutdown(500);
    expect(b).toBe(a);
    expect(await b).toBe('drained');
  });
});
