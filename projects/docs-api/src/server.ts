import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import closeWithGrace from 'close-with-grace';
import { buildApp, type AppOptions, type DocsApi } from './app.js';

export interface ServerOptions extends Omit<AppOptions, 'logger'> {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** pino level. @default 'info' */
  readonly logLevel?: string;
  /** Where the one `listening` line goes (the verifier waits for it). */
  readonly stdout: Writable;
  /** Where the logs go. */
  readonly stderr: Writable;
}

/** The URL a client should use for a listening address (IPv6 hosts in brackets). */
export function listeningUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Starts the API for real: pino logs to stderr, listen, then one line on stdout,
 * `{"event":"listening","url":"http://HOST:PORT"}`. SIGINT/SIGTERM (and a crash) close it through
 * close-with-grace: stop accepting, finish requests in flight, close the pool and Redis, exit 0 (1 after a crash
 * or if closing takes more than 10 s).
 */
export async function startServer(options: ServerOptions): Promise<DocsApi> {
  const { host, port, logLevel, stdout, stderr, ...appOptions } = options;
  const app = await buildApp({ ...appOptions, logger: { level: logLevel ?? 'info', stream: stderr } });
  closeWithGrace({ delay: 10_000, logger: { error: (message: unknown) => app.log.error(message) } }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an unexpected error');
    else app.log.info({ signal }, 'closing');
    await app.close();
  });
  await app.listen({ host, port });
  const address = app.server.address() as AddressInfo;
  stdout.write(`${JSON.stringify({ event: 'listening', url: listeningUrl(host, address.port) })}\n`);
  return app;
}
