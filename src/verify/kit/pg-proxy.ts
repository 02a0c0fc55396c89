/**
 * A TCP proxy in front of Postgres that counts the queries a client sends (simple-protocol Query and
 * extended-protocol Execute messages), so a check can prove that hot reads never reach the database rather than
 * only that they are fast. It reads the frontend's message framing (a type byte and an int32 length, after an
 * untyped startup message — and an untyped SSLRequest or GSSENCRequest before it, which the server answers with
 * one byte) and forwards every byte unchanged.
 */
import { createConnection, createServer, type Socket } from 'node:net';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

export interface PgProxy {
  /** The URL to give the target: the same database, through the proxy. */
  readonly url: string;
  /** Queries sent through the proxy since it started. */
  queries(): number;
  close(): Promise<void>;
}

/** Counts Query ('Q') and Execute ('E') messages in one client's stream. */
function frontendCounter(onQuery: () => void): (chunk: Buffer) => void {
  let buffer: Buffer = Buffer.alloc(0);
  let startup = true;
  return (chunk) => {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    for (;;) {
      if (startup) {
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        const code = buffer.readInt32BE(4);
        buffer = buffer.subarray(length);
        // An SSL or GSS request is followed by the real startup message, also untyped.
        if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) startup = false;
        continue;
      }
      if (buffer.length < 5) return;
      const length = buffer.readInt32BE(1);
      if (buffer.length < 1 + length) return;
      const type = String.fromCharCode(buffer[0]!);
      if (type === 'Q' || type === 'E') onQuery();
      buffer = buffer.subarray(1 + length);
    }
  };
}

/** Starts a counting proxy on 127.0.0.1 for the server of `databaseUrl`. */
export async function startPgProxy(databaseUrl: string): Promise<PgProxy> {
  const upstream = new URL(databaseUrl);
  const host = upstream.hostname || '127.0.0.1';
  const port = Number(upstream.port || 5432);
  let count = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const db = createConnection({ host, port });
    sockets.add(client).add(db);
    const count$ = frontendCounter(() => count++);
    client.on('data', (chunk: Buffer) => {
      count$(chunk);
      if (!db.write(chunk)) client.pause();
    });
    db.on('drain', () => client.resume());
    db.on('data', (chunk: Buffer) => {
      if (!client.write(chunk)) db.pause();
    });
    client.on('drain', () => db.resume());
    const end = (): void => {
      client.destroy();
      db.destroy();
      sockets.delete(client);
      sockets.delete(db);
    };
    client.on('close', end).on('error', end);
    db.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
  const proxied = new URL(databaseUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String((server.address() as { port: number }).port);
  return {
    url: proxied.toString(),
    queries: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
