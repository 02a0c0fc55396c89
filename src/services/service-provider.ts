import type { Deps } from '../deps.js';

export type ServiceName = 'postgres' | 'redis';
export type ServiceSource = 'env' | 'docker' | 'local' | 'embedded';

export interface ResolvedService {
  readonly name: ServiceName;
  readonly url: string;
  readonly source: ServiceSource;
  /** For people: "REDIS_URL", "redis-server 7.0.15 on port 40123", "PGlite 0.5 over pglite-socket". */
  readonly detail: string;
  /** Stops what was started (nothing for a URL from the environment); also run by the lifecycle on Ctrl-C. */
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

export interface ProviderOptions {
  /** How long a started service gets to accept connections. */
  readonly readyTimeoutMs: number;
  /** How long a service named by a URL gets to answer the protocol's handshake. */
  readonly connectTimeoutMs: number;
}

export interface DockerEngine {
  readonly ok: boolean;
  /** The engine's version when it runs. */
  readonly version: string | null;
  readonly why: string;
}

/** Shared by the providers while doctor probes: one `docker info` for everything. */
export interface Probes {
  readonly docker: Promise<DockerEngine>;
}

/**
 * One way to get one service (the registry in service-resolver.ts lists them in DESIGN's order). `resolve` and
 * `choose` return a string to say why this source does not apply, and the next one is tried; they throw (one
 * line, a RoadmapError) when the source applies but is broken in a way the learner must fix.
 */
export interface ServiceProvider {
  readonly source: ServiceSource;
  resolve(deps: Deps, options: ProviderOptions): Promise<ResolvedService | string>;
  /** What `resolve` would do, probing without starting anything: a detail for doctor, or why it does not apply. */
  choose(deps: Deps, probes: Probes, options: ProviderOptions): Promise<{ readonly detail: string } | string>;
}
