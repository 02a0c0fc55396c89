import { createServer, type RequestListener, type Server } from 'node:http';

export type ShutdownResult = 'drained' | 'forced';

export interface GracefulServer {
  server: Server;
  inFlight(): number;
  shutdown(timeoutMs: number): Promise<ShutdownResult>;
}

export function createGracefulServer(handler: RequestListener): GracefulServer {
  const server = createServer(handler);
  return {
    server,
    inFlight: () => {
      throw new Error('TODO: count requests in flight');
    },
    shutdown: async (timeoutMs) => {
      throw new Error(`TODO: shut down gracefully within ${timeoutMs} ms`);
    },
  };
}
