import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import closeWithGrace from 'close-with-grace';
import { buildApp, type AppOptions, type DocsApi } from './app.js';
import { watchParent } from './parent-watch.js';
import type { Telemetry } from './telemetry.js';

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
  /** ROADMAP_PARENT_PID: close once that process is gone. */
  readonly parentPid?: string;
  /** Whether stdin is a pipe: then close once the parent that holds it is gone. */
  readonly stdinIsPipe?: boolean;
  /** The OpenTelemetry SDK started before the app loaded: shut down (flushed) once the app has closed. */
  readonly telemetry?: Pick<Telemetry, 'shutdown'>;
}

/** The URL a client should use for a listening address (IPv6 hosts in brackets). */
export function listeningUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Starts the API for real: pino logs to stderr, listen, then one line on stdout,
 * `{"event":"listening","url":"http://HOST:PORT"}`. SIGINT/SIGTERM (and a crash) close it through
 * close-with-grace: stop accepting, finish requests in flight, close the pool and Redis, exit 0 (1 after a crash
 * or if closing takes more than 10 s). So does the death of the parent, when it asked to be watched
 * (ROADMAP_PARENT_PID or a stdin pipe): a server nobody supervises any more must not hold its port for minutes.
 */
export async function startServer(options: ServerOptions): Promise<DocsApi> {
  const { host, port, logLevel, stdout, stderr, parentPid, stdinIsPipe, telemetry, ...appOptions } = options;
  const app = await buildApp({ ...appOptions, logger: { level: logLevel ?? 'info', stream: stderr } });
  let stopWatching: (() => void) | undefined;
  const closer = closeWithGrace({ delay: 10_000, logger: { error: (message: unknown) => app.log.error(message) } }, async ({ signal, err }) => {
    stopWatching?.();
    if (err) app.log.error({ err }, 'closing after an unexpected error');
    else app.log.info({ signal }, 'closing');
    await app.close();
    await telemetry?.shutdown();
  });
  stopWatching = watchParent({
    ...(parentPid === undefined ? {} : { parentPid }),
    stdinIsPipe: stdinIsPipe ?? false,
    onGone: (why) => {
      app.log.warn({ reason: why }, `${why}; closing`);
      closer.close();
    },
  });
  await app.listen({ host, port });
  const address = app.server.address() as AddressInfo;
  stdout.write(`${JSON.stringify({ event: 'listening', url: listeningUrl(host, address.port) })}\n`);
  return app;
}
