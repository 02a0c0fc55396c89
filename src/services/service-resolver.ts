/**
 * Resolves the Postgres and Redis a project needs, in DESIGN.md's order, from a registry of providers (one file per
 * source): a URL from the environment → Docker via testcontainers → a private instance of the local binaries on a
 * free port in a temp folder → (Postgres only) PGlite served over the Postgres protocol by pglite-socket. A source
 * that does not apply says why and the next is tried. Everything started registers its stop with the lifecycle
 * (Ctrl-C, SIGTERM, a crash), and a private instance also outlives no SIGKILL of roadmap (src/services/README.md).
 */
import type { Deps } from '../deps.js';
import { RoadmapError } from '../errors.js';
import { reapOrphansOnce, type Reaped } from '../system/reaper.js';
import { dockerContainer, dockerEngine, type DockerEngine } from './docker.js';
import { envUrl } from './env-url.js';
import { localPostgres } from './local-postgres.js';
import { localRedis } from './local-redis.js';
import { embeddedPostgres, noEmbeddedRedis } from './pglite.js';
import type { ProviderOptions, ResolvedService, ServiceChoice, ServiceName, ServiceProvider, ServiceSource } from './service-provider.js';

export { findBinary } from './binaries.js';
export { dockerEngine, type DockerEngine } from './docker.js';
export { freePort, waitForPort } from './ports.js';
export type { ResolvedService, ServiceChoice, ServiceName, ServiceSource } from './service-provider.js';

/** The registry: for each service, its providers in the order they are tried. */
const PROVIDERS: Record<ServiceName, readonly ServiceProvider[]> = {
  postgres: [envUrl('postgres'), dockerContainer('postgres'), localPostgres, embeddedPostgres],
  redis: [envUrl('redis'), dockerContainer('redis'), localRedis, noEmbeddedRedis],
};

export interface ResolveOptions {
  /** Only these sources, in this order (tests pin one; default: all, in DESIGN's order). */
  readonly sources?: readonly ServiceSource[];
  /** How long a started service gets to accept connections. @default 30000 */
  readonly readyTimeoutMs?: number;
  /** How long a URL from the environment gets to answer as the service (a login, a PING). @default 5000 */
  readonly connectTimeoutMs?: number;
}

const HOW_TO_GET: Record<ServiceName, string> = {
  postgres: 'set DATABASE_URL, start Docker, or install PostgreSQL (apt install postgresql / brew install postgresql)',
  redis: 'set REDIS_URL, start Docker, or install Redis (apt install redis-server / brew install redis)',
};

function providersFor(name: ServiceName, sources: readonly ServiceSource[] | undefined): ServiceProvider[] {
  const all = PROVIDERS[name];
  return sources ? sources.flatMap((s) => all.filter((p) => p.source === s)) : [...all];
}

function providerOptions(options: ResolveOptions): ProviderOptions {
  return { readyTimeoutMs: options.readyTimeoutMs ?? 30_000, connectTimeoutMs: options.connectTimeoutMs ?? 5_000 };
}

/**
 * The service to use, starting one if needed. Sources are tried in order; a source that does not apply says
 * why and the next is tried; when none applies, one line says how to get the service. First, what a roadmap
 * killed with SIGKILL left behind is reaped (one readdir when there is nothing).
 */
export async function resolveService(deps: Deps, name: ServiceName, options: ResolveOptions = {}): Promise<ResolvedService> {
  await reapOrphansOnce();
  const passedOver: string[] = [];
  for (const provider of providersFor(name, options.sources)) {
    const r = await provider.resolve(deps, providerOptions(options));
    if (typeof r !== 'string') return r;
    passedOver.push(r);
  }
  throw new RoadmapError(`No ${name === 'postgres' ? 'Postgres' : 'Redis'} available (${passedOver.join('; ')}): ${HOW_TO_GET[name]}.`);
}

/** What `resolveService` would pick, probing without starting anything (a URL is checked the same way). */
export async function chooseService(deps: Deps, name: ServiceName, engine?: DockerEngine, options: ResolveOptions = {}): Promise<ServiceChoice> {
  const passedOver: string[] = [];
  const probes = { docker: engine ? Promise.resolve(engine) : dockerEngine(deps) };
  for (const provider of providersFor(name, options.sources)) {
    let r: { readonly detail: string } | string;
    try {
      r = await provider.choose(deps, probes, providerOptions(options));
    } catch (error) {
      // The source applies but is broken (a URL that does not answer): resolving would stop here, with this line.
      if (error instanceof RoadmapError) return { name, source: null, detail: error.message, passedOver };
      throw error;
    }
    if (typeof r !== 'string') return { name, source: provider.source, detail: r.detail, passedOver };
    passedOver.push(r);
  }
  return { name, source: null, detail: HOW_TO_GET[name], passedOver };
}

/**
 * Doctor's view of the services: what each would get, after reaping what a killed roadmap left behind (the
 * private servers, their folders and pid files), which it lists.
 */
export async function describeServices(deps: Deps, engine?: DockerEngine): Promise<{ readonly choices: readonly ServiceChoice[]; readonly reaped: readonly Reaped[] }> {
  const reaped = await reapOrphansOnce();
  const docker = engine ?? (await dockerEngine(deps));
  const choices = await Promise.all([chooseService(deps, 'postgres', docker), chooseService(deps, 'redis', docker)]);
  return { choices, reaped };
}
