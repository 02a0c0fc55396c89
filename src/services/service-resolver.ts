/**
 * Resolves the Postgres and Redis a project needs, in DESIGN.md's order: a URL from the environment → Docker via
 * testcontainers → local binaries started as private instances on free ports in a temp folder → (Postgres only)
 * PGlite served over the Postgres protocol by pglite-socket. Everything started is stopped by `stop()`, and by
 * the runner's exit hooks (processes) or testcontainers' reaper (containers) if roadmap dies first.
 */
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Deps } from '../deps.js';
import { RoadmapError } from '../errors.js';
import type { RunningProcess } from '../system/runner.js';
import { runningAsRoot, systemUser } from '../system/runtime.js';

export type ServiceName = 'postgres' | 'redis';
export type ServiceSource = 'env' | 'docker' | 'local' | 'embedded';
const SOURCES: readonly ServiceSource[] = ['env', 'docker', 'local', 'embedded'];

export interface ResolvedService {
  readonly name: ServiceName;
  readonly url: string;
  readonly source: ServiceSource;
  /** For people: "REDIS_URL", "redis-server 7.0.15 on port 40123", "PGlite 0.5 over pglite-socket". */
  readonly detail: string;
  stop(): Promise<void>;
}

/** What resolving would choose, without starting anything: `roadmap doctor` shows it. */
export interface ServiceChoice {
  readonly name: ServiceName;
  readonly source: ServiceSource | null;
  readonly detail: string;
  /** Why each earlier source was passed over, in order. */
  readonly passedOver: readonly string[];
}

export interface ResolveOptions {
  /** Only these sources, in this order (tests pin one; default: all, in DESIGN's order). */
  readonly sources?: readonly ServiceSource[];
  /** How long a started service gets to accept connections. @default 30000 */
  readonly readyTimeoutMs?: number;
}

const ENV_VAR: Record<ServiceName, string> = { postgres: 'DATABASE_URL', redis: 'REDIS_URL' };
const HOW_TO_GET: Record<ServiceName, string> = {
  postgres: 'set DATABASE_URL, start Docker, or install PostgreSQL (apt install postgresql / brew install postgresql)',
  redis: 'set REDIS_URL, start Docker, or install Redis (apt install redis-server / brew install redis)',
};

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

/** Resolves when host:port accepts a TCP connection; false after `timeoutMs`. */
export async function waitForPort(host: string, port: number, timeoutMs: number): Promise<boolean> {
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
    if (performance.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Looks a program up on PATH, and for Postgres also in Debian's versioned folders (/usr/lib/postgresql/N/bin). */
export function findBinary(deps: Deps, name: string): string | null {
  const dirs = (deps.env.PATH ?? '').split(delimiter).filter(Boolean);
  if (existsSync('/usr/lib/postgresql')) {
    for (const v of readdirSync('/usr/lib/postgresql').sort().reverse()) dirs.push(`/usr/lib/postgresql/${v}/bin`);
  }
  for (const dir of dirs) if (existsSync(join(dir, name))) return join(dir, name);
  return null;
}

export interface DockerEngine {
  readonly ok: boolean;
  /** The engine's version when it runs. */
  readonly version: string | null;
  readonly why: string;
}

/** Whether a Docker engine answers (`docker info`), probed once per caller and shared (doctor asks for it three ways). */
export async function dockerEngine(deps: Deps): Promise<DockerEngine> {
  const r = await deps.runner.run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 5_000 });
  if (r.notFound) return { ok: false, version: null, why: 'Docker: docker is not installed' };
  if (!r.ok || !r.stdout.trim()) return { ok: false, version: null, why: 'Docker: the docker engine is not running (docker info failed)' };
  return { ok: true, version: r.stdout.trim(), why: `Docker ${r.stdout.trim()}` };
}

function parseHostPort(url: string, defaultPort: number): { host: string; port: number } | null {
  try {
    const u = new URL(url);
    return { host: u.hostname || '127.0.0.1', port: Number(u.port || defaultPort) };
  } catch {
    return null;
  }
}

const DEFAULT_PORT: Record<ServiceName, number> = { postgres: 5432, redis: 6379 };

async function fromEnv(deps: Deps, name: ServiceName): Promise<ResolvedService | string> {
  const variable = ENV_VAR[name];
  const url = deps.env[variable];
  if (!url) return `${variable} is not set`;
  const at = parseHostPort(url, DEFAULT_PORT[name]);
  if (!at) throw new RoadmapError(`${variable}=${url} is not a URL: expected e.g. ${name === 'postgres' ? 'postgres://user@127.0.0.1:5432/db' : 'redis://127.0.0.1:6379'}`);
  if (!(await waitForPort(at.host, at.port, 2_000))) {
    throw new RoadmapError(`${variable} points at ${at.host}:${at.port}, which is not accepting connections: start it, or unset ${variable} to let roadmap start one`);
  }
  return { name, url, source: 'env', detail: variable, stop: async () => {} };
}

async function fromDocker(deps: Deps, name: ServiceName): Promise<ResolvedService | string> {
  const docker = await dockerEngine(deps);
  if (!docker.ok) return docker.why;
  if (name === 'postgres') {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    // pgvector's image: Postgres with the vector extension, which phase 7 needs.
    const container = await new PostgreSqlContainer('pgvector/pgvector:pg17').start();
    return { name, url: container.getConnectionUri(), source: 'docker', detail: `testcontainers pgvector/pgvector:pg17 (${docker.why})`, stop: async () => void (await container.stop()) };
  }
  const { RedisContainer } = await import('@testcontainers/redis');
  const container = await new RedisContainer('redis:7-alpine').start();
  return { name, url: container.getConnectionUrl(), source: 'docker', detail: `testcontainers redis:7-alpine (${docker.why})`, stop: async () => void (await container.stop()) };
}

/** Postgres refuses to run as root: when roadmap runs as root (CI, containers), the private instance runs as `postgres`. */
function asPostgresUser(deps: Deps, dir: string): string[] {
  if (!runningAsRoot()) return [];
  const runuser = findBinary(deps, 'runuser');
  const user = systemUser('postgres');
  if (!runuser || !user) throw new RoadmapError('running as root, and there is no postgres user (or no runuser) to start a private Postgres as');
  chownSync(dir, user.uid, user.gid);
  return [runuser, '-u', 'postgres', '--'];
}

async function stopped(p: RunningProcess, dir: string): Promise<void> {
  await p.stop();
  rmSync(dir, { recursive: true, force: true });
}

async function fromLocal(deps: Deps, name: ServiceName, readyTimeoutMs: number): Promise<ResolvedService | string> {
  const dir = mkdtempSync(join(tmpdir(), `roadmap-${name}-`));
  const port = await freePort();
  if (name === 'redis') {
    const bin = findBinary(deps, 'redis-server');
    if (!bin) return (rmSync(dir, { recursive: true, force: true }), 'local: redis-server is not installed');
    const p = deps.runner.start(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { logFile: join(dir, 'redis.log') });
    if (!(await waitForPort('127.0.0.1', port, readyTimeoutMs))) {
      await stopped(p, dir);
      throw new RoadmapError(`a private redis-server did not start on port ${port} within ${readyTimeoutMs / 1000} s`);
    }
    return { name, url: `redis://127.0.0.1:${port}`, source: 'local', detail: `private redis-server on port ${port}`, stop: () => stopped(p, dir) };
  }
  const initdb = findBinary(deps, 'initdb');
  const postgres = findBinary(deps, 'postgres');
  if (!initdb || !postgres) return (rmSync(dir, { recursive: true, force: true }), 'local: initdb/postgres are not installed');
  const prefix = asPostgresUser(deps, dir);
  const data = join(dir, 'data');
  const [run, ...runArgs] = [...prefix, initdb];
  const init = await deps.runner.run(run!, [...runArgs, '-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], { timeoutMs: 60_000 });
  if (!init.ok) {
    rmSync(dir, { recursive: true, force: true });
    throw new RoadmapError(`initdb failed for a private Postgres: ${(init.stderr.trim().split('\n').at(-1) ?? '').slice(0, 200)}`);
  }
  const [pgRun, ...pgArgs] = [...prefix, postgres];
  // In the foreground, in roadmap's process group: stopped with it, never left running as a daemon.
  const p = deps.runner.start(pgRun!, [...pgArgs, '-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'], { logFile: join(dir, 'postgres.log') });
  if (!(await waitForPort('127.0.0.1', port, readyTimeoutMs))) {
    await stopped(p, dir);
    throw new RoadmapError(`a private Postgres did not start on port ${port} within ${readyTimeoutMs / 1000} s`);
  }
  return { name, url: `postgres://postgres@127.0.0.1:${port}/postgres`, source: 'local', detail: `private Postgres (${postgres}) on port ${port}`, stop: () => stopped(p, dir) };
}

async function fromEmbedded(name: ServiceName): Promise<ResolvedService | string> {
  if (name !== 'postgres') return 'embedded: there is no embedded Redis';
  const [{ PGlite }, { vector }, { PGLiteSocketServer }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-pgvector'),
    import('@electric-sql/pglite-socket'),
  ]);
  const db = await PGlite.create({ extensions: { vector } });
  const port = await freePort();
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1' });
  await server.start();
  return {
    name,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    source: 'embedded',
    detail: `PGlite (in memory, with pgvector) over pglite-socket on port ${port}; one connection at a time`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}

/**
 * The service to use, starting one if needed. Sources are tried in order; a source that does not apply says
 * why and the next is tried; when none applies, one line says how to get the service.
 */
export async function resolveService(deps: Deps, name: ServiceName, options: ResolveOptions = {}): Promise<ResolvedService> {
  const passedOver: string[] = [];
  for (const source of options.sources ?? SOURCES) {
    const r =
      source === 'env' ? await fromEnv(deps, name)
      : source === 'docker' ? await fromDocker(deps, name)
      : source === 'local' ? await fromLocal(deps, name, options.readyTimeoutMs ?? 30_000)
      : await fromEmbedded(name);
    if (typeof r !== 'string') return r;
    passedOver.push(r);
  }
  throw new RoadmapError(`No ${name === 'postgres' ? 'Postgres' : 'Redis'} available (${passedOver.join('; ')}): ${HOW_TO_GET[name]}.`);
}

/** What `resolveService` would pick, probing without starting anything. */
export async function chooseService(deps: Deps, name: ServiceName, engine?: DockerEngine): Promise<ServiceChoice> {
  const passedOver: string[] = [];
  const variable = ENV_VAR[name];
  if (deps.env[variable]) return { name, source: 'env', detail: `${variable}=${deps.env[variable]}`, passedOver };
  passedOver.push(`${variable} is not set`);
  const docker = engine ?? (await dockerEngine(deps));
  if (docker.ok) return { name, source: 'docker', detail: `testcontainers on ${docker.why}`, passedOver };
  passedOver.push(docker.why);
  const local = name === 'redis' ? findBinary(deps, 'redis-server') : findBinary(deps, 'initdb') && findBinary(deps, 'postgres');
  if (local) return { name, source: 'local', detail: `a private ${name === 'redis' ? 'redis-server' : 'Postgres'} from ${local}`, passedOver };
  passedOver.push(`local: ${name === 'redis' ? 'redis-server' : 'initdb/postgres'} not installed`);
  if (name === 'postgres') return { name, source: 'embedded', detail: 'PGlite over pglite-socket (in memory)', passedOver };
  return { name, source: null, detail: HOW_TO_GET[name], passedOver };
}
