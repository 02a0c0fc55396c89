import type { FastifyPluginAsyncTypebox, Static } from '@fastify/type-provider-typebox';
import { decodeCursor, type DocumentInput as DocumentInputValue } from '@docs-api/application';
import { HttpProblem, PROBLEM } from '../problem.js';
import { Document, DocumentInput, DocumentPage, IdParams, ListQuery, Problem, SlugParams } from '../schemas.js';

type Body = Static<typeof DocumentInput>;

function toInput(body: Body): DocumentInputValue {
  return {
    url: body.url,
    ...(body.slug === undefined ? {} : { slug: body.slug }),
    title: body.title,
    headings: body.headings ?? [],
    body: body.body,
    links: body.links ?? [],
    status: body.status ?? 200,
  };
}

function notFound(what: string): HttpProblem {
  return new HttpProblem(404, PROBLEM.notFound, `no document with ${what}`);
}

const errors = { 400: Problem, 404: Problem, 429: Problem, 503: Problem, 500: Problem };
/** What a write may answer besides: no or a refused token, a missing scope, a body over the limit. */
const writeErrors = { 401: Problem, 403: Problem, 413: Problem };

/** The scope every write needs (when access tokens are configured). */
export const WRITE_SCOPE = 'documents:write';

/** CRUD and keyset listing of documents; reads by id and slug go through the cache. */
export const documentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/documents', { schema: { querystring: ListQuery, response: { 200: DocumentPage, ...errors } } }, async (request) => {
    const { limit, cursor } = request.query;
    const decoded = cursor === undefined ? null : decodeCursor(cursor);
    if (cursor !== undefined && decoded === null) {
      throw new HttpProblem(400, PROBLEM.invalidCursor, 'the cursor is not one this API issued');
    }
    return app.documents.list(limit, decoded);
  });

  app.get('/documents/:id', { schema: { params: IdParams, response: { 200: Document, ...errors } } }, async (request) => {
    const document = await app.documents.getById(request.params.id);
    if (!document) throw notFound(`id ${request.params.id}`);
    return document;
  });

  app.get('/documents/by-slug/:slug', { schema: { params: SlugParams, response: { 200: Document, ...errors } } }, async (request) => {
    const document = await app.documents.getBySlug(request.params.slug);
    if (!document) throw notFound(`slug "${request.params.slug}"`);
    return document;
  });

  const writer = app.requireScope(WRITE_SCOPE);

  app.post('/documents', { onRequest: writer, schema: { body: DocumentInput, response: { 201: Document, 409: Problem, ...writeErrors, ...errors } } }, async (request, reply) => {
    const document = await app.documents.create(toInput(request.body));
    return reply.code(201).header('location', `/documents/${document.id}`).send(document);
  });

  app.put(
    '/documents/:id',
    { onRequest: writer, schema: { params: IdParams, body: DocumentInput, response: { 200: Document, 409: Problem, ...writeErrors, ...errors } } },
    async (request) => {
      const document = await app.documents.update(request.params.id, toInput(request.body));
      if (!document) throw notFound(`id ${request.params.id}`);
      return document;
    },
  );

  app.delete('/documents/:id', { onRequest: writer, schema: { params: IdParams, response: { 204: { type: 'null' }, ...writeErrors, ...errors } } }, async (request, reply) => {
    if (!(await app.documents.delete(request.params.id))) throw notFound(`id ${request.params.id}`);
    return reply.code(204).send(null);
  });
};
