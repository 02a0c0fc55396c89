import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { DocumentService } from '@docs-api/application';
import { JoseAccessTokenVerifier, type JoseAccessTokenVerifierOptions } from './auth/jose-access-token-verifier.js';
import { logEventPublisher, systemClock } from './event-log.js';
import { cachePlugin } from './plugins/cache.js';
import { metricsPlugin } from './plugins/metrics.js';
import { authPlugin } from './plugins/auth.js';
import { postgresPlugin } from './plugins/postgres.js';
import { securityPlugin, type SecurityPluginOptions } from './plugins/security.js';
import { nulGuardPlugin } from './plugins/nul-guard.js';
import { clientErrorHandler, frameworkErrorHandler, problemDetailsPlugin } from './plugins/problem-details.js';
import { documentRoutes } from './routes/documents.js';
import { healthRoutes } from './routes/health.js';
import { searchRoutes } from './routes/search.js';
import { MAX_SLUG_LENGTH } from './schemas.js';
import { traceUseCases } from './traced-use-cases.js';

declare module 'fastify' {
  interface FastifyInstance {
    documents: DocumentService;
  }
}

export type DocsApi = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

/** fastify's own default, said out loud: a document with its body and links fits many times over. */
export const DEFAULT_BODY_LIMIT = 1_048_576;

export interface AppOptions {
  readonly databaseUrl: string;
  /** Without it the API serves uncached (and says so in /health). */
  readonly redisUrl?: string;
  /** Redis key prefix. @default 'docs-api:' */
  readonly cacheKeyPrefix?: string;
  /** Redis pub/sub channel for invalidations. @default 'docs-api:invalidate' */
  readonly cacheChannel?: string;
  /** Redis entry lifetime. @default 300 */
  readonly cacheTtlSeconds?: number;
  /** In-process entry lifetime. @default 2000 */
  readonly localCacheTtlMs?: number;
  /** Pool size. @default 10 */
  readonly maxConnections?: number;
  /**
   * Access tokens on writes (issuer, audience, JWKS URL). Without it writes are open, as in phase 2, and the log
   * says so once at start.
   */
  readonly auth?: JoseAccessTokenVerifierOptions;
  /** Origins, rate limit: see SecurityPluginOptions. */
  readonly security?: SecurityPluginOptions;
  /** The largest request body accepted, in bytes; a bigger one is a 413. @default 1048576 */
  readonly bodyLimit?: number;
  /** Prometheus metrics on GET /metrics (plugins/metrics.ts). @default true */
  readonly metrics?: boolean;
  /** fastify's logger option. @default false */
  readonly logger?: FastifyServerOptions['logger'];
}

/**
 * Builds the API (never listens): security headers, rate limit and CORS, access tokens on writes, the Postgres
 * and cache plugins, problem+json errors and the routes. Tests call
 * `app.inject` on it; `server.ts` adds the logger, listen and graceful close.
 */
export async function buildApp(options: AppOptions): Promise<DocsApi> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Every slug the API accepts can be read back by slug (fastify's default is 100 characters).
    routerOptions: { maxParamLength: MAX_SLUG_LENGTH },
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // What the router and Node's HTTP parser reject is problem+json too, like every other error.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();
  await app.register(problemDetailsPlugin);
  await app.register(securityPlugin, options.security ?? {});
  await app.register(nulGuardPlugin);
  await app.register(authPlugin, options.auth === undefined ? {} : { verifier: new JoseAccessTokenVerifier(options.auth) });
  await app.register(postgresPlugin, {
    databaseUrl: options.databaseUrl,
    ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }),
  });
  await app.register(cachePlugin, {
    ...(options.redisUrl === undefined ? {} : { redisUrl: options.redisUrl }),
    ...(options.cacheKeyPrefix === undefined ? {} : { keyPrefix: options.cacheKeyPrefix }),
    ...(options.cacheChannel === undefined ? {} : { channel: options.cacheChannel }),
    ...(options.cacheTtlSeconds === undefined ? {} : { ttlSeconds: options.cacheTtlSeconds }),
    ...(options.localCacheTtlMs === undefined ? {} : { localTtlMs: options.localCacheTtlMs }),
  });
  await app.register(metricsPlugin, { enabled: options.metrics ?? true });
  // The composition root: the only place adapters meet the ports they implement.
  // Each use case in a span (`DocumentService.getById`…), a no-op without an OpenTelemetry SDK.
  app.decorate('documents', traceUseCases(new DocumentService({ repository: app.repository, cache: app.cache, events: logEventPublisher(app.log), clock: systemClock }), 'DocumentService'));
  await app.register(documentRoutes);
  await app.register(searchRoutes);
  await app.register(healthRoutes);
  return app;
}
