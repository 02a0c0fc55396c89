import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../postgres.js';
import { HttpProblem, PROBLEM } from '../problem.js';
import fp from 'fastify-plugin';

/** Seconds a client should wait before retrying while Postgres is unreachable. */
export const RETRY_AFTER_SECONDS = 2;

const CONFLICTS: Readonly<Record<string, string>> = {
  documents_url_key: 'a document with this url already exists',
  documents_slug_key: 'a document with this slug already exists',
};

function send(reply: FastifyReply, request: FastifyRequest, problem: HttpProblem): FastifyReply {
  for (const [name, value] of Object.entries(problem.headers)) reply.header(name, value);
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .send({
      type: problem.type,
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
      instance: request.url,
      ...problem.extensions,
    });
}

/** Turns any error into the problem a client should see; unexpected ones become a 500 without internals. */
export function toProblem(error: FastifyError | Error): HttpProblem {
  if (error instanceof HttpProblem) return error;
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
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpProblem(status, 'about:blank', error.message);
  }
  return new HttpProblem(500, PROBLEM.internal, 'an unexpected error occurred');
}

/** Errors and unknown routes as RFC 9457 problem+json, for every route of the app. */
export const problemDetailsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status: problem.status, detail: problem.detail }, 'request rejected');
    return send(reply, request, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    send(reply, request, new HttpProblem(404, PROBLEM.notFound, `no route for ${request.method} ${request.url.split('?')[0]}`)),
  );
}, { name: 'problem-details' });
