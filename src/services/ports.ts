import { createConnection, createServer } from 'node:net';

/** A free TCP port on 127.0.0.1 (the OS picks; a tiny race with other programs is accepted). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when host:port accepts a TCP connection; false after `timeoutMs` (or at once when `signal` aborts). */
export async function waitForPort(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host, port });
      socket.setTimeout(1_000);
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => (socket.destroy(), resolve(false)));
    });
    if (ok) return true;
    if (performance.now() > deadline || signal?.aborted) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}
