import { createReadStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { createDatabase, migrate, PostgresDocumentRepository, type MigrateDirection } from '@docs-api/adapter-postgres';
import { RedisDocumentCache } from '@docs-api/adapter-redis';
import { formatImportSummary, importCrawl } from '@docs-api/application';
import closeWithGrace from 'close-with-grace';
import { readSigningKeys, startAuthorizationServer, type AuthorizationServerOptions } from './auth/authorization-server.js';
import { PARENT_PID_ENV, stdinIsPipe, watchParent } from './parent-watch.js';
import { runEnqueueImport, runWorker } from './queue-commands.js';
import type { AppOptions } from './app.js';
import { metricsEnabledFromEnv } from './plugins/metrics.js';
import { startServer } from './server.js';
import type { Telemetry } from './telemetry.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export const USAGE = 'usage: docs-api migrate [latest|up|down] | docs-api import FILE | docs-api serve [--port N] [--host H] | docs-api auth-server [--port N] | docs-api enqueue-import FILE | docs-api worker';

/** A mistake in the command line: printed as one line with the usage, exit 2. */
export class UsageError extends Error {}

export type DocsApiCommand =
  | { readonly name: 'migrate'; readonly direction: MigrateDirection }
  | { readonly name: 'import'; readonly file: string }
  | { readonly name: 'serve'; readonly port?: number; readonly host?: string }
  | { readonly name: 'auth-server'; readonly port?: number }
  | { readonly name: 'enqueue-import'; readonly file: string }
  | { readonly name: 'worker' }
  | { readonly name: 'help' };

function port(value: string, from: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65_535) throw new UsageError(`${from} must be a port number (0–65535), got "${value}"`);
  return n;
}

/** Parses the command line; throws UsageError on anything it does not understand. */
export function parseDocsApiArgs(argv: readonly string[]): DocsApiCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { port: { type: 'string', short: 'p' }, host: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [name, ...rest] = positionals;
  if (values.help || name === 'help') return { name: 'help' };
  if (name === 'auth-server' && values.host !== undefined) throw new UsageError('auth-server listens on 127.0.0.1 only');
  if (name !== 'serve' && name !== 'auth-server' && (values.port !== undefined || values.host !== undefined)) throw new UsageError('--port and --host are options of serve');
  switch (name) {
    case 'migrate': {
      if (rest.length > 1) throw new UsageError('migrate takes one direction');
      const direction = rest[0] ?? 'latest';
      if (direction !== 'latest' && direction !== 'up' && direction !== 'down') {
        throw new UsageError(`migrate direction must be latest, up or down, got "${direction}"`);
      }
      return { name, direction };
    }
    case 'import':
      if (rest.length !== 1) throw new UsageError('import takes one NDJSON file');
      return { name, file: rest[0]! };
    case 'enqueue-import':
      if (rest.length !== 1) throw new UsageError('enqueue-import takes one NDJSON file');
      return { name, file: rest[0]! };
    case 'worker':
      if (rest.length > 0) throw new UsageError(`worker takes no arguments, got "${rest.join(' ')}"`);
      return { name };
    case 'serve':
      if (rest.length > 0) throw new UsageError(`serve takes no arguments, got "${rest.join(' ')}"`);
      return {
        name,
        ...(values.port === undefined ? {} : { port: port(values.port, '--port') }),
        ...(values.host === undefined ? {} : { host: values.host }),
      };
    case 'auth-server':
      if (rest.length > 0) throw new UsageError(`auth-server takes no arguments, got "${rest.join(' ')}"`);
      return { name, ...(values.port === undefined ? {} : { port: port(values.port, '--port') }) };
    case undefined:
      throw new UsageError('a command is required');
    default:
      throw new UsageError(`unknown command "${name}"`);
  }
}

/** What the CLI touches, injected so tests can run it in-process. */
export interface DocsApiIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stdin is a pipe (serve then closes once the parent holding it is gone). @default false */
  readonly stdinIsPipe?: boolean;
  /** The OpenTelemetry SDK bin/docs-api.js started for serve; shut down when the server closes. */
  readonly telemetry?: Pick<Telemetry, 'shutdown'>;
}

function requireDatabaseUrl(env: DocsApiIo['env']): string {
  const url = env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/docs)');
  return url;
}

/** CACHE_PREFIX and CACHE_CHANNEL, for several APIs (or tests) sharing one Redis. */
function cacheNames(env: DocsApiIo['env']): { keyPrefix?: string; channel?: string } {
  return {
    ...(env.CACHE_PREFIX ? { keyPrefix: env.CACHE_PREFIX } : {}),
    ...(env.CACHE_CHANNEL ? { channel: env.CACHE_CHANNEL } : {}),
  };
}

async function runMigrate(direction: MigrateDirection, io: DocsApiIo): Promise<void> {
  const db = createDatabase({ databaseUrl: requireDatabaseUrl(io.env), maxConnections: 1 });
  try {
    const results = await migrate(db, direction);
    if (results.length === 0) io.stderr.write('migrate: nothing to do\n');
    for (const r of results) io.stdout.write(`migrated ${r.direction.toLowerCase()}: ${r.migrationName}\n`);
  } finally {
    await db.destroy();
  }
}

async function runImport(file: string, io: DocsApiIo): Promise<void> {
  const db = createDatabase({ databaseUrl: requireDatabaseUrl(io.env), maxConnections: 2 });
  // With REDIS_URL, documents the import changed are invalidated like any other write.
  const cache = io.env.REDIS_URL
    ? new RedisDocumentCache({ redisUrl: io.env.REDIS_URL, ...cacheNames(io.env), logger: { info: () => {}, warn: () => {} } })
    : undefined;
  try {
    if (cache && !(await cache.waitUntilUp(2000))) io.stderr.write('docs-api: Redis unreachable; changed documents stay cached until their TTL\n');
    const input = createReadStream(file);
    const opened = new Promise<void>((resolve, reject) => {
      input.once('open', () => resolve());
      input.once('error', (error) => reject(new Error(`Cannot read "${file}": ${error.message}`, { cause: error })));
    });
    await opened;
    const summary = await importCrawl(createInterface({ input, crlfDelay: Infinity }), new PostgresDocumentRepository(db), {
      ...(cache ? { onChanges: async (changes) => void (await Promise.all(changes.map((c) => cache.invalidate(c)))) } : {}),
    });
    io.stdout.write(`${formatImportSummary(file, summary)}\n`);
    if (cache && cache.pendingInvalidations > 0) {
      io.stderr.write(`docs-api: ${cache.pendingInvalidations} changed documents not invalidated (Redis unreachable); they expire within the cache TTL\n`);
    }
  } finally {
    await cache?.close();
    await db.destroy();
  }
}

function positiveInteger(env: DocsApiIo['env'], name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return Number(value);
}

/**
 * AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URL: all three (access tokens required on writes) or none (writes
 * open, phase 2 behaviour). Some but not all is a mistake that would leave the API open unnoticed: exit 1.
 */
export function authFromEnv(env: DocsApiIo['env']): AppOptions['auth'] {
  const names = ['AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_JWKS_URL'] as const;
  const set = names.filter((n) => env[n]);
  if (set.length === 0) return undefined;
  if (set.length < names.length) throw new Error(`${names.filter((n) => !env[n]).join(' and ')} must be set with ${set.join(' and ')} (or none of them, for open writes)`);
  let jwksUrl: URL;
  try {
    jwksUrl = new URL(env.AUTH_JWKS_URL!);
  } catch (error) {
    throw new Error(`AUTH_JWKS_URL is not a URL: "${env.AUTH_JWKS_URL}"`, { cause: error });
  }
  const skew = env.AUTH_CLOCK_TOLERANCE_SECONDS;
  if (skew !== undefined && !/^\d+$/.test(skew)) throw new Error(`AUTH_CLOCK_TOLERANCE_SECONDS must be a number of seconds, got "${skew}"`);
  return { issuer: env.AUTH_ISSUER!, audience: env.AUTH_AUDIENCE!, jwksUrl, ...(skew === undefined ? {} : { clockToleranceSeconds: Number(skew) }) };
}

/** CORS_ORIGINS (comma-separated), RATE_LIMIT_MAX, RATE_LIMIT_WINDOW_MS and BODY_LIMIT_BYTES. */
export function hardeningFromEnv(env: DocsApiIo['env']): Pick<AppOptions, 'security' | 'bodyLimit'> {
  const origins = (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  const max = positiveInteger(env, 'RATE_LIMIT_MAX');
  const windowMs = positiveInteger(env, 'RATE_LIMIT_WINDOW_MS');
  const bodyLimit = positiveInteger(env, 'BODY_LIMIT_BYTES');
  return {
    security: { corsOrigins: origins, ...(max === undefined ? {} : { rateLimitMax: max }), ...(windowMs === undefined ? {} : { rateLimitWindowMs: windowMs }) },
    ...(bodyLimit === undefined ? {} : { bodyLimit }),
  };
}

async function runServe(command: { port?: number; host?: string }, io: DocsApiIo): Promise<void> {
  const databaseUrl = requireDatabaseUrl(io.env);
  const envPort = io.env.PORT;
  const auth = authFromEnv(io.env);
  await startServer({
    databaseUrl,
    ...(auth === undefined ? {} : { auth }),
    ...hardeningFromEnv(io.env),
    metrics: metricsEnabledFromEnv(io.env),
    ...(io.env.REDIS_URL ? { redisUrl: io.env.REDIS_URL } : {}),
    ...(io.env.CACHE_PREFIX ? { cacheKeyPrefix: io.env.CACHE_PREFIX } : {}),
    ...(io.env.CACHE_CHANNEL ? { cacheChannel: io.env.CACHE_CHANNEL } : {}),
    host: command.host ?? io.env.HOST ?? '127.0.0.1',
    port: command.port ?? (envPort ? port(envPort, 'PORT') : 3000),
    logLevel: io.env.LOG_LEVEL ?? 'info',
    stdout: io.stdout,
    stderr: io.stderr,
    ...(io.env[PARENT_PID_ENV] ? { parentPid: io.env[PARENT_PID_ENV] } : {}),
    stdinIsPipe: io.stdinIsPipe ?? false,
    ...(io.telemetry ? { telemetry: io.telemetry } : {}),
  });
}

/** The port auth-server listens on without --port. */
export const AUTH_SERVER_DEFAULT_PORT = 8787;

/**
 * auth-server's environment: AUTH_CLIENT_ID, AUTH_REDIRECT_URI, AUTH_AUDIENCE, AUTH_TEST_USER,
 * AUTH_TEST_PASSWORD, AUTH_COOKIE_KEYS (comma-separated) and AUTH_JWKS_FILE (a private JWKS); each unset one
 * takes its default (startAuthorizationServer).
 */
export async function authServerFromEnv(env: DocsApiIo['env']): Promise<Omit<AuthorizationServerOptions, 'port'>> {
  const redirectUri = env.AUTH_REDIRECT_URI;
  if (redirectUri && !URL.canParse(redirectUri)) throw new Error(`AUTH_REDIRECT_URI is not a URL: "${redirectUri}"`);
  const cookieKeys = (env.AUTH_COOKIE_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  return {
    ...(env.AUTH_CLIENT_ID ? { clientId: env.AUTH_CLIENT_ID } : {}),
    ...(redirectUri ? { redirectUri } : {}),
    ...(env.AUTH_AUDIENCE ? { audience: env.AUTH_AUDIENCE } : {}),
    ...(env.AUTH_TEST_USER ? { username: env.AUTH_TEST_USER } : {}),
    ...(env.AUTH_TEST_PASSWORD ? { password: env.AUTH_TEST_PASSWORD } : {}),
    ...(cookieKeys.length > 0 ? { cookieKeys } : {}),
    ...(env.AUTH_JWKS_FILE ? { signingKeys: await readSigningKeys(env.AUTH_JWKS_FILE) } : {}),
  };
}

async function runAuthServer(command: { port?: number }, io: DocsApiIo): Promise<void> {
  const server = await startAuthorizationServer({ ...(await authServerFromEnv(io.env)), port: command.port ?? AUTH_SERVER_DEFAULT_PORT });
  let stopWatching: (() => void) | undefined;
  const closer = closeWithGrace({ delay: 10_000, logger: { error: (message: unknown) => io.stderr.write(`docs-api: ${String(message)}\n`) } }, async ({ err }) => {
    stopWatching?.();
    if (err) io.stderr.write(`docs-api: closing after an unexpected error: ${err.message}\n`);
    await server.close();
  });
  stopWatching = watchParent({
    ...(io.env[PARENT_PID_ENV] ? { parentPid: io.env[PARENT_PID_ENV] } : {}),
    stdinIsPipe: io.stdinIsPipe ?? false,
    onGone: () => closer.close(),
  });
  io.stdout.write(`${JSON.stringify({ event: 'listening', url: server.issuer })}\n`);
}

/** Runs the CLI and returns its exit code (serve returns once listening; close-with-grace ends the process). */
export async function runDocsApi(argv: readonly string[], io: DocsApiIo): Promise<number> {
  let command: DocsApiCommand;
  try {
    command = parseDocsApiArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`docs-api: ${error.message}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  try {
    switch (command.name) {
      case 'help':
        io.stdout.write(`${USAGE}\n`);
        break;
      case 'migrate':
        await runMigrate(command.direction, io);
        break;
      case 'import':
        await runImport(command.file, io);
        break;
      case 'serve':
        await runServe(command, io);
        break;
      case 'auth-server':
        await runAuthServer(command, io);
        break;
      case 'enqueue-import':
        await runEnqueueImport(command.file, io);
        break;
      case 'worker':
        await runWorker(io);
        break;
    }
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`docs-api: ${error.message}\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`docs-api: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

/** The bin's entry: wires the process streams and environment (and the telemetry it preloaded), sets the exit code. */
export async function main(argv: readonly string[] = process.argv.slice(2), telemetry?: Pick<Telemetry, 'shutdown'>): Promise<void> {
  // A parent that died took the read end of our stderr pipe with it: a log line may then fail with EPIPE, and that
  // must not turn a graceful close into a crash.
  process.stderr.on('error', () => {});
  const code = await runDocsApi(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, stdinIsPipe: stdinIsPipe(), ...(telemetry ? { telemetry } : {}) });
  if (code !== EXIT_OK) process.exit(code);
}
