import { createServer, type RequestListener, type Server } from 'node:http';

export type ShutdownResult = 'drained' | 'forced';

export interface GracefulServer {
  server: Server;
  inFlight(): number;
  shutdown(timeoutMs: number): Promise<ShutdownResult>;
}

export function createGracefulServer(handler: RequestListener): GracefulServer {
  let inFlight = 0;
  let shutdownPromise: Promise<ShutdownResult> | undefined;

  const server = createServer((req, res) => {
    inFlight++;
    // Rare race: a request that arrives on an open connection after shutdown began. Tell the client
    // not to reuse the connection, because it is about to go away.
    if (shutdownPromise) res.setHeader('connection', 'close');
    // 'close' fires after a normal finish AND after an aborted/destroyed connection.
    res.on('close', () => {
      inFlight--;
      // The connection that carried this response is idle now. Without this it would stay open until
      // keepAliveTimeout and hold server.close() back.
      if (shutdownPromise) server.closeIdleConnections();
    });
    handler(req, res);
  });

  function shutdown(timeoutMs: number): Promise<ShutdownResult> {
    // SIGTERM followed by SIGINT must not call server.close() twice.
    shutdownPromise ??= new Promise<ShutdownResult>((resolve) => {
      const deadline = setTimeout(() => {
        // Out of time: cut the remaining connections. Their requests fail, but the pod can exit
        // before the kubelet's SIGKILL, with a log line that says so.
        server.closeAllConnections();
        resolve('forced');
      }, timeoutMs);

      // Stop accepting; the callback runs when the last connection has closed.
      server.close(() => {
        clearTimeout(deadline);
        resolve('drained'); // no-op if 'forced' already won
      });
      // Connections with no request in flight can go right away.
      server.closeIdleConnections();
    });
    return shutdownPromise;
  }

  return { server, inFlight: () => inFlight, shutdown };
}
