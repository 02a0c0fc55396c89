// Step 1 and 2: an HTTP server that drains in-flight requests before it exits.
import { createServer, type Server } from 'node:http';

export interface App {
  server: Server;
  /**
   * 1. Fail readiness at once, but keep serving for `delayMs` while load balancers stop routing to us.
   * 2. Stop accepting connections and let in-flight requests finish.
   * 3. After `timeoutMs` more, cut the connections that are still open.
   */
  shutdown(opts?: { delayMs?: number; timeoutMs?: number }): Promise<{ forced: boolean }>;
}

export function createApp(): App {
  let draining = false;

  const server = createServer((req, res) => {
    // While draining, ask keep-alive clients to reconnect (to another replica) after this response.
    if (draining) res.setHeader('connection', 'close');
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/readyz') {
      res.writeHead(draining ? 503 : 200).end(draining ? 'draining' : 'ok');
    } else if (url.pathname === '/slow') {
      setTimeout(() => res.end('done'), Number(url.searchParams.get('ms') ?? 100));
    } else {
      res.end('hello');
    }
  });

  async function shutdown({ delayMs = 0, timeoutMs = 10_000 } = {}): Promise<{ forced: boolean }> {
    draining = true;
    // In Kubernetes, removing the Pod from Service endpoints happens in parallel with SIGTERM,
    // so requests can still arrive for a few seconds. Keep serving them (or use a preStop sleep).
    await new Promise((r) => setTimeout(r, delayMs));
    let forced = false;
    // server.close() stops accepting new connections and (since Node 19) closes idle keep-alive
    // sockets; its callback runs once every connection is gone.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // A keep-alive socket that was busy becomes idle only after its response: sweep until none are left.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const timer = setTimeout(() => {
      forced = true;
      server.closeAllConnections(); // the grace period is over: cut whatever is left
    }, timeoutMs);
    await closed;
    clearInterval(sweep);
    clearTimeout(timer);
    return { forced };
  }

  return { server, shutdown };
}
