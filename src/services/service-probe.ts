/**
 * Does a URL really lead to the service? A TCP connect is not enough: DATABASE_URL pointed at Redis's port, or at
 * a listener that never answers, would make the first query hang. Each probe speaks the protocol's opening (a
 * Postgres login, a Redis PING) within a timeout and says in a few words what went wrong.
 */
import { connect as connectTcp } from 'node:net';
import { connect as connectTls } from 'node:tls';

export type ProbeFailure =
  | { readonly kind: 'refused' | 'unreachable' | 'timeout' | 'not-it'; readonly reason: string }
  /** It is the service, and it said no (a password, a database that does not exist). */
  | { readonly kind: 'login'; readonly reason: string };

const NETWORK = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

function failureOf(error: unknown, timedOut: boolean): ProbeFailure {
  const e = error as NodeJS.ErrnoException & { severity?: string };
  if (timedOut) return { kind: 'timeout', reason: 'no answer' };
  if (e?.code === 'ECONNREFUSED') return { kind: 'refused', reason: 'connection refused' };
  if (e?.code && NETWORK.has(e.code)) return { kind: 'unreachable', reason: `${e.code}` };
  return { kind: 'not-it', reason: (e?.message ?? String(error)).split('\n')[0]!.slice(0, 160) };
}

/** Logs in to the Postgres at `url` and runs `select 1`; null when that worked. */
export async function probePostgres(url: string, timeoutMs: number): Promise<ProbeFailure | null> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // A server that is not Postgres can also end the socket later: that must not become an uncaught 'error'.
  client.on('error', () => {});
  let timedOut = false;
  // pg's own timeout covers the login; this one covers a server that logs in and then never answers the query.
  const timer = setTimeout(() => {
    timedOut = true;
    void client.end().catch(() => {});
  }, timeoutMs + 1_000);
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    const e = error as Error & { severity?: string };
    if (e?.severity) return { kind: 'login', reason: e.message };
    return failureOf(error, timedOut || e?.message === 'timeout expired' || /timeout/i.test(e?.message ?? ''));
  } finally {
    clearTimeout(timer);
    await client.end().catch(() => {});
  }
}

const resp = (...parts: string[]): string => `*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join('')}`;

/** Sends PING (after AUTH when the URL has a password) to the Redis at `url`; null when it answered PONG. */
export async function probeRedis(url: string, timeoutMs: number): Promise<ProbeFailure | null> {
  const u = new URL(url);
  const host = u.hostname || '127.0.0.1';
  const port = Number(u.port || 6379);
  const password = decodeURIComponent(u.password);
  const user = decodeURIComponent(u.username);
  const hello = (password ? resp('AUTH', ...(user ? [user] : []), password) : '') + resp('PING');
  return new Promise((resolve) => {
    const socket = u.protocol === 'rediss:' ? connectTls({ host, port, servername: host }) : connectTcp({ host, port });
    let answer = '';
    let settled = false;
    const done = (result: ProbeFailure | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done({ kind: 'timeout', reason: 'no answer' }), timeoutMs);
    socket.once(u.protocol === 'rediss:' ? 'secureConnect' : 'connect', () => socket.write(hello));
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      const lines = answer.split('\r\n');
      // Every reply to AUTH and PING is one line: +OK, +PONG, or -ERR/-NOAUTH/-WRONGPASS ...
      for (const line of lines.slice(0, -1)) {
        if (line === '+PONG') return done(null);
        if (line.startsWith('-')) return done({ kind: /NOAUTH|WRONGPASS|invalid password|AUTH/i.test(line) ? 'login' : 'not-it', reason: line.slice(1, 160) });
        if (line !== '+OK') return done({ kind: 'not-it', reason: `it answered ${JSON.stringify(line.slice(0, 40))}` });
      }
      if (answer.length > 512) done({ kind: 'not-it', reason: 'it answered something else' });
    });
    socket.once('end', () => done({ kind: 'not-it', reason: 'it closed the connection' }));
    socket.once('error', (error) => done(failureOf(error, false)));
  });
}
