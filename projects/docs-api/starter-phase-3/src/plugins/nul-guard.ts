import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem, PROBLEM } from '../problem.js';

/** At most this many offending fields are listed in one problem. */
const MAX_LISTED = 10;

/** JSON-pointer paths (RFC 6901) of the strings under `value` that hold a NUL, at most `MAX_LISTED`. */
export function nulPaths(value: unknown, path = '', found: string[] = []): string[] {
  if (found.length >= MAX_LISTED) return found;
  if (typeof value === 'string') {
    if (value.includes('\0')) found.push(path || '/');
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => nulPaths(item, `${path}/${i}`, found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) nulPaths(item, `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, found);
  }
  return found;
}

/**
 * Rejects a NUL (U+0000) in any text a request carries (path parameters, query, body) with a 400 validation
 * problem naming the field, before a handler passes it to Postgres, whose `text` and `jsonb` cannot hold it and
 * would answer with an error (a 500 here). Runs after schema validation, so it sees the typed values.
 */
export const nulGuardPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preHandler', async (request) => {
    const errors = (
      [
        ['params', request.params],
        ['querystring', request.query],
        ['body', request.body],
      ] as const
    ).flatMap(([part, value]) => nulPaths(value).map((path) => ({ part, path })));
    if (errors.length === 0) return;
    // Shaped like fastify's own validation problems: the detail names the part and field, `errors` their paths.
    const field = ({ part, path }: { part: string; path: string }): string => `${part}${path === '/' ? '' : path}`;
    throw new HttpProblem(400, PROBLEM.validation, `${errors.map(field).join(', ')} must not contain NUL (U+0000)`, {
      errors: errors.map((e) => ({ path: e.path, message: 'must not contain NUL (U+0000)' })),
    });
  });
}, { name: 'nul-guard' });
