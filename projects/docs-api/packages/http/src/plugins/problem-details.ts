import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '@docs-api/adapter-postgres';
import { DomainError } from '@docs-api/domain';
import { HttpProblem, PROBLEM } from '../problem.js';
import { MAX_SLUG_LENGTH } from '../schemas.js';
import fp from 'fastify-plugin';

/** Seconds a client should wait before retrying while Postgres is unreachable. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * The longest request URL a problem repeats (as `instance`, or in a 404's detail). A longer one is left out: an
 * error must not hand a client back kilobytes of its own input.
 */
export const MAX_ECHOED_URL = 512;

/** The longest framework error message passed on as a detail; longer ones may quote the input, so they are not. */
const MAX_PASSED_MESSAGE = 200;

const CONFLICTS: Readonly<Record<string, string>> = {
  documents_url_key: 'a document with this url already exists',
  documents_slug_key: 'a document with this slug already exists',
};

/** The problem document for a request, with `instance` only when the URL is short enough to repeat. */
function problemBody(problem: HttpProblem, url: string | undefined): Record<string, unknown> {
  return {
    type: problem.type,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    ...(url !== undefined && url.length <= MAX_ECHOED_URL ? { instance: url } : {}),
    ...problem.extensions,
  };
}

function send(reply: FastifyReply, request: FastifyRequest, problem: HttpProblem): FastifyReply {
  for (const [name, value] of Object.entries(problem.headers)) reply.header(name, value);
  return reply.code(problem.status).type('application/problem+json').send(problemBody(problem, request.url));
}

/** Fastify's own request errors whose message quotes the URL or a header: a detail of our own instead. */
const FRAMEWORK_DETAILS: Readonly<Record<string, string>> = {
  FST_ERR_BAD_URL: 'the URL is malformed (a bad percent-encoding); encode it with encodeURIComponent',
  FST_ERR_MAX_PARAM_LENGTH: `a path parameter of the URL is over ${MAX_SLUG_LENGTH} characters`,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'the request body must be application/json',
};

/** Turns any error into the problem a client should see; unexpected ones become a 500 without internals. */
export function toProblem(error: FastifyError | Error): HttpProblem {
  if (error instanceof HttpProblem) return error;
  // The schemas refuse most bad input first; what only the domain knows (its invariants) is a 400 all the same.
  if (error instanceof DomainError) return new HttpProblem(400, PROBLEM.validation, error.message, { errors: [{ path: '/', message: error.message }] });
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    return new HttpProblem(400, PROBLEM.validation, error.message, {
      errors: fastifyError.validation.map((v) => ({ path: v.instancePath || '/', message: v.message ?? 'invalid' })),
    });
  }
  if (isDatabaseUnavailable(error)) {
    return new HttpProblem(503, PROBLEM.databaseUnavailable, 'the database is unreachable; try again shortly', {}, {
      'retry-after': String(RETRY_AFTER_SECONDS),
    });
  }
  const pgError = error as { code?: string; constraint?: string };
  if (pgError.code === '23505') {
    return new HttpProblem(409, PROBLEM.conflict, CONFLICTS[pgError.constraint ?? ''] ?? 'the document conflicts with an existing one');
  }
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new HttpProblem(413, PROBLEM.payloadTooLarge, 'the request body is over the size limit');
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const known = FRAMEWORK_DETAILS[fastifyError.code];
    const detail = known ?? (error.message.length <= MAX_PASSED_MESSAGE ? error.message : (STATUS_CODES[status] ?? 'the request was rejected'));
    return new HttpProblem(status, 'about:blank', detail);
  }
  return new HttpProblem(500, PROBLEM.internal, 'an unexpected error occurred');
}

/**
 * Fastify's `frameworkErrors`: what the router rejects before any route or hook runs (a malformed
 * percent-encoding, a path parameter over `maxParamLength`), answered as problem+json like every other error
 * instead of fastify's default JSON, which quotes the whole URL back.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const problem = toProblem(error);
  request.log.info({ status: problem.status, code: error.code }, 'request rejected by the router');
  void send(reply, request, problem);
}

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refuses (headers or URL over the 16 KiB limit,
 * bad framing, a request timeout) never reaches the app; it still gets a problem+json answer, without quoting
 * anything, and the connection is closed as Node does.
 */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'the request line and headers are over the 16 KiB limit']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'the request did not arrive in time']
        : [400, 'the request is not valid HTTP'];
  const body = JSON.stringify(problemBody(new HttpProblem(status, 'about:blank', detail), undefined));
  this.log.debug({ err: error }, 'client error');
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** Errors and unknown routes as RFC 9457 problem+json, for every route of the app. */
export const problemDetailsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status: problem.status, detail: problem.detail }, 'request rejected');
    return send(reply, request, problem);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const what = path.length <= MAX_ECHOED_URL ? path : `a path of ${path.length} characters`;
    return send(reply, request, new HttpProblem(404, PROBLEM.notFound, `no route for ${request.method} ${what}`));
  });
}, { name: 'problem-details' });
