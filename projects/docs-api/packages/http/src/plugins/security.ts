import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem, PROBLEM } from '../problem.js';

/**
 * Requests one client (by IP) may make in a window. Sized so that one client's 10-connection load on loopback
 * (`roadmap verify phase-2` reaches ~45,000 req/s here for 5 s) is not throttled; a deployment sets its own.
 */
export const DEFAULT_RATE_LIMIT_MAX = 1_000_000;
export const DEFAULT_RATE_LIMIT_WINDOW_MS = 60_000;

export interface SecurityPluginOptions {
  /** Origins a browser may call the API from (exact, e.g. `https://app.example`). @default [] (no CORS) */
  readonly corsOrigins?: readonly string[];
  /** Requests per client per window. @default DEFAULT_RATE_LIMIT_MAX */
  readonly rateLimitMax?: number;
  /** @default DEFAULT_RATE_LIMIT_WINDOW_MS */
  readonly rateLimitWindowMs?: number;
}

/**
 * The hardening every route gets: helmet's security headers (a JSON API serves no HTML, so its CSP allows
 * nothing), a per-client rate limit answering 429 problem+json with `Retry-After`, and CORS only for the
 * configured origins (none by default: no `Access-Control-Allow-*` header is ever sent).
 */
export const securityPlugin = fp(async (app: FastifyInstance, options: SecurityPluginOptions) => {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] } },
  });
  const origins = options.corsOrigins ?? [];
  if (origins.length > 0) {
    await app.register(cors, {
      origin: [...origins],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type'],
      exposedHeaders: ['location', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
      maxAge: 600,
    });
  }
  await app.register(rateLimit, {
    global: true,
    max: options.rateLimitMax ?? DEFAULT_RATE_LIMIT_MAX,
    timeWindow: options.rateLimitWindowMs ?? DEFAULT_RATE_LIMIT_WINDOW_MS,
    // Thrown into the app's error handler, so the 429 is problem+json like every other error (Retry-After is
    // already on the reply).
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(context.statusCode, PROBLEM.rateLimited, `too many requests; retry in ${context.after}`),
  });
}, { name: 'security' });
